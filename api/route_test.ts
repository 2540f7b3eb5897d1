/** defineRoute and idParam: the answers each kind of operation documents, and the one id rule for path ids. */
import { expect } from "expect";
import { z } from "zod";
import { adminWithTwoFactor, publicAccess, signedIn } from "@/auth/policy.ts";
import { isIdShaped, MAX_ID_LENGTH } from "@/services/platform/model.ts";
import { defineRoute, idParam, json, jsonBody } from "./route.ts";

Deno.test("idParam accepts exactly the id-shaped values, with a not-found message", () => {
  const param = idParam("offering", "An offering id.");
  for (const length of [0, 1, MAX_ID_LENGTH, MAX_ID_LENGTH + 1, 3000]) {
    const value = "x".repeat(length);
    expect({ length, accepted: param.safeParse(value).success }).toEqual({
      length,
      accepted: isIdShaped(value),
    });
  }
  const refused = param.safeParse("x".repeat(MAX_ID_LENGTH + 1));
  expect(refused.error?.issues[0].message).toBe("No such offering.");
});

Deno.test("defineRoute documents the answers an operation's kind can give", () => {
  const ok = json("Fine.", z.object({ ok: z.literal(true) }));
  // The added answers are documentation only: the route's type keeps the declared ones.
  const documented = (route: object) =>
    route as {
      security?: unknown;
      responses: Record<string, { description: string }>;
    };
  const statuses = (route: object) =>
    Object.keys(documented(route).responses).sort();

  const open = defineRoute({
    method: "get",
    path: "/open",
    operationId: "open",
    summary: "Public, no input",
    "x-access": publicAccess,
    responses: { 200: ok },
  });
  expect(statuses(open)).toEqual(["200"]);
  expect("security" in open).toBe(false);

  const write = defineRoute({
    method: "patch",
    path: "/things/{id}",
    operationId: "write",
    summary: "Admin write with an id and a body",
    "x-access": adminWithTwoFactor,
    request: {
      params: z.object({ id: idParam("thing", "A thing.") }),
      body: jsonBody(z.object({ name: z.string() })),
    },
    responses: { 200: ok },
  });
  expect(statuses(write)).toEqual(["200", "400", "401", "403", "404", "413"]);
  expect(documented(write).security).toEqual([{ sessionCookie: [] }]);
  const forbidden = documented(write).responses[403].description;
  expect(forbidden).toMatch(/two_factor_required/);
  expect(forbidden).toMatch(/csrf_rejected/);

  const own = defineRoute({
    method: "get",
    path: "/mine",
    operationId: "mine",
    summary: "Signed in, with an explicit 401",
    "x-access": signedIn,
    responses: { 200: ok, 401: json("Custom.", z.object({})) },
  });
  expect(statuses(own)).toEqual(["200", "401"]);
  expect(own.responses[401].description).toBe("Custom.");
});

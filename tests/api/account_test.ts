/**
 * The account API's input rules are the model's: names, time zones and
 * malformed or mistyped bodies, with every answer checked against the
 * generated OpenAPI document.
 */
import { expect } from "expect";
import {
  NAME_MAX_LENGTH,
  TIME_ZONE_MESSAGE,
} from "@/services/platform/model.ts";
import { signUp, TEST_PASSWORD, uniqueEmail } from "@/tests/support/auth.ts";
import { createCheckedAuthApp } from "./support.ts";

Deno.test("PATCH /api/me takes canonical IANA time zones only, with the model's message", async () => {
  await using app = await createCheckedAuthApp();
  const client = await signUp(app, "learner");
  for (const timeZone of ["EST", "US/Eastern", "Mars/Olympus"]) {
    const refused = await client.api("PATCH", "/api/me", { timeZone });
    expect({ timeZone, status: refused.status }).toEqual({
      timeZone,
      status: 400,
    });
    expect(refused.body.error).toBe("validation_error");
    expect(refused.body.details.timeZone).toEqual([TIME_ZONE_MESSAGE]);
  }
  const accepted = await client.api("PATCH", "/api/me", {
    timeZone: "America/New_York",
  });
  expect(accepted.status).toBe(200);
  expect(accepted.body.user.timeZone).toBe("America/New_York");
  expect((await client.api("GET", "/api/me")).body.user.timeZone).toBe(
    "America/New_York",
  );
});

Deno.test("names are limited as documented, at sign-up and afterwards", async () => {
  await using app = await createCheckedAuthApp();
  const signup = (name: string) =>
    app.client().api("POST", "/api/auth/signup", {
      acceptTerms: true,
      email: uniqueEmail(),
      password: TEST_PASSWORD,
      name,
      role: "learner",
    });
  const tooLong = await signup("x".repeat(NAME_MAX_LENGTH + 1));
  expect(tooLong.status).toBe(400);
  expect(Object.keys(tooLong.body.details)).toEqual(["name"]);
  const longest = await signup("x".repeat(NAME_MAX_LENGTH));
  expect(longest.status).toBe(201);

  const client = await signUp(app, "expert");
  const renamed = await client.api("PATCH", "/api/me", {
    name: "y".repeat(NAME_MAX_LENGTH + 1),
  });
  expect(renamed.status).toBe(400);
  expect(Object.keys(renamed.body.details)).toEqual(["name"]);
  const blank = await client.api("PATCH", "/api/me", { name: "   " });
  expect(blank.status).toBe(400);
});

Deno.test("bodies that are not a JSON object are a 400 in the error shape", async () => {
  await using app = await createCheckedAuthApp();
  const client = await signUp(app, "learner");
  const send = async (body: string, type?: string) => {
    const response = await client.request("/api/me", {
      method: "PATCH",
      headers: type ? { "content-type": type } : {},
      body,
    });
    return { status: response.status, body: await response.json() };
  };
  const malformed = await send("{not json", "application/json");
  expect(malformed).toMatchObject({
    status: 400,
    body: { error: "invalid_json" },
  });
  const empty = await send("", "application/json");
  expect(empty).toMatchObject({ status: 400, body: { error: "invalid_json" } });
  const form = await send("name=Ada", "application/x-www-form-urlencoded");
  expect(form).toMatchObject({
    status: 400,
    body: { error: "unsupported_media_type" },
  });
  // A string body without a declared type goes as text/plain.
  const plainText = await send('{"name":"Ada"}');
  expect(plainText).toMatchObject({
    status: 400,
    body: { error: "unsupported_media_type" },
  });
  const notAnObject = await send("[1, 2]", "application/json");
  expect(notAnObject).toMatchObject({
    status: 400,
    body: { error: "validation_error" },
  });
  expect(notAnObject.body.details._root).toHaveLength(1);
  // None of it changed the account.
  expect((await client.api("GET", "/api/me")).body.user.name).toBe(
    "Test learner",
  );
});

Deno.test("query parameters are validated like bodies", async () => {
  await using app = await createCheckedAuthApp();
  const client = await signUp(app, "learner");
  const answer = await client.api("GET", "/api/me/security-events?limit=0");
  expect(answer.status).toBe(400);
  expect(answer.body.error).toBe("validation_error");
  expect(Object.keys(answer.body.details)).toEqual(["limit"]);
});

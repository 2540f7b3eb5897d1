import { expect } from "expect";
import { HttpError } from "@/framework/http_error.ts";
import type { PublicUser } from "@/services/auth/mod.ts";
import { requireUser } from "./user.ts";

Deno.test("requireUser returns the signed-in user", () => {
  const user = { id: "01USER", name: "Ada" } as PublicUser;
  expect(requireUser({ user })).toBe(user);
});

Deno.test("requireUser answers 401 when nobody is signed in", () => {
  let thrown: unknown;
  try {
    requireUser({ user: null });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(HttpError);
  expect((thrown as HttpError).status).toBe(401);
});

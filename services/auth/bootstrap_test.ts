import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { ensureAdmin } from "./bootstrap.ts";
import { WeakPasswordError } from "./errors.ts";
import { newLearner } from "./test_support.ts";
import { getUser } from "./users.ts";

Deno.test("ensureAdmin never takes over an existing account", async () => {
  using kv = await openTestKv();
  const { user } = await newLearner(kv);
  const result = await ensureAdmin(kv, {
    email: user.email,
    password: "admin passphrase 1",
  });
  expect(result.created).toBe(false);
  expect(result.reason).toMatch(/learner/);
  expect((await getUser(kv, user.id))?.role).toBe("learner");
  await ensureAdmin(kv, {
    email: "root@example.com",
    password: "admin passphrase 1",
  });
  expect(
    await ensureAdmin(kv, {
      email: "root@example.com",
      password: "admin passphrase 1",
    }),
  ).toEqual({ created: false });
  await expect(
    ensureAdmin(kv, { email: "x@example.com", password: "password123" }),
  ).rejects.toThrow(WeakPasswordError);
});

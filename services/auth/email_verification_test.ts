import { expect } from "expect";
import { ConflictError } from "@/services/platform/errors.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { resendVerification, verifyEmail } from "./email_verification.ts";
import { InvalidTokenError, RateLimitedError } from "./errors.ts";
import {
  DAY,
  eventTypes,
  linkToken,
  meta,
  newLearner,
} from "./test_support.ts";
import { getUser } from "./users.ts";

Deno.test("the email verification link works exactly once, even used twice at once", async () => {
  using kv = await openTestKv();
  const { user } = await newLearner(kv);
  const token = await linkToken(kv, user.email, "/verify-email");
  const results = await Promise.allSettled([
    verifyEmail(kv, token, meta),
    verifyEmail(kv, token, meta),
  ]);
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  const failed = results.find((r) => r.status === "rejected");
  expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(
    InvalidTokenError,
  );
  expect((await getUser(kv, user.id))?.emailVerified).toBe(true);
  await expect(verifyEmail(kv, token, meta)).rejects.toThrow(InvalidTokenError);
  await expect(verifyEmail(kv, "garbage", meta)).rejects.toThrow(
    InvalidTokenError,
  );
  expect(await eventTypes(kv, user.id)).toContain("email_verified");
  await expect(resendVerification(kv, user.id, meta)).rejects.toThrow(
    ConflictError,
  );
});

Deno.test("verification links expire after 24 hours; resending is limited", async () => {
  using clock = useFakeClock();
  using kv = await openTestKv();
  const { user } = await newLearner(kv);
  const token = await linkToken(kv, user.email, "/verify-email");
  clock.advance(DAY + 1000);
  await expect(verifyEmail(kv, token, meta)).rejects.toThrow(InvalidTokenError);
  for (let i = 0; i < 5; i++) await resendVerification(kv, user.id, meta);
  await expect(resendVerification(kv, user.id, meta)).rejects.toThrow(
    RateLimitedError,
  );
  const fresh = await linkToken(kv, user.email, "/verify-email");
  expect((await verifyEmail(kv, fresh, meta)).emailVerified).toBe(true);
});

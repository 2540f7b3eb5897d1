import { expect } from "expect";
import { useFakeClock } from "@/services/platform/clock.ts";
import {
  consumeRateLimit,
  enforceRateLimit,
  RATE_LIMITS,
} from "./rate_limits.ts";
import { RateLimitedError } from "./errors.ts";

Deno.test("a fixed window allows `limit` attempts, then says when it ends", async () => {
  using clock = useFakeClock(new Date("2030-01-01T00:00:10Z"));
  using kv = await Deno.openKv(":memory:");
  const rule = { limit: 3, windowSeconds: 60 };
  for (let i = 0; i < 3; i++) {
    expect((await consumeRateLimit(kv, "test", "k", rule)).allowed).toBe(true);
  }
  expect(await consumeRateLimit(kv, "test", "k", rule)).toEqual({
    allowed: false,
    retryAfterSeconds: 50,
  });
  // Other keys and buckets count separately.
  expect((await consumeRateLimit(kv, "test", "other", rule)).allowed).toBe(
    true,
  );
  expect((await consumeRateLimit(kv, "else", "k", rule)).allowed).toBe(true);
  clock.advance(50_000);
  expect((await consumeRateLimit(kv, "test", "k", rule)).allowed).toBe(true);
});

Deno.test("enforceRateLimit throws RateLimitedError with retryAfterSeconds", async () => {
  using kv = await Deno.openKv(":memory:");
  for (let i = 0; i < RATE_LIMITS.loginPerEmail.limit; i++) {
    await enforceRateLimit(kv, RATE_LIMITS.loginPerEmail, "a@example.com");
  }
  const error = await enforceRateLimit(
    kv,
    RATE_LIMITS.loginPerEmail,
    "a@example.com",
  ).catch((e) => e);
  expect(error).toBeInstanceOf(RateLimitedError);
  expect(error.status).toBe(429);
  expect(error.retryAfterSeconds).toBeGreaterThan(0);
});

Deno.test("two KV handles on one file (two processes) share the count exactly", async () => {
  const dir = await Deno.makeTempDir();
  try {
    using first = await Deno.openKv(`${dir}/limits.kv`);
    using second = await Deno.openKv(`${dir}/limits.kv`);
    const rule = { limit: 7, windowSeconds: 3600 };
    const results = await Promise.all(
      Array.from(
        { length: 20 },
        (_, i) => consumeRateLimit(i % 2 ? first : second, "b", "k", rule),
      ),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(7);
    expect(
      (await first.get([
        "rate_limits",
        "b",
        "k",
        Math.floor(Date.now() / 3_600_000),
      ])).value,
    )
      .toBe(7);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

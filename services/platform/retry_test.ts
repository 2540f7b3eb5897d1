import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { ConflictError, NotFoundError } from "./errors.ts";
import {
  backoffDelay,
  DEFAULT_CONFLICT_MESSAGE,
  RETRY,
  untilCommitted,
} from "./retry.ts";

Deno.test("untilCommitted returns the first committed result", async () => {
  let calls = 0;
  const result = await untilCommitted(() => {
    calls++;
    return Promise.resolve(calls < 3 ? RETRY : `done after ${calls}`);
  });
  expect(result).toBe("done after 3");
  expect(calls).toBe(3);
});

Deno.test("untilCommitted gives up with a ConflictError after its attempts", async () => {
  let calls = 0;
  const always = () => {
    calls++;
    return Promise.resolve(RETRY);
  };
  const error = await untilCommitted(always, { attempts: 4, firstDelayMs: 1 })
    .catch((e) => e);
  expect(error).toBeInstanceOf(ConflictError);
  expect(error.message).toBe(DEFAULT_CONFLICT_MESSAGE);
  expect(calls).toBe(4);
  await expect(
    untilCommitted(always, {
      attempts: 2,
      firstDelayMs: 1,
      conflictMessage: "The booking changed; try again.",
    }),
  ).rejects.toThrow("The booking changed; try again.");
});

Deno.test("untilCommitted lets an attempt's own error through at once", async () => {
  let calls = 0;
  await expect(untilCommitted(() => {
    calls++;
    throw new NotFoundError("No such thing.");
  })).rejects.toThrow(NotFoundError);
  expect(calls).toBe(1);
});

Deno.test("untilCommitted pauses between attempts, not after the last", async () => {
  const started = performance.now();
  await expect(untilCommitted(() => Promise.resolve(RETRY), {
    attempts: 3,
    firstDelayMs: 20,
  })).rejects.toThrow(ConflictError);
  // Two pauses: at least 10 + 20 ms (half of 20 and of 40).
  expect(performance.now() - started).toBeGreaterThanOrEqual(29);
});

Deno.test("backoffDelay doubles up to its cap and spreads each pause", () => {
  const low = () => 0;
  const high = () => 0.999999;
  const options = { firstDelayMs: 10, maxDelayMs: 80 };
  expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, low))).toEqual([
    5,
    10,
    20,
    40,
    40,
  ]);
  expect(backoffDelay(1, options, high)).toBeCloseTo(15);
  expect(backoffDelay(9, options, high)).toBeCloseTo(120);
  const spread = new Set(
    Array.from({ length: 20 }, () => backoffDelay(3, options)),
  );
  expect(spread.size).toBeGreaterThan(1);
});

Deno.test("concurrent read-check-write increments all commit exactly once", async () => {
  using kv = await openTestKv();
  const key = ["counter"];
  const increment = () =>
    untilCommitted(async () => {
      const entry = await kv.get<number>(key);
      const next = (entry.value ?? 0) + 1;
      const result = await kv.atomic().check(entry).set(key, next).commit();
      return result.ok ? next : RETRY;
    }, { attempts: 50, firstDelayMs: 1 });
  const results = await Promise.all(Array.from({ length: 8 }, increment));
  expect(results.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  expect((await kv.get<number>(key)).value).toBe(8);
});

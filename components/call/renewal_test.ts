import { expect } from "expect";
import {
  RENEW_LEAD_MS,
  renewalDelayMs,
  type RenewalResult,
  RETRY_RENEW_MS,
  scheduleRenewal,
  type Timers,
} from "./renewal.ts";

const iso = (ms: number) => new Date(ms).toISOString();

Deno.test("a token is renewed a minute before it expires (halfway when it is short)", () => {
  const now = Date.parse("2030-01-01T10:00:00Z");
  expect(renewalDelayMs(iso(now + 5 * 60_000), now)).toBe(4 * 60_000);
  expect(renewalDelayMs(iso(now + 60_000), now)).toBe(30_000);
  expect(renewalDelayMs(iso(now + 4_000), now)).toBe(2_000);
  expect(renewalDelayMs(iso(now - 1), now)).toBe(0);
});

/** Timers that run only when the test moves time on. */
function fakeTimers(start: number) {
  let time = start;
  let next = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    setTimeout: (run, ms) => {
      pending.set(next, { at: time + ms, run });
      return next++;
    },
    clearTimeout: (id) => void pending.delete(id),
    now: () => time,
  };
  return {
    timers,
    pending,
    /** Moves to the next timer and runs it (and what it awaited). */
    async fire() {
      const [id, job] = [...pending].sort((a, b) => a[1].at - b[1].at)[0];
      pending.delete(id);
      time = job.at;
      job.run();
      for (let i = 0; i < 5; i++) await Promise.resolve();
      return time;
    },
  };
}

Deno.test("renewal keeps going before each expiry, retries failures, and stops when refused or stopped", async () => {
  const start = Date.parse("2030-01-01T10:00:00Z");
  const clock = fakeTimers(start);
  const answers: (RenewalResult | Error)[] = [
    { expiresAt: iso(start + 4 * 60_000 + 5 * 60_000) },
    new Error("offline"),
    { expiresAt: iso(start + 8 * 60_000 + RETRY_RENEW_MS + 5 * 60_000) },
    "refused",
  ];
  const calls: number[] = [];
  const stop = scheduleRenewal(
    iso(start + 5 * 60_000),
    () => {
      calls.push(clock.timers.now());
      const answer = answers.shift()!;
      return answer instanceof Error
        ? Promise.reject(answer)
        : Promise.resolve(answer);
    },
    clock.timers,
  );
  expect(await clock.fire()).toBe(start + 5 * 60_000 - RENEW_LEAD_MS);
  expect(await clock.fire()).toBe(start + 8 * 60_000);
  expect(await clock.fire()).toBe(start + 8 * 60_000 + RETRY_RENEW_MS);
  expect(await clock.fire()).toBe(start + 12 * 60_000 + RETRY_RENEW_MS);
  expect(calls).toHaveLength(4);
  // Refused: nothing more is planned.
  expect(clock.pending.size).toBe(0);
  stop();

  const again = fakeTimers(start);
  const stopSoon = scheduleRenewal(
    iso(start + 5 * 60_000),
    () => Promise.resolve({ expiresAt: iso(start) }),
    again.timers,
  );
  expect(again.pending.size).toBe(1);
  stopSoon();
  expect(again.pending.size).toBe(0);
});

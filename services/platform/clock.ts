/**
 * The time the account flows see. Expiry rules (sessions, links, lockouts,
 * rate-limit windows) read `now()` so tests can move time forward instead of
 * waiting; production always uses the real clock.
 */
import { defineProviderSlot, providerFor } from "./providers.ts";

let current: () => Date = () => new Date();

/** The current time. */
export function now(): Date {
  return current();
}

/**
 * Replaces the clock until the returned handle is disposed:
 * `using clock = useFakeClock(new Date("2030-01-01")); clock.advance(60_000);`
 */
export function useFakeClock(
  start: Date = new Date(),
): { advance(ms: number): void; set(date: Date): void } & Disposable {
  let time = start.getTime();
  const previous = current;
  current = () => new Date(time);
  return {
    advance(ms) {
      time += ms;
    },
    set(date) {
      time = date.getTime();
    },
    [Symbol.dispose]() {
      current = previous;
    },
  };
}

/** A source of the current time, as a provider (see ./providers.ts). */
export interface Clock {
  now(): Date;
}

/**
 * The process clock: `now()` above, so `useFakeClock` moves it too. The
 * only clock main.ts binds; a test may bind its own to one app's database.
 */
export const systemClock: Clock = { now: () => now() };

/** The clock slot; unbound databases get the system clock. */
export const clockProvider = defineProviderSlot<Clock>(
  "clock",
  () => systemClock,
);

/** The clock bound to `kv` (the system clock unless a test bound another). */
export function clockFor(kv: Deno.Kv): Clock {
  return providerFor(kv, clockProvider);
}

/**
 * The time the account flows see. Expiry rules (sessions, links, lockouts,
 * rate-limit windows) read `now()` so tests can move time forward instead of
 * waiting; production always uses the real clock.
 */

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

/**
 * The read-check-write loop for Deno KV writes that must not race.
 *
 * A flow reads what it depends on, builds an atomic operation that checks
 * those reads' versionstamps, and commits. When another writer got there
 * first the check fails and nothing was written: the flow reads again and
 * retries. `untilCommitted` runs that loop with a growing, jittered pause
 * between attempts (so writers that collided do not collide again in step)
 * and gives up with a ConflictError the caller can show, never looping
 * forever and never ignoring a failed check.
 *
 * @example
 * ```ts
 * const balance = await untilCommitted(async () => {
 *   const entry = await kv.get<number>(["balance", id]);
 *   const next = (entry.value ?? 0) + amount;
 *   const result = await kv.atomic().check(entry).set(entry.key, next).commit();
 *   return result.ok ? next : RETRY;
 * }, { conflictMessage: "The balance changed at the same time; try again." });
 * ```
 */
import { ConflictError } from "./errors.ts";
import { withLockRetry } from "./kv.ts";

/** Returned by an attempt whose atomic check failed: read again and retry. */
export const RETRY = Symbol("retry");

export interface RetryOptions {
  /** Attempts before giving up (default 10). */
  attempts?: number;
  /** The ConflictError's message: what changed, and what the user can do. */
  conflictMessage?: string;
  /** The middle of the first pause in milliseconds (default 5); it doubles. */
  firstDelayMs?: number;
  /** The longest pause's middle in milliseconds (default 200). */
  maxDelayMs?: number;
}

const DEFAULT_ATTEMPTS = 10;
const DEFAULT_FIRST_DELAY_MS = 5;
const DEFAULT_MAX_DELAY_MS = 200;
export const DEFAULT_CONFLICT_MESSAGE =
  "Someone else changed this at the same time; try again.";

/**
 * The pause before retry number `retry` (1 for the first retry): the delay
 * doubles from `firstDelayMs` up to `maxDelayMs`, and is then spread
 * uniformly over half to one and a half times itself, so two writers that
 * collided pick different moments to try again.
 */
export function backoffDelay(
  retry: number,
  { firstDelayMs = DEFAULT_FIRST_DELAY_MS, maxDelayMs = DEFAULT_MAX_DELAY_MS }:
    Pick<RetryOptions, "firstDelayMs" | "maxDelayMs"> = {},
  random: () => number = Math.random,
): number {
  const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** (retry - 1));
  return delay / 2 + random() * delay;
}

/**
 * Runs `attempt` (a read-check-write) until it commits and returns its
 * result. The attempt returns `RETRY` when its atomic check failed because
 * something changed between its read and its write; each attempt starts from
 * fresh reads, and the local backend's transient `database is locked` is
 * retried within an attempt (`withLockRetry`). An error the attempt throws
 * (a validation or not-found error decided on fresh data) ends the loop at
 * once. After `attempts` failed checks: ConflictError.
 */
export async function untilCommitted<T>(
  attempt: () => Promise<T | typeof RETRY>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  for (let i = 1; i <= attempts; i++) {
    const result = await withLockRetry(attempt);
    if (result !== RETRY) return result as T;
    if (i < attempts) {
      await new Promise((resolve) =>
        setTimeout(resolve, backoffDelay(i, options))
      );
    }
  }
  throw new ConflictError(
    options.conflictMessage ?? DEFAULT_CONFLICT_MESSAGE,
  );
}

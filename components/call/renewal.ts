/**
 * Keeping a LiveKit access token fresh while the call page is open. The
 * server issues tokens for a few minutes only (so a removed participant
 * cannot come back for long); the page asks again (POST …/call) a minute
 * before each expires, so a reconnect always has a valid token. A failed
 * renewal is retried soon; a refusal (the window closed, the booking was
 * cancelled) stops renewing.
 */

/** Renew this long before the token expires… */
export const RENEW_LEAD_MS = 60_000;
/** …but never sooner than this after the last renewal (short tokens: halfway). */
export const MIN_RENEW_DELAY_MS = 5_000;
/** After a failed renewal (network), try again this soon. */
export const RETRY_RENEW_MS = 10_000;

/** How long to wait before renewing a token that expires at `expiresAt`. */
export function renewalDelayMs(expiresAt: string, nowMs: number): number {
  const left = Date.parse(expiresAt) - nowMs;
  if (!(left > 0)) return 0;
  const delay = left > 2 * RENEW_LEAD_MS ? left - RENEW_LEAD_MS : left / 2;
  return Math.max(Math.min(MIN_RENEW_DELAY_MS, left / 2), Math.round(delay));
}

/** What a renewal returns: the new expiry, or "refused" to stop. */
export type RenewalResult = { expiresAt: string } | "refused";

export interface Timers {
  setTimeout(run: () => void, ms: number): number;
  clearTimeout(id: number): void;
  now(): number;
}

const browserTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms) as unknown as number,
  clearTimeout: (id) => clearTimeout(id),
  now: () => Date.now(),
};

/**
 * Renews before each expiry until stopped (the returned function) or
 * refused. `renew` throwing means "try again soon".
 */
export function scheduleRenewal(
  expiresAt: string,
  renew: () => Promise<RenewalResult>,
  timers: Timers = browserTimers,
): () => void {
  let timer: number | null = null;
  let stopped = false;
  const plan = (ms: number) => {
    if (!stopped) timer = timers.setTimeout(run, ms);
  };
  const run = async () => {
    timer = null;
    let result: RenewalResult;
    try {
      result = await renew();
    } catch {
      plan(RETRY_RENEW_MS);
      return;
    }
    if (result === "refused") stopped = true;
    else plan(renewalDelayMs(result.expiresAt, timers.now()));
  };
  plan(renewalDelayMs(expiresAt, timers.now()));
  return () => {
    stopped = true;
    if (timer !== null) timers.clearTimeout(timer);
  };
}

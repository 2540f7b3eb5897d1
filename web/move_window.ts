/**
 * Which week of free times the booking page offers for moving a session.
 * It opens on the week around the session's current time (from three days
 * before it, or from now when that is sooner), because a session is mostly
 * moved a little, and pages a week at a time (`?move=-1`, `?move=1`) from
 * now up to the furthest the slot search reads ahead.
 */

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** How far before the session's time its first week begins. */
const LEAD_MS = 3 * DAY_MS;
/** The furthest `?move=` pages, either way. */
const MAX_STEPS = 12;

export interface MoveWindow {
  from: number;
  to: number;
  /** The `move` values of the weeks before and after, null at either end. */
  earlier: number | null;
  later: number | null;
}

/**
 * The week `step` weeks from the one around `startMs`, never before
 * `nowMs` and never past `horizonDays` from it.
 *
 * @example
 * // A session in three weeks opens on the week around it.
 * moveWindow(now, now + 21 * DAY_MS, 0, 62).from === now + 18 * DAY_MS;
 */
export function moveWindow(
  nowMs: number,
  startMs: number,
  step: number,
  horizonDays: number,
): MoveWindow {
  const horizon = nowMs + horizonDays * DAY_MS;
  const base = Math.max(nowMs, startMs - LEAD_MS);
  const from = Math.min(Math.max(nowMs, base + step * WEEK_MS), horizon);
  const to = Math.min(from + WEEK_MS, horizon);
  return {
    from,
    to,
    earlier: from > nowMs && step > -MAX_STEPS ? step - 1 : null,
    later: to < horizon && step < MAX_STEPS ? step + 1 : null,
  };
}

/** The `?move=` of a URL: a whole number of weeks, 0 when absent or odd. */
export function moveStep(url: URL): number {
  const raw = url.searchParams.get("move");
  const step = raw === null ? 0 : Number(raw);
  return Number.isInteger(step) && Math.abs(step) <= MAX_STEPS ? step : 0;
}

/**
 * An expert's next free time: the soonest start at which any of their
 * active session offerings can be booked now, from the slot engine with
 * everything a booking is checked against (hours, overrides, notice,
 * horizon, daily limit, buffers, bookings and live holds, external
 * calendars) — the very slots the booking widget lists (`offeringSlots`).
 *
 * Only the shortest offering is asked: a start free for a longer session
 * is free for a shorter one (every rule only gets harder as a session
 * grows), so the shortest offering's first slot is the soonest of all.
 * The search looks at the next 7 days first (what browse filters on), then
 * on to the widest window one slot query allows; an expert free only later
 * than that counts as having no free time.
 */
import {
  MAX_SLOT_WINDOW_DAYS,
  offeringSlots,
} from "@/services/bookings/mod.ts";
import {
  getPublishedExpert,
  type NextFreeFinding,
} from "@/services/experts/mod.ts";
import { listOfferings } from "@/services/offerings/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { NotFoundError } from "@/services/platform/errors.ts";

const DAY_MS = 86_400_000;

/** The windows searched in turn, in days from now. */
const WINDOWS: readonly [number, number][] = [
  [0, 7],
  [7, MAX_SLOT_WINDOW_DAYS],
];

/** Computes the expert's next free time as of the database's clock. */
export async function findNextFree(
  kv: Deno.Kv,
  expertId: string,
): Promise<NextFreeFinding> {
  const expert = await getPublishedExpert(kv, expertId);
  if (!expert || expert.hiddenWhileSuspended) return { listed: false };
  const sessions = (await listOfferings(kv, expertId)).filter((offering) =>
    offering.kind === "session"
  );
  if (sessions.length === 0) return { listed: true, start: null };
  const shortest = sessions.reduce((a, b) =>
    b.durationMinutes < a.durationMinutes ? b : a
  );
  const now = clockFor(kv).now().getTime();
  for (const [fromDays, toDays] of WINDOWS) {
    let slots;
    try {
      ({ slots } = await offeringSlots(kv, expertId, {
        offeringId: shortest.id,
        from: new Date(now + fromDays * DAY_MS).toISOString(),
        to: new Date(now + toDays * DAY_MS).toISOString(),
      }));
    } catch (error) {
      // Unpublished between the reads above and this one.
      if (error instanceof NotFoundError) return { listed: false };
      throw error;
    }
    if (slots.length > 0) return { listed: true, start: slots[0].start };
  }
  return { listed: true, start: null };
}

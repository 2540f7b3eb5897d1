/**
 * After the session: background work from an index of due work in KV
 * (["booking_due", dueAtMs, bookingId] → step), run by a job the cron
 * queues every minute.
 *
 *   complete  (at the end)       confirmed → completed; the escrow moves to
 *                                the expert's pending earnings less the
 *                                commission the booking recorded; the
 *                                release falls due a dispute window later
 *   release   (window's end)     the pending earnings become available,
 *                                unless the learner reported a problem
 *
 * Each step commits with a check on its due key and on the booking, and
 * deletes the due key in the same atomic, so a step runs exactly once even
 * when several processes run the job at once; the postings are idempotent
 * by booking id besides. Work left while the app was down is simply due
 * the next time the job runs. The same index carries the reminders before
 * the session (reminders.ts), which this job hands over.
 */
import { z } from "zod";
import { clockFor } from "@/services/platform/clock.ts";
import { defineCron, defineJob, enqueue } from "@/services/platform/jobs.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  commissionOf,
  completeBooking,
  escrowAccount,
  getBalance,
  type PostingInput,
  preparePostings,
  releaseEarnings,
} from "@/services/ledger/mod.ts";
import { getSettings } from "@/services/settings/mod.ts";
import type { Booking } from "./model.ts";
import { holdSettleJob, openHoldIds } from "./holds.ts";
import { isReminderStep, type ReminderStep, runReminder } from "./reminders.ts";
import {
  addBookingEvent,
  DUE_PREFIX,
  dueKey,
  getBookingEntry,
  writeBooking,
} from "./store.ts";

export type DueStep = "complete" | "release" | ReminderStep;

const HOUR_MS = 3_600_000;

/** Work items handled per run at most; the rest wait for the next run. */
export const MAX_DUE_PER_RUN = 500;

/** What one step of one booking does, or null when there is nothing to do. */
async function stepEffect(
  kv: Deno.Kv,
  booking: Booking,
  step: DueStep,
  now: Date,
): Promise<
  { next: Booking; postings: PostingInput[]; then?: number } | null
> {
  const at = now.toISOString();
  const money = { bookingId: booking.id, currency: booking.currency };
  if (step === "complete") {
    if (booking.status !== "confirmed") return null;
    const escrow = await getBalance(
      kv,
      escrowAccount(booking.id),
      booking.currency,
    );
    const earnings = escrow - commissionOf(escrow, booking.commissionPercent);
    const { disputeWindowHours } = await getSettings(kv);
    const releaseAt = now.getTime() + disputeWindowHours * HOUR_MS;
    return {
      next: {
        ...booking,
        status: "completed",
        completedAt: at,
        expertEarningsMinor: earnings,
        releaseAt: new Date(releaseAt).toISOString(),
        updatedAt: at,
      },
      postings: escrow > 0
        ? [completeBooking({
          ...money,
          expertId: booking.expertId,
          escrowMinor: escrow,
          commissionPercent: booking.commissionPercent,
        })]
        : [],
      then: releaseAt,
    };
  }
  if (booking.status !== "completed" || booking.releasedAt !== null) {
    return null;
  }
  const earnings = booking.expertEarningsMinor ?? 0;
  return {
    next: { ...booking, releasedAt: at, updatedAt: at },
    postings: earnings > 0
      ? [releaseEarnings({
        ...money,
        expertId: booking.expertId,
        amountMinor: earnings,
      })]
      : [],
  };
}

/**
 * Runs the step due at `dueAtMs` for `bookingId`, once. Returns whether
 * this call did it (false: done elsewhere already, or nothing to do).
 */
export async function runDueStep(
  kv: Deno.Kv,
  dueAtMs: number,
  bookingId: string,
): Promise<boolean> {
  return await untilCommitted(async () => {
    const due = await kv.get<DueStep>(dueKey(dueAtMs, bookingId));
    if (due.versionstamp === null) return false;
    if (isReminderStep(due.value)) return await runReminder(kv, due, bookingId);
    const found = await getBookingEntry(kv, bookingId);
    const now = clockFor(kv).now();
    const effect = found &&
      await stepEffect(kv, found.booking, due.value!, now);
    const op = kv.atomic().check(due).delete(due.key);
    if (!found || !effect) return (await op.commit()).ok ? false : RETRY;
    const prepared = await preparePostings(kv, effect.postings);
    op.check(found.entry);
    writeBooking(op, effect.next, found.booking);
    if (effect.then !== undefined) {
      op.set(dueKey(effect.then, bookingId), "release");
    }
    addBookingEvent(op, {
      bookingId,
      at: now.toISOString(),
      type: due.value === "complete" ? "completed" : "released",
      actorId: null,
      details: {},
    });
    prepared.addTo(op);
    return (await op.commit()).ok ? true : RETRY;
  });
}

/** Runs every step due by now (up to `limit`); returns how many it did. */
export async function processDueWork(
  kv: Deno.Kv,
  options: { limit?: number } = {},
): Promise<number> {
  const nowMs = clockFor(kv).now().getTime();
  const due: [number, string][] = [];
  for await (
    const entry of kv.list({
      start: DUE_PREFIX,
      end: [...DUE_PREFIX, nowMs + 1],
    }, { limit: options.limit ?? MAX_DUE_PER_RUN })
  ) {
    due.push([entry.key[1] as number, entry.key[2] as string]);
  }
  let done = 0;
  for (const [dueAtMs, bookingId] of due) {
    try {
      if (await runDueStep(kv, dueAtMs, bookingId)) done++;
    } catch (error) {
      // One booking's trouble must not hold up the others; it stays due.
      console.error(`Booking ${bookingId}: due work failed:`, error);
    }
  }
  return done;
}

/** Completes and releases what is due, and settles open holds. */
export const bookingDueWorkJob = defineJob({
  name: "bookings.due_work",
  payload: z.object({}),
  retry: [60_000],
  async handler(_payload, { kv }) {
    await processDueWork(kv);
    for (const holdId of await openHoldIds(kv)) {
      await enqueue(kv, holdSettleJob, { holdId });
    }
  },
});

/** Every minute: queue the due work (each process may; each step runs once). */
export const bookingDueWorkCron = defineCron({
  name: "bookings due work",
  schedule: "* * * * *",
  run: async (kv) => {
    await enqueue(kv, bookingDueWorkJob, {});
  },
});

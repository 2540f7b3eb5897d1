/**
 * After the session: background work from an index of due work in KV
 * (["booking_due", dueAtMs, bookingId] → step), run by a job the cron
 * queues every minute.
 *
 *   complete  (when the call's     by attendance (services/calls
 *             join window closes, `attendanceOutcomeFor`):
 *             15 minutes after     - both joined: confirmed → completed; the
 *             the end)               escrow moves to the expert's pending
 *                                    earnings less the commission the
 *                                    booking recorded; the release falls due
 *                                    a dispute window later
 *                                  - the learner never joined: → no_show,
 *                                    and the expert is paid exactly as above
 *                                  - the expert never joined: cancelled as
 *                                    the expert's cancellation (cancel.ts):
 *                                    the learner gets the whole price back
 *                                    (a package session, its credit) and it
 *                                    counts on the expert's record
 *   release   (dispute window's    the pending earnings become available,
 *             end)                 unless the learner reported a problem
 *
 * Neither joined: refunded like the expert's absence. Showing up, and
 * opening the call, is the expert's part of the bargain; the learner paid
 * for a session that did not happen, and the platform cannot tell which
 * side failed, so the learner is not the one left out of pocket. (The
 * rule itself is the calls feature's, `attendanceOutcome`.)
 *
 * The step waits for the window to close because attendance is final only
 * then: someone may still join late. A step found due before that (queued
 * at the end by an earlier version) is put off until the window closes.
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
import { type Booking, isSettled } from "./model.ts";
import { attendanceOutcomeFor } from "@/services/calls/mod.ts";
import { stageCancellation } from "./cancel.ts";
import { holdSettleJob, openHoldIds } from "./holds.ts";
import { notifyBooking } from "./notifications.ts";
import { isReminderStep, type ReminderStep, runReminder } from "./reminders.ts";
import {
  addBookingEvent,
  completionDueAt,
  DUE_PREFIX,
  dueKey,
  getBookingEntry,
  writeBooking,
} from "./store.ts";

export type DueStep = "complete" | "release" | ReminderStep;

const HOUR_MS = 3_600_000;

/** Work items handled per run at most; the rest wait for the next run. */
export const MAX_DUE_PER_RUN = 500;

/** What one step of one booking does. */
type StepEffect =
  /** Attendance is not final yet (a step queued at the end): due again then. */
  | { kind: "later"; dueAtMs: number }
  /** The expert never joined: a full refund, as the expert's cancellation. */
  | { kind: "refund" }
  /** Completed (or a no-show, paid alike), or released. */
  | {
    kind: "settle";
    next: Booking;
    postings: PostingInput[];
    event: "completed" | "no_show" | "released";
    /** When the release falls due. */
    then?: number;
  };

/** The reason an expert's absence gives as their cancellation. */
export const EXPERT_ABSENT_REASON =
  "The expert did not join the session's call, so it was cancelled and refunded in full.";

/** What one step of one booking does, or null when there is nothing to do. */
async function stepEffect(
  kv: Deno.Kv,
  booking: Booking,
  step: DueStep,
  now: Date,
): Promise<StepEffect | null> {
  const at = now.toISOString();
  const money = { bookingId: booking.id, currency: booking.currency };
  if (step === "complete") {
    if (booking.status !== "confirmed") return null;
    const attendance = await attendanceOutcomeFor(kv, booking);
    if (!attendance.final) {
      return { kind: "later", dueAtMs: completionDueAt(booking) };
    }
    if (attendance.refundLearnerInFull) return { kind: "refund" };
    const escrow = await getBalance(
      kv,
      escrowAccount(booking.id),
      booking.currency,
    );
    const earnings = escrow - commissionOf(escrow, booking.commissionPercent);
    const { disputeWindowHours } = await getSettings(kv);
    const releaseAt = now.getTime() + disputeWindowHours * HOUR_MS;
    const status = attendance.verdict === "learner_absent"
      ? "no_show"
      : "completed";
    return {
      kind: "settle",
      next: {
        ...booking,
        status,
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
      event: status,
      then: releaseAt,
    };
  }
  if (!isSettled(booking) || booking.releasedAt !== null) return null;
  const earnings = booking.expertEarningsMinor ?? 0;
  return {
    kind: "settle",
    next: { ...booking, releasedAt: at, updatedAt: at },
    postings: earnings > 0
      ? [releaseEarnings({
        ...money,
        expertId: booking.expertId,
        amountMinor: earnings,
      })]
      : [],
    event: "released",
  };
}

/**
 * Runs the step due at `dueAtMs` for `bookingId`, once. Returns whether
 * this call did it (false: done elsewhere already, nothing to do, or put
 * off until attendance is final).
 */
export async function runDueStep(
  kv: Deno.Kv,
  dueAtMs: number,
  bookingId: string,
): Promise<boolean> {
  const done = await untilCommitted(async () => {
    const due = await kv.get<DueStep>(dueKey(dueAtMs, bookingId));
    if (due.versionstamp === null) return null;
    if (isReminderStep(due.value)) {
      return await runReminder(kv, due, bookingId) ? "reminded" : null;
    }
    const found = await getBookingEntry(kv, bookingId);
    const now = clockFor(kv).now();
    const effect = found &&
      await stepEffect(kv, found.booking, due.value!, now);
    const op = kv.atomic().check(due).delete(due.key);
    if (!found || !effect) return (await op.commit()).ok ? null : RETRY;
    op.check(found.entry);
    if (effect.kind === "later") {
      op.set(dueKey(effect.dueAtMs, bookingId), "complete");
      return (await op.commit()).ok ? null : RETRY;
    }
    if (effect.kind === "refund") {
      const next = await stageCancellation(kv, op, found.booking, {
        by: "expert",
        actorId: null,
        reason: EXPERT_ABSENT_REASON,
        at: now.toISOString(),
        refundMinor: found.booking.priceMinor,
        expertMinor: 0,
        rule: "expert_absent",
      });
      return (await op.commit()).ok ? next : RETRY;
    }
    const prepared = await preparePostings(kv, effect.postings);
    writeBooking(op, effect.next, found.booking);
    if (effect.then !== undefined) {
      op.set(dueKey(effect.then, bookingId), "release");
    }
    addBookingEvent(op, {
      bookingId,
      at: now.toISOString(),
      type: effect.event,
      actorId: null,
      details: {},
    });
    prepared.addTo(op);
    return (await op.commit()).ok ? effect.next : RETRY;
  });
  if (done !== null && done !== "reminded" && done.status === "cancelled") {
    await notifyBooking(kv, done, { kind: "cancelled" });
  }
  return done !== null;
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

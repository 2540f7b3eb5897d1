/**
 * Reminders by email to both people, 24 hours and 1 hour before a session,
 * and by text to each of them who verified a mobile number and turned text
 * reminders on (services/phones).
 *
 * They ride on the due-work index (store.ts, run by completion.ts's job
 * every minute): a booking's commit adds ["booking_due", startMs - lead,
 * bookingId] → "remind_24h" | "remind_1h" for each reminder still ahead
 * of it, a move replaces them, a cancellation removes them.
 *
 * Exactly once, whatever the number of processes: sending first commits,
 * with a check on the due key and on the absence of a "sent" marker
 * (["booking_reminders_sent", bookingId, step, startMs]), the deletion of
 * the due key and the marker; only the process whose commit succeeded
 * sends. (A crash between that commit and the send loses the reminder
 * rather than doubling it.) Texts are queued by that process only, each
 * under a key naming the booking, step, start and person, which the SMS
 * delivery job sends at most once however often it runs. After downtime the job catches up on what fell
 * due meanwhile, except reminders that no longer make sense: none once the
 * session has started, and not the day-before one once the hour-before one
 * is due too. A reminder whose booking moved or was cancelled since it was
 * scheduled is dropped without a word.
 */
import { clockFor } from "@/services/platform/clock.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { getSmsProvider, queueSms } from "@/services/platform/sms.ts";
import { smsReminderNumber } from "@/services/phones/mod.ts";
import type { Booking } from "./model.ts";
import { notifyBooking, peopleOf } from "./notifications.ts";
import { dueKey, getBookingEntry } from "./store.ts";

const HOUR_MS = 3_600_000;

/** The reminders, as due-work steps, with how long before the start each is sent. */
export const REMINDERS = {
  remind_24h: 24,
  remind_1h: 1,
} as const;
export type ReminderStep = keyof typeof REMINDERS;

/** How long a "sent" marker is kept: well past any session it names. */
const SENT_MARKER_MS = 30 * 24 * HOUR_MS;

export function isReminderStep(step: unknown): step is ReminderStep {
  return typeof step === "string" && Object.hasOwn(REMINDERS, step);
}

const sentKey = (
  bookingId: string,
  step: ReminderStep,
  startMs: number,
): Deno.KvKey => ["booking_reminders_sent", bookingId, step, startMs];

/** When `step`'s reminder for a session starting at `startMs` falls due. */
function dueAt(startMs: number, step: ReminderStep): number {
  return startMs - REMINDERS[step] * HOUR_MS;
}

/** The reminders of `booking` still ahead of `nowMs`: due time by step. */
function remindersAhead(
  booking: Pick<Booking, "start">,
  nowMs: number,
): Map<number, ReminderStep> {
  const ahead = new Map<number, ReminderStep>();
  const startMs = Date.parse(booking.start);
  for (const step of Object.keys(REMINDERS) as ReminderStep[]) {
    const at = dueAt(startMs, step);
    if (at > nowMs) ahead.set(at, step);
  }
  return ahead;
}

/** Schedules a new booking's reminders in its commit `op`. */
export function scheduleReminders(
  op: Deno.AtomicOperation,
  booking: Booking,
  nowMs: number,
): void {
  for (const [at, step] of remindersAhead(booking, nowMs)) {
    op.set(dueKey(at, booking.id), step);
  }
}

/**
 * Replaces `previous`'s reminders with `next`'s in the commit `op` (a
 * move). Call it after the completion's due key was written, so a
 * reminder that lands on the old end's key is written last.
 */
export function rescheduleReminders(
  op: Deno.AtomicOperation,
  previous: Booking,
  next: Booking,
  nowMs: number,
): void {
  const ahead = remindersAhead(next, nowMs);
  const nextEnd = Date.parse(next.end);
  for (const step of Object.keys(REMINDERS) as ReminderStep[]) {
    const at = dueAt(Date.parse(previous.start), step);
    if (!ahead.has(at) && at !== nextEnd) op.delete(dueKey(at, previous.id));
  }
  for (const [at, step] of ahead) op.set(dueKey(at, next.id), step);
}

/** Removes a cancelled booking's reminders in its commit `op`. */
export function unscheduleReminders(
  op: Deno.AtomicOperation,
  booking: Booking,
): void {
  for (const step of Object.keys(REMINDERS) as ReminderStep[]) {
    op.delete(dueKey(dueAt(Date.parse(booking.start), step), booking.id));
  }
}

/** Whether `step`'s reminder should still go out at `nowMs`. */
function stillWanted(
  booking: Booking,
  step: ReminderStep,
  dueAtMs: number,
  nowMs: number,
): boolean {
  const startMs = Date.parse(booking.start);
  if (booking.status !== "confirmed") return false;
  // Scheduled for another time: the booking moved since.
  if (dueAt(startMs, step) !== dueAtMs) return false;
  if (nowMs >= startMs) return false;
  // A later reminder is due as well (catching up): that one says it all.
  return !(Object.keys(REMINDERS) as ReminderStep[]).some((other) =>
    REMINDERS[other] < REMINDERS[step] && dueAt(startMs, other) <= nowMs
  );
}

/**
 * Runs the reminder due at `due` (its entry in the index) for
 * `bookingId`: claims it with the "sent" marker and emails both people.
 * Returns whether this call sent it.
 */
export async function runReminder(
  kv: Deno.Kv,
  due: Deno.KvEntryMaybe<unknown>,
  bookingId: string,
): Promise<boolean> {
  const step = due.value;
  if (!isReminderStep(step)) return false;
  const dueAtMs = due.key[1] as number;
  let entry = due;
  const claimed = await untilCommitted(async () => {
    if (entry.versionstamp === null) return null;
    const found = await getBookingEntry(kv, bookingId);
    const nowMs = clockFor(kv).now().getTime();
    const op = kv.atomic().check(entry).delete(entry.key);
    if (!found || !stillWanted(found.booking, step, dueAtMs, nowMs)) {
      if ((await op.commit()).ok) return null;
      entry = await kv.get(due.key);
      return RETRY;
    }
    const booking = found.booking;
    const marker = await kv.get(
      sentKey(bookingId, step, Date.parse(booking.start)),
    );
    op.check(marker);
    // Already sent for this very time: only the due key is left to tidy.
    if (marker.versionstamp !== null) {
      if ((await op.commit()).ok) return null;
      entry = await kv.get(due.key);
      return RETRY;
    }
    op.set(marker.key, new Date(nowMs).toISOString(), {
      expireIn: SENT_MARKER_MS,
    });
    if ((await op.commit()).ok) return booking;
    entry = await kv.get(due.key);
    return RETRY;
  });
  if (!claimed) return false;
  await notifyBooking(kv, claimed, {
    kind: "reminder",
    hoursBefore: REMINDERS[step],
  });
  await textReminders(kv, claimed, step);
  return true;
}

/** `text` cut to `max` characters, with an ellipsis when cut. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** A reminder short enough for one or two texts, on the reader's clock. */
export function reminderText(
  booking: Booking,
  step: ReminderStep,
  other: string,
  timeZone: string,
  linkBase: string,
): string {
  const at = new Date(booking.start).toLocaleString("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
  const when = REMINDERS[step] >= 24 ? "is tomorrow" : "starts in 1 hour";
  return `TapTime: "${clip(booking.offeringTitle, 40)}" with ${
    clip(other, 30)
  } ${when}, ${at} (${timeZone}). ${linkBase}/bookings/${booking.id}`;
}

/**
 * Queues the reminder's text to each person with a number for it. Never
 * throws: the emails went out, and the booking pages show it either way.
 */
async function textReminders(
  kv: Deno.Kv,
  booking: Booking,
  step: ReminderStep,
): Promise<void> {
  try {
    const people = await peopleOf(kv, booking);
    const { linkBase } = getSmsProvider(kv);
    for (const reader of ["learner", "expert"] as const) {
      const to = await smsReminderNumber(
        kv,
        reader === "learner" ? booking.learnerId : booking.expertId,
      );
      if (!to) continue;
      const other = reader === "learner" ? people.expert : people.learner;
      await queueSms(kv, {
        key: `booking:${booking.id}:${step}:${
          Date.parse(booking.start)
        }:${reader}`,
        to,
        body: reminderText(
          booking,
          step,
          other.name,
          reader === "learner"
            ? booking.learnerTimeZone
            : booking.expertTimeZone,
          linkBase,
        ),
      });
    }
  } catch (error) {
    console.error(`Could not text reminders for booking ${booking.id}:`, error);
  }
}

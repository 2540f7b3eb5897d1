/**
 * Reminders by email to both people, at the hours before a session the
 * platform settings name (`reminderHoursBefore`, 24 and 1 by default), and
 * by text to each of them who verified a mobile number and turned text
 * reminders on (services/phones), while the `smsReminders` switch is on.
 *
 * They ride on the due-work index (store.ts, run by completion.ts's job
 * every minute): a booking's commit adds ["booking_due", startMs - lead,
 * bookingId] → "remind_<hours>h" for each reminder still ahead of it, a
 * move replaces them, a cancellation removes them. The hours are the
 * booking's own (`reminderHoursBefore`, copied from the settings when the
 * learner booked, like the commission: a hold converted later keeps the
 * hours it was made under), so later changes to the setting leave booked
 * sessions' reminders as they were, also when they move. Older bookings
 * kept theirs beside them as ["booking_reminder_hours", bookingId] →
 * number[] (read, and dropped when such a booking moves and takes its own
 * copy); the oldest had neither and were scheduled at 24 and 1 hours.
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
import {
  getSettings,
  lastSeenSettings,
  type Settings,
} from "@/services/settings/mod.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { getSmsProvider, queueSms } from "@/services/platform/sms.ts";
import { smsReminderNumber } from "@/services/phones/mod.ts";
import type { Booking } from "./model.ts";
import { notifyBooking, peopleOf, readerZone } from "./notifications.ts";
import { dueKey, getBookingEntry } from "./store.ts";

const HOUR_MS = 3_600_000;

/** A reminder as a due-work step: "remind_24h" goes out 24 hours ahead. */
export type ReminderStep = `remind_${number}h`;

/** What bookings made before the hours were a setting were scheduled with. */
const LEGACY_HOURS = [24, 1];

/** How long a "sent" marker is kept: well past any session it names. */
const SENT_MARKER_MS = 30 * 24 * HOUR_MS;

const STEP_PATTERN = /^remind_([1-9]\d{0,2})h$/;

export function isReminderStep(step: unknown): step is ReminderStep {
  return typeof step === "string" && STEP_PATTERN.test(step);
}

/** How many hours before the start `step` goes out. */
function hoursOf(step: ReminderStep): number {
  return Number(STEP_PATTERN.exec(step)![1]);
}

const stepFor = (hours: number): ReminderStep => `remind_${hours}h`;

const hoursKey = (bookingId: string): Deno.KvKey => [
  "booking_reminder_hours",
  bookingId,
];

/**
 * Every step `booking` may have been scheduled with (for tidying up): its
 * own hours, or for an older booking without them, the hours this process
 * last saw in the settings and those of the oldest bookings.
 */
function knownSteps(booking: Pick<Booking, "reminderHoursBefore">) {
  const hours = booking.reminderHoursBefore ??
    [...lastSeenSettings().reminderHoursBefore, ...LEGACY_HOURS];
  return [...new Set(hours)].map(stepFor);
}

/**
 * The hours `booking`'s reminders go by: its own, or for an older booking
 * those kept beside it, else `settings`' (a booking from before the hours
 * were kept at all, being moved now).
 */
export async function reminderHoursOf(
  kv: Deno.Kv,
  booking: Booking,
  settings: Pick<Settings, "reminderHoursBefore">,
): Promise<number[]> {
  if (booking.reminderHoursBefore) return booking.reminderHoursBefore;
  const kept = await kv.get<number[]>(hoursKey(booking.id));
  return kept.value ?? settings.reminderHoursBefore;
}

const sentKey = (
  bookingId: string,
  step: ReminderStep,
  startMs: number,
): Deno.KvKey => ["booking_reminders_sent", bookingId, step, startMs];

/** When `step`'s reminder for a session starting at `startMs` falls due. */
function dueAt(startMs: number, step: ReminderStep): number {
  return startMs - hoursOf(step) * HOUR_MS;
}

/** The reminders of `booking` still ahead of `nowMs`: due time by step. */
function remindersAhead(
  booking: Pick<Booking, "start">,
  nowMs: number,
  hours: number[],
): Map<number, ReminderStep> {
  const ahead = new Map<number, ReminderStep>();
  const startMs = Date.parse(booking.start);
  for (const step of hours.map(stepFor)) {
    const at = dueAt(startMs, step);
    if (at > nowMs) ahead.set(at, step);
  }
  return ahead;
}

/**
 * Schedules a new booking's reminders, at its own hours, in its commit
 * `op`.
 */
export function scheduleReminders(
  op: Deno.AtomicOperation,
  booking: Booking,
  nowMs: number,
): void {
  const hours = booking.reminderHoursBefore ?? LEGACY_HOURS;
  for (const [at, step] of remindersAhead(booking, nowMs, hours)) {
    op.set(dueKey(at, booking.id), step);
  }
}

/**
 * Replaces `previous`'s reminders with `next`'s in the commit `op` (a
 * move; `next` carries the booking's hours, see `reminderHoursOf`). Call
 * it after the completion's due key was written, so a reminder that lands
 * on the old end's key is written last.
 */
export function rescheduleReminders(
  op: Deno.AtomicOperation,
  previous: Booking,
  next: Booking,
  nowMs: number,
): void {
  const ahead = remindersAhead(next, nowMs, next.reminderHoursBefore ?? []);
  const nextEnd = Date.parse(next.end);
  const steps = new Set([
    ...knownSteps(previous),
    ...(next.reminderHoursBefore ?? []).map(stepFor),
  ]);
  for (const step of steps) {
    const at = dueAt(Date.parse(previous.start), step);
    if (!ahead.has(at) && at !== nextEnd) op.delete(dueKey(at, previous.id));
  }
  for (const [at, step] of ahead) op.set(dueKey(at, next.id), step);
  // The booking carries its hours from now on.
  op.delete(hoursKey(previous.id));
}

/** Removes a cancelled booking's reminders in its commit `op`. */
export function unscheduleReminders(
  op: Deno.AtomicOperation,
  booking: Booking,
): void {
  for (const step of knownSteps(booking)) {
    op.delete(dueKey(dueAt(Date.parse(booking.start), step), booking.id));
  }
  op.delete(hoursKey(booking.id));
}

/**
 * Whether `step`'s reminder should still go out at `nowMs`; `hours` are
 * the booking's scheduled reminders.
 */
function stillWanted(
  booking: Booking,
  step: ReminderStep,
  dueAtMs: number,
  nowMs: number,
  hours: number[],
): boolean {
  const startMs = Date.parse(booking.start);
  if (booking.status !== "confirmed") return false;
  // Scheduled for another time: the booking moved since.
  if (dueAt(startMs, step) !== dueAtMs) return false;
  if (nowMs >= startMs) return false;
  // A later reminder is due as well (catching up): that one says it all.
  return !hours.some((other) =>
    other < hoursOf(step) && dueAt(startMs, stepFor(other)) <= nowMs
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
    const [found, planned] = await Promise.all([
      getBookingEntry(kv, bookingId),
      kv.get<number[]>(hoursKey(bookingId)),
    ]);
    const hours = found?.booking.reminderHoursBefore ?? planned.value ??
      LEGACY_HOURS;
    const nowMs = clockFor(kv).now().getTime();
    const op = kv.atomic().check(entry).delete(entry.key);
    if (!found || !stillWanted(found.booking, step, dueAtMs, nowMs, hours)) {
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
    hoursBefore: hoursOf(step),
  });
  if ((await getSettings(kv)).smsReminders) {
    await textReminders(kv, claimed, step);
  }
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
  const hours = hoursOf(step);
  const when = hours >= 24
    ? "is tomorrow"
    : `starts in ${hours} hour${hours === 1 ? "" : "s"}`;
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
          readerZone(booking, people, reader),
          linkBase,
        ),
      });
    }
  } catch (error) {
    console.error(`Could not text reminders for booking ${booking.id}:`, error);
  }
}

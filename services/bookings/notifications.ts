/**
 * What both people on a booking are told, in the app (services/notifications)
 * and by email when they want it: that it is booked,
 * moved, cancelled, and (reminders.ts) that it is near. Each email shows
 * the time on the reader's own clock, carries the booking as an iCalendar
 * invitation (ical.ts: REQUEST while it stands, CANCEL once cancelled, the
 * same UID throughout) and "add to Google / Outlook" links.
 *
 * Sent after the change has committed, by the flow that made it; a failure
 * is logged, never thrown: the change already happened, and the booking
 * pages show it either way.
 */
import { localTime } from "@/services/platform/local_time.ts";
import { queueNextFreeRefresh } from "@/services/experts/mod.ts";
import { getEmailProvider } from "@/services/platform/email/mod.ts";
import { formatMoney } from "@/services/platform/money.ts";
import {
  type NotificationType,
  notify,
  wantsEmail,
} from "@/services/notifications/mod.ts";
import type { Booking, Party } from "./model.ts";
import { bookingPeople } from "./people.ts";
import {
  bookingInvite,
  type BookingPeople,
  bookingTitle,
  googleCalendarLink,
  outlookCalendarLink,
} from "./ical.ts";

/** What happened, as the email tells it. */
export type BookingNotice =
  | { kind: "booked" }
  | { kind: "rescheduled"; previousStart: string }
  | { kind: "cancelled" }
  | { kind: "reminder"; hoursBefore: number };

/** Who stands for an account that is gone: named, never written to. */
const GONE = { name: "A former TapTime member", email: "" };

/**
 * Both people's names and addresses (an account that is gone: GONE). An
 * expert listed without an account is named by their profile, and has no
 * address to write to.
 */
export async function peopleOf(
  kv: Deno.Kv,
  booking: Booking,
): Promise<BookingPeople> {
  const found = await bookingPeople(kv, [booking.learnerId, booking.expertId]);
  const person = (id: string) => {
    const known = found.get(id);
    return known
      ? {
        name: known.name,
        email: known.email,
        ...(known.timeZone ? { timeZone: known.timeZone } : {}),
      }
      : GONE;
  };
  return {
    learner: person(booking.learnerId),
    expert: person(booking.expertId),
  };
}

/**
 * The zone `reader` is told times in: their account's, as every page shows
 * them, else the one the booking recorded for them (an account that is gone).
 */
export function readerZone(
  booking: Booking,
  people: BookingPeople,
  reader: Party,
): string {
  return people[reader].timeZone ??
    (reader === "learner" ? booking.learnerTimeZone : booking.expertTimeZone);
}

function subjectOf(notice: BookingNotice, booking: Booking): string {
  const title = booking.offeringTitle;
  switch (notice.kind) {
    case "booked":
      return `Booked: ${title}`;
    case "rescheduled":
      return `Moved: ${title}`;
    case "cancelled":
      return `Cancelled: ${title}`;
    case "reminder":
      return notice.hoursBefore >= 24
        ? `Tomorrow: ${title}`
        : `In ${notice.hoursBefore} hour${
          notice.hoursBefore === 1 ? "" : "s"
        }: ${title}`;
  }
}

function bodyOf(
  notice: BookingNotice,
  booking: Booking,
  people: BookingPeople,
  reader: Party,
): string {
  const me = people[reader];
  const other = reader === "learner" ? people.expert : people.learner;
  const zone = readerZone(booking, people, reader);
  const when = `${
    localTime(booking.start, zone)
  } (${zone}), ${booking.durationMinutes} minutes`;
  const lines = [`Hi ${me.name},`, ""];
  switch (notice.kind) {
    case "booked":
      lines.push(
        `Your session "${booking.offeringTitle}" with ${other.name} is booked.`,
        `When: ${when}`,
      );
      if (reader === "learner") {
        lines.push(`Paid: ${
          formatMoney({
            amountMinor: booking.priceMinor,
            currency: booking.currency,
          })
        } from your wallet.`);
      } else if (booking.note) {
        lines.push("", `${other.name}'s note:`, booking.note);
      }
      break;
    case "rescheduled":
      lines.push(
        `Your session "${booking.offeringTitle}" with ${other.name} has moved.`,
        `New time: ${when}`,
        `It was: ${localTime(notice.previousStart, zone)} (${zone})`,
      );
      break;
    case "cancelled": {
      const cancellation = booking.cancellation;
      const byMe = cancellation?.by === reader;
      lines.push(
        `Your session "${booking.offeringTitle}" with ${other.name} on ${
          localTime(booking.start, zone)
        } (${zone}) is cancelled${
          byMe ? " as you asked" : ` by ${other.name}`
        }.`,
      );
      if (cancellation?.reason && !byMe) {
        lines.push(`Their reason: ${cancellation.reason}`);
      }
      if (reader === "learner" && cancellation?.refundedTo === "package") {
        lines.push("The session's credit is back in your package.");
      } else if (reader === "learner" && cancellation) {
        lines.push(`Refunded to your wallet: ${
          formatMoney({
            amountMinor: cancellation.refundMinor,
            currency: booking.currency,
          })
        }.`);
      }
      lines.push(
        "",
        "The attached calendar file removes it from your calendar.",
      );
      break;
    }
    case "reminder":
      lines.push(
        `A reminder: your session "${booking.offeringTitle}" with ${other.name} starts soon.`,
        `When: ${when}`,
      );
      break;
  }
  if (notice.kind !== "cancelled") {
    const title = bookingTitle(booking, people);
    lines.push(
      "",
      "Add it to your calendar (or open the attached invitation):",
      `Google Calendar: ${googleCalendarLink(booking, title)}`,
      `Outlook: ${outlookCalendarLink(booking, title)}`,
    );
  }
  lines.push(
    "",
    reader === "learner"
      ? "Your sessions are on TapTime under My sessions."
      : "Your sessions are on TapTime under Schedule.",
    "",
    "— TapTime",
  );
  return lines.join("\n");
}

/** The notification kind of each notice (its in-app and email switches). */
const NOTICE_TYPES: Record<BookingNotice["kind"], NotificationType> = {
  booked: "booking_confirmed",
  rescheduled: "booking_rescheduled",
  cancelled: "booking_cancelled",
  reminder: "booking_reminder",
};

/** The in-app notification of `notice` for `reader` (none for one's own cancellation). */
async function notifyInApp(
  kv: Deno.Kv,
  userId: string,
  notice: BookingNotice,
  booking: Booking,
  people: BookingPeople,
  reader: Party,
): Promise<void> {
  if (notice.kind === "cancelled" && booking.cancellation?.by === reader) {
    return;
  }
  const other = reader === "learner" ? people.expert : people.learner;
  const zone = readerZone(booking, people, reader);
  await notify(kv, userId, {
    type: NOTICE_TYPES[notice.kind],
    title: subjectOf(notice, booking),
    body: `With ${other.name}, ${localTime(booking.start, zone)} (${zone})`,
    link: `/bookings/${booking.id}`,
  });
}

/**
 * Emails both people about `booking` (as it now stands) with its
 * invitation attached, and (unless the change's own commit did, or it is a
 * reminder) queues the expert's next free time for a refresh. Never
 * throws; returns how many emails went out.
 */
export async function notifyBooking(
  kv: Deno.Kv,
  booking: Booking,
  notice: BookingNotice,
  options: { refreshQueued?: boolean } = {},
): Promise<number> {
  if (notice.kind !== "reminder" && !options.refreshQueued) {
    await queueNextFreeRefresh(kv, booking.expertId);
  }
  let sent = 0;
  try {
    const people = await peopleOf(kv, booking);
    const invite = bookingInvite(booking, people);
    const subject = subjectOf(notice, booking);
    for (const reader of ["learner", "expert"] as const) {
      const userId = reader === "learner"
        ? booking.learnerId
        : booking.expertId;
      await notifyInApp(kv, userId, notice, booking, people, reader);
      if (!people[reader].email) continue;
      if (!(await wantsEmail(kv, userId, NOTICE_TYPES[notice.kind]))) continue;
      try {
        await getEmailProvider(kv).send({
          to: people[reader].email,
          subject,
          text: bodyOf(notice, booking, people, reader),
          attachments: [{
            filename: invite.method === "CANCEL" ? "cancel.ics" : "invite.ics",
            contentType:
              `text/calendar; charset=utf-8; method=${invite.method}`,
            content: invite.ics,
          }],
        });
        sent++;
      } catch (error) {
        console.error(
          `Could not email the ${reader} about booking ${booking.id}:`,
          error,
        );
      }
    }
  } catch (error) {
    console.error(`Could not notify about booking ${booking.id}:`, error);
  }
  return sent;
}

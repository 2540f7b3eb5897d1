/**
 * Bookings as iCalendar (RFC 5545), generated with the `ics` library: the
 * invitation attached to a booking's emails and the private feed of a
 * person's sessions.
 *
 * One event per booking, whatever carries it: its UID is the booking id at
 * the site (`<id>@taptime`), never derived from the address the site is
 * served at, so a calendar that imported the invitation recognises the
 * feed's copy and every later change as the same event. SEQUENCE counts the
 * changes: the booking's reschedules, and one more for its cancellation, so
 * a calendar always takes the newest message over an older one.
 */
import { createEvents, type EventAttributes } from "ics";
import type { Booking } from "./model.ts";

/** The product named in every calendar the site writes. */
export const PRODUCT_ID = "-//TapTime//Bookings//EN";

/** A person on a booking, as calendars show them. */
export interface CalendarPerson {
  name: string;
  email: string;
  /** The zone their account reads times in, when known. */
  timeZone?: string;
}

/** Both people on a booking. */
export interface BookingPeople {
  learner: CalendarPerson;
  expert: CalendarPerson;
}

/** The booking's event UID: stable across changes and carriers. */
export function bookingUid(bookingId: string): string {
  return `${bookingId}@taptime`;
}

/** The event's SEQUENCE: 0 when booked, +1 per move, +1 more when cancelled. */
export function bookingSequence(booking: Booking): number {
  return booking.rescheduleCount + (booking.status === "cancelled" ? 1 : 0);
}

/** The event's title, the same for both sides. */
export function bookingTitle(booking: Booking, people: BookingPeople): string {
  return `${booking.offeringTitle}: ${people.learner.name} with ${people.expert.name}`;
}

function eventOf(
  booking: Booking,
  people: BookingPeople | null,
  options: { url?: string },
): EventAttributes {
  const cancelled = booking.status === "cancelled";
  const event: EventAttributes = {
    uid: bookingUid(booking.id),
    sequence: bookingSequence(booking),
    start: Date.parse(booking.start),
    startInputType: "utc",
    startOutputType: "utc",
    end: Date.parse(booking.end),
    endInputType: "utc",
    endOutputType: "utc",
    title: people ? bookingTitle(booking, people) : booking.offeringTitle,
    description: [
      `TapTime session "${booking.offeringTitle}" (${booking.durationMinutes} minutes).`,
      ...(options.url ? [`Details: ${options.url}`] : []),
    ].join("\n"),
    status: cancelled ? "CANCELLED" : "CONFIRMED",
    busyStatus: cancelled ? "FREE" : "BUSY",
    lastModified: Date.parse(booking.updatedAt),
  };
  if (options.url) event.url = options.url;
  if (people?.expert.email) {
    event.organizer = {
      name: people.expert.name,
      email: people.expert.email,
    };
  }
  if (people?.learner.email) {
    event.attendees = [{
      name: people.learner.name,
      email: people.learner.email,
      rsvp: false,
      partstat: cancelled ? "DECLINED" : "ACCEPTED",
      role: "REQ-PARTICIPANT",
    }];
  }
  return event;
}

function render(
  events: EventAttributes[],
  header: { method: string; calName?: string },
): string {
  const { error, value } = createEvents(events, {
    productId: PRODUCT_ID,
    ...header,
  });
  if (error || value === null) {
    throw error ?? new Error("The calendar could not be written.");
  }
  return value;
}

/**
 * The invitation for a booking's email: METHOD:REQUEST while it stands (new
 * or moved), METHOD:CANCEL once cancelled; the same UID either way.
 */
export function bookingInvite(
  booking: Booking,
  people: BookingPeople,
  options: { url?: string } = {},
): { method: "REQUEST" | "CANCEL"; ics: string } {
  const method = booking.status === "cancelled" ? "CANCEL" : "REQUEST";
  return {
    method,
    ics: render([eventOf(booking, people, options)], { method }),
  };
}

/**
 * A feed of `bookings` (METHOD:PUBLISH). `urlOf` gives each booking's page,
 * when the site's address is known.
 */
export function bookingFeed(
  bookings: readonly Booking[],
  options: {
    calName: string;
    people?: (booking: Booking) => BookingPeople | null;
    urlOf?: (booking: Booking) => string;
  },
): string {
  if (bookings.length === 0) {
    // The library refuses an empty calendar; an empty feed is still valid.
    return [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      `PRODID:${PRODUCT_ID}`,
      "METHOD:PUBLISH",
      `X-WR-CALNAME:${escapeText(options.calName)}`,
      "END:VCALENDAR",
      "",
    ].join("\r\n");
  }
  return render(
    bookings.map((booking) =>
      eventOf(booking, options.people?.(booking) ?? null, {
        url: options.urlOf?.(booking),
      })
    ),
    { method: "PUBLISH", calName: options.calName },
  );
}

/** RFC 5545 TEXT escaping, for the one header written by hand. */
function escapeText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");
}

const compact = (iso: string) =>
  new Date(iso).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");

/** "Add to Google Calendar" for the booking's time. */
export function googleCalendarLink(
  booking: Booking,
  title: string,
): string {
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: title,
    dates: `${compact(booking.start)}/${compact(booking.end)}`,
    details: `TapTime session "${booking.offeringTitle}".`,
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

/** "Add to Outlook" for the booking's time. */
export function outlookCalendarLink(
  booking: Booking,
  title: string,
): string {
  const params = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: title,
    startdt: booking.start,
    enddt: booking.end,
    body: `TapTime session "${booking.offeringTitle}".`,
  });
  return `https://outlook.live.com/calendar/0/deeplink/compose?${params}`;
}

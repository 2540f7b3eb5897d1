/**
 * How a booking looks on the pages: its status in words, its details for
 * one of its parties (times on the viewer's clock, the other side's clock
 * too), an agenda of sessions grouped by day, and a server-rendered choice
 * of free times (for moving a session).
 */
import type { Booking, BookingStatus } from "@/services/bookings/mod.ts";
import { money } from "@/web/money_forms.ts";
import { groupByDay, spanIn, timeIn, zoneLabel } from "./time.ts";
import { SlotOption } from "./SlotOption.tsx";
import { Card } from "@/components/account/HomeShell.tsx";

export const STATUS_LABELS: Record<BookingStatus, string> = {
  confirmed: "Booked",
  cancelled: "Cancelled",
  completed: "Done",
  no_show: "Missed",
  disputed: "Problem reported",
};

const STATUS_TONES: Record<BookingStatus, string> = {
  confirmed: "bg-emerald-50 text-emerald-900 ring-emerald-700",
  cancelled: "bg-slate-100 text-slate-800 ring-slate-500",
  completed: "bg-sky-50 text-sky-900 ring-sky-700",
  no_show: "bg-amber-50 text-amber-900 ring-amber-700",
  disputed: "bg-red-50 text-red-900 ring-red-700",
};

export function StatusBadge({ status }: { status: BookingStatus }) {
  return (
    <span
      class={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${
        STATUS_TONES[status]
      }`}
    >
      {STATUS_LABELS[status]}
    </span>
  );
}

/** The details of a booking for `side` (who the viewer is). */
export function BookingSummary(
  { booking, side, viewerZone, otherName, learnerName }: {
    booking: Booking;
    side: "learner" | "expert" | "admin";
    viewerZone: string;
    otherName: string;
    /** For an admin, who is neither party: the learner (`otherName` is the expert). */
    learnerName?: string;
  },
) {
  const otherZone = side === "expert"
    ? booking.learnerTimeZone
    : booking.expertTimeZone;
  const otherLabel = side === "expert" ? "Learner" : "Expert";
  return (
    <dl class="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
      <dt class="font-semibold text-slate-900">When (your time)</dt>
      <dd data-testid="when">
        {spanIn(booking.start, booking.end, viewerZone)}
      </dd>
      {
        /* A learner who booked on another clock (a device abroad) also
           sees the time they picked. */
      }
      {side === "learner" && booking.learnerTimeZone !== viewerZone && (
        <>
          <dt class="font-semibold text-slate-900">As you booked it</dt>
          <dd>{spanIn(booking.start, booking.end, booking.learnerTimeZone)}</dd>
        </>
      )}
      {otherZone !== viewerZone && (
        <>
          <dt class="font-semibold text-slate-900">
            {side === "expert" ? "Learner's time" : "Expert's time"}
          </dt>
          <dd>{spanIn(booking.start, booking.end, otherZone)}</dd>
        </>
      )}
      {side === "admin" && learnerName && (
        <>
          <dt class="font-semibold text-slate-900">Learner</dt>
          <dd>{learnerName}</dd>
        </>
      )}
      <dt class="font-semibold text-slate-900">{otherLabel}</dt>
      <dd>{otherName}</dd>
      <dt class="font-semibold text-slate-900">Session</dt>
      <dd>{booking.offeringTitle} ({booking.durationMinutes} minutes)</dd>
      <dt class="font-semibold text-slate-900">Price</dt>
      <dd>{money(booking.priceMinor, booking.currency)}</dd>
      <dt class="font-semibold text-slate-900">Status</dt>
      <dd>
        <StatusBadge status={booking.status} />
        {booking.rescheduleCount > 0 && (
          <span class="ml-2 text-slate-700">
            (moved {booking.rescheduleCount}{" "}
            {booking.rescheduleCount === 1 ? "time" : "times"})
          </span>
        )}
      </dd>
      {booking.cancellation && (
        <>
          <dt class="font-semibold text-slate-900">Cancelled</dt>
          <dd>
            {cancellationText(booking.cancellation, side, booking.currency)}
          </dd>
        </>
      )}
      {booking.dispute && (
        <>
          <dt class="font-semibold text-slate-900">Problem reported</dt>
          <dd class="whitespace-pre-line">
            {booking.dispute.reason}
            {booking.dispute.resolution &&
              `\nDecision: ${booking.dispute.resolution.note} (${
                money(booking.dispute.resolution.learnerMinor, booking.currency)
              } back to the learner)`}
          </dd>
        </>
      )}
      <dt class="font-semibold text-slate-900">Note for the expert</dt>
      <dd class="whitespace-pre-line break-words">
        {booking.note || "None"}
      </dd>
    </dl>
  );
}

/** Sessions grouped by day on the viewer's clock, each linking to its page. */
export function Agenda(
  { bookings, zone, names, empty }: {
    bookings: Booking[];
    zone: string;
    /** The other party's name, by booking id. */
    names: Record<string, string>;
    empty: string;
  },
) {
  if (bookings.length === 0) return <p class="text-slate-700">{empty}</p>;
  return (
    <div class="space-y-6">
      {groupByDay(bookings, zone).map((day) => (
        <section key={day.key} aria-label={day.label}>
          <h3 class="font-semibold text-slate-900">{day.label}</h3>
          <ul class="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {day.items.map((booking) => (
              <li key={booking.id}>
                <a
                  href={`/bookings/${booking.id}`}
                  class="block p-3 hover:bg-slate-50"
                >
                  <span class="flex flex-wrap items-center justify-between gap-2">
                    <span class="font-mono font-semibold text-slate-900">
                      {timeIn(booking.start, zone)}–{timeIn(booking.end, zone)}
                    </span>
                    <StatusBadge status={booking.status} />
                  </span>
                  <span class="mt-1 block break-words text-slate-900">
                    {booking.offeringTitle} with {names[booking.id] ?? "—"}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** Free times as radio buttons named `start`, grouped by day (no JavaScript needed). */
export function SlotChoice(
  { slots, zone, legend }: {
    slots: { start: string; end: string }[];
    zone: string;
    legend: string;
  },
) {
  return (
    <fieldset>
      <legend class="text-sm font-semibold text-slate-900">
        {legend} ({zoneLabel(zone)})
      </legend>
      {slots.length === 0 && (
        <p class="mt-2 text-slate-700">No free times in the next week.</p>
      )}
      <div class="mt-2 space-y-3">
        {groupByDay(slots, zone).map((day) => (
          <div key={day.key}>
            <p class="font-medium text-slate-900">{day.label}</p>
            <ul class="mt-1 flex flex-wrap gap-2">
              {day.items.map((slot) => (
                <li key={slot.start}>
                  <SlotOption start={slot.start} zone={zone} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The top of a page about one session (its review, its notes): what, with
 * whom and when on the viewer's clock, and the way back to the booking.
 */
export function SessionContextCard(
  { booking, otherName, zone }: {
    booking: Booking;
    otherName: string;
    zone: string;
  },
) {
  return (
    <Card id="session" title={booking.offeringTitle}>
      <p>
        With {otherName}, {spanIn(booking.start, booking.end, zone)}.
      </p>
      <p>
        <a href={`/bookings/${booking.id}`} class="text-brand-800 underline">
          Back to the session
        </a>
      </p>
    </Card>
  );
}

/**
 * Who cancelled and where the money went, told to the one reading: "you"
 * and "your" on their own booking.
 */
function cancellationText(
  cancellation: NonNullable<Booking["cancellation"]>,
  side: "learner" | "expert" | "admin",
  currency: string,
): string {
  const by = cancellation.by === side ? "you" : `the ${cancellation.by}`;
  const whose = side === "learner" ? "your" : "the learner's";
  const refund = cancellation.refundedTo === "package"
    ? `The session went back to ${whose} package.`
    : `${
      money(cancellation.refundMinor, currency)
    } went back to ${whose} wallet.`;
  const reason = cancellation.reason ? ` Reason: ${cancellation.reason}` : "";
  return `By ${by}. ${refund}${reason}`;
}

/**
 * The admin bookings page's parts: the filter form, the list of bookings,
 * and a dispute with its resolve form (refund, release or split).
 */
import { Button } from "@/components/Button.tsx";
import {
  SelectField,
  TextAreaField,
  TextField,
} from "@/components/form/inputs.tsx";
import { RadioCards } from "@/components/form/inputs.tsx";
import { money } from "@/web/money_forms.ts";
import { type Booking, BOOKING_STATUSES } from "@/services/bookings/mod.ts";
import { STATUS_LABELS, StatusBadge } from "./BookingViews.tsx";
import { whenIn } from "./time.ts";

export interface AdminFilters {
  status: string;
  expertId: string;
  learnerId: string;
  from: string;
  to: string;
}

export function FilterForm(
  { filters, errors }: {
    filters: AdminFilters;
    errors: Record<string, string>;
  },
) {
  return (
    <form
      method="get"
      action="/admin/bookings"
      class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3"
    >
      <SelectField
        name="status"
        label="Status"
        value={filters.status}
        options={[
          { value: "", label: "Any status" },
          ...BOOKING_STATUSES.map((status) => ({
            value: status,
            label: STATUS_LABELS[status],
          })),
        ]}
      />
      <TextField
        name="expertId"
        label="Expert (email or user id)"
        value={filters.expertId}
        error={errors.expertId}
      />
      <TextField
        name="learnerId"
        label="Learner (email or user id)"
        value={filters.learnerId}
        error={errors.learnerId}
      />
      <TextField
        name="from"
        label="Starting on or after"
        type="date"
        value={filters.from}
        error={errors.from}
      />
      <TextField
        name="to"
        label="Starting before"
        type="date"
        value={filters.to}
        error={errors.to}
      />
      <div class="flex items-end">
        <Button>Filter</Button>
      </div>
    </form>
  );
}

export function AdminBookingTable(
  { bookings, names }: { bookings: Booking[]; names: Record<string, string> },
) {
  if (bookings.length === 0) {
    return <p class="text-slate-700">No bookings match these filters.</p>;
  }
  return (
    <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200">
      {bookings.map((booking) => (
        <li key={booking.id} class="space-y-1 p-3 text-sm">
          <p class="flex flex-wrap items-center gap-2">
            <a
              href={`/bookings/${booking.id}`}
              class="font-semibold text-brand-800 underline"
            >
              {whenIn(booking.start, "UTC")} UTC
            </a>
            <StatusBadge status={booking.status} />
          </p>
          <p class="break-words">
            {booking.offeringTitle} ·{" "}
            {money(booking.priceMinor, booking.currency)}
          </p>
          <p class="break-words text-slate-700">
            Expert: {names[booking.expertId] ?? booking.expertId} · Learner:
            {" "}
            {names[booking.learnerId] ?? booking.learnerId}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function DisputeCard(
  { booking, names, values, errors }: {
    booking: Booking;
    names: Record<string, string>;
    values?: Record<string, string>;
    errors?: Record<string, string>;
  },
) {
  const id = `d-${booking.id}`;
  const errs = errors ?? {};
  return (
    <article
      aria-labelledby={`${id}-heading`}
      class="space-y-3 rounded-lg border border-slate-200 p-4"
    >
      <h3 id={`${id}-heading`} class="font-semibold text-slate-900 break-words">
        {booking.offeringTitle}, {whenIn(booking.start, "UTC")} UTC
      </h3>
      <p class="text-sm break-words">
        {names[booking.learnerId] ?? booking.learnerId} reported, about{" "}
        {names[booking.expertId] ?? booking.expertId}:
      </p>
      <blockquote class="border-l-4 border-slate-300 pl-3 text-sm whitespace-pre-line break-words">
        {booking.dispute?.reason}
      </blockquote>
      <p class="text-sm">
        Paid: {money(booking.priceMinor, booking.currency)}
      </p>
      <form method="post" action="/admin/bookings" class="space-y-4">
        <input type="hidden" name="bookingId" value={booking.id} />
        <RadioCards
          name={`outcome-${booking.id}`}
          legend="Decision"
          value={values?.outcome ?? ""}
          error={errs.outcome}
          options={[
            { value: "refund", label: "Refund the learner in full" },
            { value: "release", label: "Pay the expert" },
            { value: "split", label: "Split" },
          ]}
        />
        <TextField
          name="learnerAmount"
          id={`${id}-amount`}
          label={`For a split: back to the learner (${booking.currency})`}
          inputMode="decimal"
          value={values?.learnerAmount ?? ""}
          error={errs.learnerMinor}
        />
        <TextAreaField
          name="note"
          id={`${id}-note`}
          label="Note for both sides"
          rows={2}
          required
          value={values?.note ?? ""}
          error={errs.note}
        />
        <Button>Decide</Button>
      </form>
    </article>
  );
}

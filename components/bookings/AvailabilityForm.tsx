/**
 * The expert's availability form: weekly hours (rows of from–to per
 * weekday), dates with other hours or a day off, buffers, notice, horizon,
 * daily limit, the pause switch and the time zone. Plain server-rendered
 * rows (a blank row adds a period; clearing a row removes it), so it works
 * without JavaScript; every message stands beside its field or row.
 */
import { Button } from "@/components/Button.tsx";
import { FieldNotes } from "@/components/form/Field.tsx";
import { Checkbox, TextField } from "@/components/form/inputs.tsx";
import { TimeZoneField } from "@/components/form/TimeZoneField.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import { type Weekday, WEEKDAYS } from "@/services/availability/mod.ts";
import type { AvailabilityForm as FormState } from "./availability_form.ts";

const DAY_NAMES: Record<Weekday, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

const INPUT =
  "mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900";

/** One end of a period: its label says which row it belongs to for screen readers. */
function TimeInput(
  { prefix, part, caption, placeholder, values, error, label }: {
    prefix: string;
    part: "start" | "end";
    caption: string;
    placeholder: string;
    values: Record<string, string>;
    error?: string;
    label: string;
  },
) {
  const id = `${prefix.replace(".", "-")}-${part}`;
  return (
    <div>
      <label for={id} class="text-sm text-slate-800">
        {caption}
        <span class="sr-only">{` (${label})`}</span>
      </label>
      <input
        id={id}
        name={`${prefix}.${part}`}
        value={values[`${prefix}.${part}`] ?? ""}
        placeholder={placeholder}
        inputMode="numeric"
        maxLength={5}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error
          ? `${prefix.replace(".", "-")}-error`
          : undefined}
        class={`${INPUT} ${error ? "border-red-700" : "border-slate-400"}`}
      />
    </div>
  );
}

/** One from–to pair: `prefix` names the row (`mon.0`, `ov.2`). */
function TimePair(
  props: {
    prefix: string;
    values: Record<string, string>;
    error?: string;
    label: string;
  },
) {
  return (
    <>
      <TimeInput {...props} part="start" caption="From" placeholder="hh:mm" />
      <TimeInput {...props} part="end" caption="To" placeholder="hh:mm" />
    </>
  );
}

function WeekdayRows({ day, form }: { day: Weekday; form: FormState }) {
  const rows = Array.from({ length: form.dayRows[day] }, (_, row) => row);
  return (
    <fieldset class="rounded-lg border border-slate-200 p-3">
      <legend class="px-1 font-semibold text-slate-900">
        {DAY_NAMES[day]}
      </legend>
      <FieldNotes id={day} error={form.errors[day]} />
      <div class="space-y-2">
        {rows.map((row) => {
          const prefix = `${day}.${row}`;
          return (
            <div key={prefix}>
              <div class="grid grid-cols-2 gap-3">
                <TimePair
                  prefix={prefix}
                  values={form.values}
                  error={form.errors[prefix]}
                  label={`${DAY_NAMES[day]}, period ${row + 1}`}
                />
              </div>
              <FieldNotes
                id={prefix.replace(".", "-")}
                error={form.errors[prefix]}
              />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function OverrideRows({ form }: { form: FormState }) {
  const rows = Array.from({ length: form.overrideRows }, (_, row) => row);
  return (
    <fieldset aria-describedby="overrides-hint">
      <legend class="text-lg font-semibold text-slate-900">
        Dates with other hours
      </legend>
      <p id="overrides-hint" class="mt-1 text-sm text-slate-700">
        A date with no times is a day off. Give a date several rows for several
        periods that day. Clear a row to remove it.
      </p>
      <FieldNotes id="overrides" error={form.errors.overrides} />
      <div class="mt-3 space-y-3">
        {rows.map((row) => {
          const prefix = `ov.${row}`;
          const id = `ov-${row}`;
          const error = form.errors[prefix];
          return (
            <div key={prefix} class="rounded-lg border border-slate-200 p-3">
              <div class="grid grid-cols-2 gap-3 sm:grid-cols-3">
                <div class="col-span-2 sm:col-span-1">
                  <label for={`${id}-date`} class="text-sm text-slate-800">
                    Date<span class="sr-only">{` (row ${row + 1})`}</span>
                  </label>
                  <input
                    id={`${id}-date`}
                    type="date"
                    name={`${prefix}.date`}
                    value={form.values[`${prefix}.date`] ?? ""}
                    aria-invalid={error ? "true" : undefined}
                    aria-describedby={error ? `${id}-error` : undefined}
                    class={`${INPUT} ${
                      error ? "border-red-700" : "border-slate-400"
                    }`}
                  />
                </div>
                <TimePair
                  prefix={prefix}
                  values={form.values}
                  error={error}
                  label={`date row ${row + 1}`}
                />
              </div>
              <FieldNotes id={id} error={error} />
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

export function AvailabilityForm(
  { form, saved }: { form: FormState; saved: boolean },
) {
  const { values, errors } = form;
  return (
    <form
      method="post"
      action="/expert/availability"
      noValidate
      class="space-y-8"
    >
      <FormErrorSummary errors={errors} refusal={errors.form} />
      {saved && Object.keys(errors).length === 0 && (
        <p role="status" class="rounded-lg bg-emerald-50 p-3 text-emerald-950">
          {values.paused === "on"
            ? "Saved. Bookings are paused: learners see no free times until you untick “Pause bookings”."
            : "Saved. Learners now see times from these hours."}
        </p>
      )}
      <div class="space-y-4">
        <Checkbox
          id="paused"
          name="paused"
          value="on"
          checked={values.paused === "on"}
          label="Pause bookings (nobody can book new sessions until you untick this)"
        />
        <TimeZoneField
          name="timeZone"
          label="Your time zone"
          hint="Your hours below are on this clock; learners see them in their own."
          value={values.timeZone ?? "UTC"}
          error={errors.timeZone}
          required
        />
      </div>
      <section aria-labelledby="weekly-heading" class="space-y-3">
        <h2 id="weekly-heading" class="text-lg font-semibold text-slate-900">
          Weekly hours
        </h2>
        <p class="text-sm text-slate-700">
          Times as HH:MM on a 24-hour clock, such as 09:00 to 12:30. An end
          before the start runs past midnight; 00:00 to 24:00 is the whole day.
          Fill the blank row to add a period (save to get another); clear a row
          to remove it.
        </p>
        <FieldNotes id="weekly" error={errors.weekly} />
        <div class="grid gap-3 md:grid-cols-2">
          {WEEKDAYS.map((day) => (
            <WeekdayRows
              key={day}
              day={day}
              form={form}
            />
          ))}
        </div>
      </section>
      <OverrideRows form={form} />
      <section aria-labelledby="rules-heading" class="space-y-4">
        <h2 id="rules-heading" class="text-lg font-semibold text-slate-900">
          Booking rules
        </h2>
        <div class="grid gap-4 sm:grid-cols-2">
          <TextField
            name="bufferBeforeMinutes"
            label="Break before each session (minutes)"
            type="number"
            min="0"
            value={values.bufferBeforeMinutes}
            error={errors.bufferBeforeMinutes}
            required
          />
          <TextField
            name="bufferAfterMinutes"
            label="Break after each session (minutes)"
            type="number"
            min="0"
            value={values.bufferAfterMinutes}
            error={errors.bufferAfterMinutes}
            required
          />
          <TextField
            name="minNoticeMinutes"
            label="Minimum notice (minutes)"
            hint="How long before a session it can still be booked. 240 is four hours."
            type="number"
            min="0"
            value={values.minNoticeMinutes}
            error={errors.minNoticeMinutes}
            required
          />
          <TextField
            name="horizonDays"
            label="How far ahead learners can book (days)"
            type="number"
            min="1"
            value={values.horizonDays}
            error={errors.horizonDays}
            required
          />
          <TextField
            name="dailyLimit"
            label="Most sessions a day"
            hint="Leave blank for no limit."
            type="number"
            min="1"
            value={values.dailyLimit}
            error={errors.dailyLimit}
          />
        </div>
      </section>
      <Button>Save availability</Button>
    </form>
  );
}

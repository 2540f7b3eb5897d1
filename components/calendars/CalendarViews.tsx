/**
 * The expert's busy calendars on their page: each linked calendar with its
 * state in plain words and its buttons (refresh, remove), the form that
 * links a new one, and short help on where Google, Outlook and Apple keep
 * a calendar's secret address. Plain forms and `<details>`: no JavaScript.
 */
import type { CalendarOverview } from "@/services/calendars/mod.ts";
import { Button } from "@/components/Button.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { timeIn, whenIn, zoneLabel } from "@/components/bookings/time.ts";

const OK = "ok";

/** "Mon 15 Mar 2030, 12:00" on the viewer's clock. */
function when(iso: string | null, zone: string): string {
  return iso ? whenIn(iso, zone) : "never";
}

/** One linked calendar: its name, host, state and buttons. */
function CalendarItem(
  { calendar, zone, nowMs }: {
    calendar: CalendarOverview;
    zone: string;
    nowMs: number;
  },
) {
  const ok = calendar.lastStatus === OK;
  const refreshable = Date.parse(calendar.refreshableAt) <= nowMs;
  const count = calendar.upcomingBusyCount;
  return (
    <li class="space-y-3 p-4" data-testid="calendar">
      <div class="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3 class="font-semibold text-slate-900 break-words">
          {calendar.name}
        </h3>
        <span class="font-mono text-sm text-slate-700 break-all">
          {calendar.host}
        </span>
      </div>
      <p
        class={`rounded-md p-3 text-sm ${
          ok ? "bg-emerald-50 text-emerald-950" : "bg-red-50 text-red-950"
        }`}
      >
        <span class="font-semibold">
          {ok ? "Working." : "Not working."}
        </span>{" "}
        {ok
          ? `${count} busy ${
            count === 1 ? "time" : "times"
          } in the next 60 days block your slots.`
          : `${calendar.lastStatus} Until it works again, the busy times read before still block your slots.`}
      </p>
      {calendar.warning && (
        <p class="rounded-md bg-amber-50 p-3 text-sm text-amber-950">
          {calendar.warning}
        </p>
      )}
      <p class="text-sm text-slate-700">
        Last read{" "}
        {when(calendar.lastFetchedAt, zone)}. TapTime reads it again every 15
        minutes.
        {!refreshable &&
          ` You can refresh it yourself from ${
            timeIn(calendar.refreshableAt, zone)
          }.`}
      </p>
      <div class="flex flex-wrap gap-3">
        {refreshable && (
          <form method="post" action="/expert/availability/calendars">
            <input type="hidden" name="id" value={calendar.id} />
            <Button
              name="action"
              value="refresh"
              variant="secondary"
              aria-label={`Refresh now: ${calendar.name}`}
            >
              Refresh now
            </Button>
          </form>
        )}
        <form method="post" action="/expert/availability/calendars">
          <input type="hidden" name="id" value={calendar.id} />
          <Button
            name="action"
            value="remove"
            variant="secondary"
            aria-label={`Remove ${calendar.name}`}
          >
            Remove
          </Button>
        </form>
      </div>
    </li>
  );
}

/** The linked calendars, or a line saying there are none. */
export function CalendarList(
  { calendars, zone, nowMs }: {
    calendars: CalendarOverview[];
    zone: string;
    nowMs: number;
  },
) {
  if (calendars.length === 0) {
    return (
      <p class="text-slate-700">
        No calendars linked yet. Only your TapTime bookings and hours decide
        when learners can book you.
      </p>
    );
  }
  return (
    <>
      <p class="text-sm text-slate-700">
        Times are in your time zone, {zoneLabel(zone)}.
      </p>
      <ul class="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {calendars.map((calendar) => (
          <CalendarItem
            key={calendar.id}
            calendar={calendar}
            zone={zone}
            nowMs={nowMs}
          />
        ))}
      </ul>
    </>
  );
}

/** Where each calendar program keeps the secret address. */
const HELP: { name: string; steps: string[] }[] = [
  {
    name: "Google Calendar",
    steps: [
      "On a computer, open Google Calendar and choose Settings (the gear).",
      "Under “Settings for my calendars”, pick the calendar.",
      "In “Integrate calendar”, copy the “Secret address in iCal format”.",
    ],
  },
  {
    name: "Outlook",
    steps: [
      "In Outlook on the web, open Settings, then Calendar, then Shared calendars.",
      "Under “Publish a calendar”, pick the calendar and “Can view when I'm busy”, then Publish.",
      "Copy the ICS link.",
    ],
  },
  {
    name: "Apple Calendar (iCloud)",
    steps: [
      "On a Mac, open Calendar, Control-click the iCloud calendar and choose Sharing Settings (on iPhone: Calendars, then the ⓘ beside it).",
      "Turn on “Public Calendar”.",
      "Copy the address that starts with webcal://.",
    ],
  },
];

/** Short help, one disclosure per calendar program. */
function AddressHelp() {
  return (
    <div class="space-y-2">
      <p class="text-sm font-semibold text-slate-900">
        Where to find the address
      </p>
      {HELP.map((program) => (
        <details
          key={program.name}
          class="rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm"
        >
          <summary class="cursor-pointer font-medium text-slate-900">
            {program.name}
          </summary>
          <ol class="mt-2 list-decimal space-y-1 pl-5 text-slate-800">
            {program.steps.map((step) => <li key={step}>{step}</li>)}
          </ol>
        </details>
      ))}
    </div>
  );
}

export interface AddForm {
  url: string;
  name: string;
  errors: { url?: string; name?: string };
}

/** The form that links a calendar, or why no more can be linked. */
export function AddCalendarForm(
  { form, full, max }: { form: AddForm; full: boolean; max: number },
) {
  if (full) {
    return (
      <p class="text-slate-700">
        You have linked {max}{" "}
        calendars, the most TapTime reads. Remove one to add another.
      </p>
    );
  }
  return (
    <>
      <form
        method="post"
        action="/expert/availability/calendars#add-calendar"
        noValidate
        class="space-y-4"
      >
        <TextField
          name="url"
          label="Secret address in iCal format"
          type="url"
          value={form.url}
          required
          autocomplete="off"
          placeholder="https://… or webcal://…"
          error={form.errors.url}
          hint="Keep this address to yourself: anyone who has it can read the calendar. TapTime keeps it encrypted, reads only when you are busy, and never shows it again."
        />
        <TextField
          name="name"
          label="Name"
          value={form.name}
          maxLength={60}
          error={form.errors.name}
          hint="For example “Work” or “Family”. Without one, TapTime names it after its service."
        />
        <Button name="action" value="add">Add calendar</Button>
      </form>
      <AddressHelp />
    </>
  );
}

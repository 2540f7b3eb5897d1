/**
 * The expert's next sessions on their own clock, each a link to its
 * booking, and the form that downloads sessions or earnings as CSV.
 */
import { Card } from "@/components/account/HomeShell.tsx";
import { Button } from "@/components/Button.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { spanIn } from "@/components/bookings/time.ts";
import type { SessionRecord } from "@/services/expert_stats/mod.ts";

export function UpcomingSessions(
  { sessions, names, zone }: {
    sessions: SessionRecord[];
    names: Record<string, string>;
    zone: string;
  },
) {
  return (
    <Card id="upcoming" title="Next sessions">
      {sessions.length === 0
        ? <p>No sessions booked ahead.</p>
        : (
          <ul class="divide-y divide-slate-200" data-testid="upcoming">
            {sessions.map((session) => (
              <li key={session.id} class="py-3">
                <a
                  href={`/bookings/${session.id}`}
                  class="font-semibold text-brand-800 underline"
                >
                  {session.offeringTitle}
                </a>{" "}
                with{" "}
                <a
                  href={`/expert/students/${session.learnerId}`}
                  class="text-brand-800 underline"
                >
                  {names[session.learnerId]}
                </a>
                <br />
                <span class="text-sm text-slate-700">
                  {spanIn(session.start, session.end, zone)}
                </span>
              </li>
            ))}
          </ul>
        )}
      <p>
        <a href="/bookings" class="text-brand-800 underline">
          Your whole schedule
        </a>
      </p>
    </Card>
  );
}

/** Dates as the export form shows them: YYYY-MM-DD. */
export interface ExportPeriod {
  from: string;
  to: string;
}

export function ExportForm(
  { period, zone }: { period: ExportPeriod; zone: string },
) {
  return (
    <Card id="export" title="Download as CSV">
      <p class="text-sm text-slate-700">
        Sessions (every status, by when they start) or earnings (each movement
        with the price, the commission and what you kept) between two dates on
        your clock ({zone.replaceAll("_", " ")}), both included. The files open
        in any spreadsheet.
      </p>
      <form method="get" action="/expert/export/sessions.csv" class="space-y-4">
        <div class="grid gap-4 sm:grid-cols-2">
          <TextField
            name="from"
            label="From"
            type="date"
            required
            value={period.from}
          />
          <TextField
            name="to"
            label="To"
            type="date"
            required
            value={period.to}
          />
        </div>
        <div class="flex flex-wrap gap-3">
          <Button data-testid="export-sessions">Download sessions</Button>
          <Button
            variant="secondary"
            formAction="/expert/export/earnings.csv"
            data-testid="export-earnings"
          >
            Download earnings
          </Button>
        </div>
      </form>
    </Card>
  );
}

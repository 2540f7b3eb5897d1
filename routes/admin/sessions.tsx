/**
 * Session monitoring (/admin/sessions): the calls open right now with who
 * is in them, and a chosen day's bookings (today by default) with each
 * party's joined and left times, time in the call and the outcome.
 */
import { define } from "@/web/define.ts";
import { accountNames } from "@/web/money_forms.ts";
import { Button } from "@/components/Button.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import {
  AttendanceTable,
  LiveTable,
} from "@/components/admin/stats/SessionTables.tsx";
import {
  liveSessions,
  MAX_SESSIONS_PER_DAY,
  type MonitoredSession,
  sessionsOn,
  todayFor,
} from "@/services/platform_stats/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";

const PATH = "/admin/sessions";

interface SessionsPageData {
  live: MonitoredSession[];
  day: string;
  today: string;
  dayError: string | null;
  sessions: MonitoredSession[];
  names: Record<string, string>;
}

export const handler = define.handlers<SessionsPageData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const today = todayFor(kv);
    const day = ctx.url.searchParams.get("date")?.trim() || today;
    const live = await liveSessions(kv);
    let sessions: MonitoredSession[] = [];
    let dayError: string | null = null;
    try {
      sessions = await sessionsOn(kv, day);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      dayError = error.fieldErrors.date?.[0] ?? error.message;
    }
    const names = await accountNames(
      kv,
      [...live, ...sessions].flatMap(({ booking }) => [
        booking.learnerId,
        booking.expertId,
      ]),
    );
    return ctx.render(
      { live, day, today, dayError, sessions, names },
      { status: dayError ? 400 : 200 },
    );
  },
});

export default define.page<typeof handler>(function AdminSessions({ data }) {
  const { day, dayError, sessions } = data;
  return (
    <>
      <Card title="Live now" id="live">
        <p>
          Calls that can be joined now (from 10 minutes before the start to 15
          minutes after the end), and who is in them.
        </p>
        <LiveTable sessions={data.live} names={data.names} />
      </Card>
      <Card title="Attendance per booking" id="attendance">
        <form
          method="get"
          action={PATH}
          noValidate
          class="grid gap-4 sm:grid-cols-[1fr_auto] sm:items-end"
        >
          <TextField
            type="date"
            name="date"
            label="Sessions starting on (UTC)"
            optional={false}
            value={day}
            error={dayError ?? undefined}
          />
          <Button>Show</Button>
        </form>
        {!dayError && (
          <>
            <AttendanceTable
              sessions={sessions}
              names={data.names}
              day={day}
            />
            {sessions.length === MAX_SESSIONS_PER_DAY && (
              <p>
                The first {MAX_SESSIONS_PER_DAY}{" "}
                sessions are shown; the report has them all.
              </p>
            )}
            {/* Reports cover days up to today. */}
            {day <= data.today && (
              <p>
                <a
                  href={`/admin/reports/attendance.csv?from=${day}&to=${day}`}
                  class="font-medium text-brand-800 underline"
                  download
                >
                  This day's attendance (CSV)
                </a>
              </p>
            )}
          </>
        )}
        <p>
          <a href="/admin/stats" class="font-semibold text-brand-800 underline">
            Platform statistics
          </a>
        </p>
      </Card>
    </>
  );
});

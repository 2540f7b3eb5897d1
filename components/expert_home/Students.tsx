/**
 * The expert's students: the list (one card per learner, readable at
 * 360 px) and one learner's history with the shared notes of each session.
 */
import { StatusBadge } from "@/components/bookings/BookingViews.tsx";
import { spanIn, whenIn } from "@/components/bookings/time.ts";
import { NoteText } from "@/components/expert_home/SessionNotes.tsx";
import {
  hoursOf,
  type SessionRecord,
  type StudentSummary,
} from "@/services/expert_stats/mod.ts";
import type { SessionNote } from "@/services/session_notes/mod.ts";

/** "3 sessions · 2.5 hours" with the last and next session. */
function Totals(
  { summary, zone }: { summary: StudentSummary; zone: string },
) {
  return (
    <dl class="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
      <div>
        <dt class="text-slate-600">Sessions</dt>
        <dd class="font-semibold text-slate-900" data-testid="student-sessions">
          {summary.sessions}
        </dd>
      </div>
      <div>
        <dt class="text-slate-600">Hours</dt>
        <dd class="font-semibold text-slate-900" data-testid="student-hours">
          {hoursOf(summary.minutes)}
        </dd>
      </div>
      <div>
        <dt class="text-slate-600">Last session</dt>
        <dd class="text-slate-900">
          {summary.lastSession ? whenIn(summary.lastSession, zone) : "None yet"}
        </dd>
      </div>
      <div>
        <dt class="text-slate-600">Next session</dt>
        <dd class="text-slate-900">
          {summary.nextSession
            ? whenIn(summary.nextSession, zone)
            : "None booked"}
        </dd>
      </div>
    </dl>
  );
}

export function StudentList(
  { students, names, zone }: {
    students: StudentSummary[];
    names: Record<string, string>;
    zone: string;
  },
) {
  if (students.length === 0) {
    return <p>No one has booked you yet.</p>;
  }
  return (
    <ul class="divide-y divide-slate-200" data-testid="students">
      {students.map((student) => (
        <li key={student.learnerId} class="space-y-2 py-4">
          <a
            href={`/expert/students/${student.learnerId}`}
            class="font-semibold text-brand-800 underline"
          >
            {names[student.learnerId]}
          </a>
          <Totals summary={student} zone={zone} />
        </li>
      ))}
    </ul>
  );
}

export function StudentHistory(
  { learnerId, name, summary, sessions, notes, zone }: {
    learnerId: string;
    name: string;
    summary: StudentSummary;
    sessions: SessionRecord[];
    notes: Record<string, SessionNote>;
    zone: string;
  },
) {
  return (
    <>
      <Totals summary={summary} zone={zone} />
      <p>
        <a
          href={`/messages/with/${encodeURIComponent(learnerId)}`}
          class="font-medium text-brand-800 underline"
        >
          Message {name}
        </a>
      </p>
      <h3 class="font-semibold text-slate-900">Sessions, latest first</h3>
      <ol class="divide-y divide-slate-200" data-testid="student-history">
        {sessions.map((session) => (
          <li key={session.id} class="space-y-2 py-4">
            <div class="flex flex-wrap items-center gap-2">
              <a
                href={`/bookings/${session.id}`}
                class="font-semibold text-brand-800 underline"
              >
                {session.offeringTitle}
              </a>
              <StatusBadge status={session.status} />
            </div>
            <p class="text-sm text-slate-700">
              {spanIn(session.start, session.end, zone)}
            </p>
            {notes[session.id]
              ? (
                <div class="space-y-1">
                  <h4 class="text-sm font-semibold text-slate-900">
                    Shared notes
                  </h4>
                  <NoteText note={notes[session.id]} zone={zone} />
                  <p class="text-sm">
                    <a
                      href={`/bookings/${session.id}#notes`}
                      class="text-brand-800 underline"
                    >
                      Change the notes
                    </a>
                  </p>
                </div>
              )
              : session.status !== "cancelled" &&
                Date.parse(session.start) <= Date.now() && (
                <p class="text-sm">
                  <a
                    href={`/bookings/${session.id}#notes`}
                    class="text-brand-800 underline"
                  >
                    Write notes for {name}
                  </a>
                </p>
              )}
          </li>
        ))}
      </ol>
    </>
  );
}

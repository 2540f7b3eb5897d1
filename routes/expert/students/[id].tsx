/**
 * One student's history with the expert: their sessions (latest first,
 * every status) with the shared notes of each, totals, and links to each
 * booking, its notes and the conversation. A learner who never booked the
 * expert is not found.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { personName } from "@/components/bookings/names.ts";
import { StudentHistory } from "@/components/expert_home/Students.tsx";
import {
  type SessionRecord,
  studentHistory,
  type StudentSummary,
} from "@/services/expert_stats/mod.ts";
import {
  notesForBookings,
  type SessionNote,
} from "@/services/session_notes/mod.ts";
import { isIdShaped } from "@/services/platform/model.ts";

interface StudentData {
  name: string;
  summary: StudentSummary;
  sessions: SessionRecord[];
  notes: Record<string, SessionNote>;
}

export const handler = define.handlers<StudentData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const learnerId = ctx.params.id;
    if (!isIdShaped(learnerId)) return ctx.renderNotFound();
    const history = await studentHistory(kv, user.id, learnerId);
    if (!history) return ctx.renderNotFound();
    const notes = await notesForBookings(
      kv,
      history.sessions.map((session) => session.id),
    );
    return ctx.render({
      name: await personName(kv, learnerId),
      summary: history.summary,
      sessions: history.sessions,
      notes: Object.fromEntries(notes),
    });
  },
});

export default define.page<typeof handler>(function Student(
  { data, state },
) {
  const user = requireUser(state);
  return (
    <div class="space-y-6">
      <p>
        <a href="/expert/students" class="text-brand-800 underline">
          All your students
        </a>
      </p>
      <Card id="student" title={data.name}>
        <StudentHistory
          learnerId={data.summary.learnerId}
          name={data.name}
          summary={data.summary}
          sessions={data.sessions}
          notes={data.notes}
          zone={user.timeZone}
        />
      </Card>
    </div>
  );
});

/**
 * The expert's students: everyone who booked them, those seen most
 * recently first, each with their completed sessions, hours, last session
 * and next booked one, and a link to their history and shared notes.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { personName } from "@/components/bookings/names.ts";
import { StudentList } from "@/components/expert_home/Students.tsx";
import {
  expertStudents,
  type StudentSummary,
} from "@/services/expert_stats/mod.ts";

interface StudentsData {
  students: StudentSummary[];
  names: Record<string, string>;
}

export const handler = define.handlers<StudentsData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const students = await expertStudents(kv, user.id);
    const names: Record<string, string> = {};
    for (const student of students) {
      names[student.learnerId] = await personName(kv, student.learnerId);
    }
    return ctx.render({ students, names });
  },
});

export default define.page<typeof handler>(function Students(
  { data, state },
) {
  const user = requireUser(state);
  return (
    <Card id="students" title="Your students">
      <p class="text-sm text-slate-700">
        Everyone who has booked you. Sessions and hours count completed sessions
        (held, with both of you there).
      </p>
      <StudentList
        students={data.students}
        names={data.names}
        zone={user.timeZone}
      />
    </Card>
  );
});

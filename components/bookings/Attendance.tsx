/**
 * A booking's call attendance as its two parties and admins see it: for
 * each person, when they first joined, when they last left and how long
 * they were in the call (services/calls' `getAttendance`). Shown once the
 * call has opened or its join window has closed; before that there is
 * nothing to say.
 */
import type { AttendanceView } from "@/services/calls/mod.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { timeIn, whenIn } from "./time.ts";

/** True when the booking page should show `attendance`. */
export function hasAttendance(attendance: AttendanceView | null): boolean {
  return attendance !== null &&
    (attendance.openedAt !== null || attendance.outcome !== null);
}

/** "less than a minute", "1 minute", "42 minutes". */
export function minutesInCall(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (seconds < 30) return "less than a minute";
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}

export function AttendanceCard(
  { participants, names, zone }: AttendanceView & {
    /** Display names by user id ("You" for the viewer). */
    names: Record<string, string>;
    /** The viewer's time zone. */
    zone: string;
  },
) {
  return (
    <Card id="attendance" title="Attendance">
      <ul class="space-y-3">
        {participants.map((person) => (
          <li key={person.userId}>
            <p class="font-semibold text-slate-900">
              {names[person.userId] ?? "A former member"}
              <span class="font-normal text-slate-700">
                {person.party === "expert" ? " (expert)" : " (learner)"}
              </span>
            </p>
            <p class="text-sm text-slate-800">
              {!person.joined ? "Did not join the call." : [
                `Joined ${whenIn(person.firstJoinedAt!, zone)}`,
                person.present
                  ? "in the call now"
                  : person.lastLeftAt
                  ? `left ${timeIn(person.lastLeftAt, zone)}`
                  : null,
                `${minutesInCall(person.durationSeconds)} in the call`,
              ].filter(Boolean).join(" · ")}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/**
 * Session monitoring's tables: the calls open now with who is in them, and
 * a day's bookings with each party's attendance and the outcome.
 */
import { CELL, ScrollTable } from "@/components/money/Table.tsx";
import {
  durationText,
  type MonitoredSession,
  OUTCOME_LABELS,
} from "@/services/platform_stats/mod.ts";
import type { ParticipantAttendance } from "@/services/calls/mod.ts";
import { formatClock, formatInstant } from "@/web/format.ts";

const VERDICTS: Record<string, string> = {
  attended: "Both joined",
  learner_absent: "The learner never joined",
  expert_absent: "The expert never joined",
};

/** "14:05" in UTC: the day is given by the table. */
function clock(iso: string | null): string {
  if (!iso) return "–";
  return formatClock(iso, "UTC");
}

function party(session: MonitoredSession, side: "learner" | "expert") {
  return session.attendance.participants.find((p) => p.party === side);
}

/** One party's name and time in the call, in one cell. */
function PartyCell(
  { who, names, live }: {
    who: ParticipantAttendance | undefined;
    names: Record<string, string>;
    live?: boolean;
  },
) {
  if (!who) return <td class={CELL}>–</td>;
  return (
    <td class={CELL}>
      <span class="block font-medium">{names[who.userId] ?? who.userId}</span>
      {live
        ? (
          <span class="block">
            {who.present ? "In the call" : "Not in the call"}
            {who.joined && `, ${durationText(who.durationSeconds)} so far`}
          </span>
        )
        : who.joined
        ? (
          <span class="block">
            Joined {clock(who.firstJoinedAt)}, left {clock(who.lastLeftAt)};
            {" "}
            {durationText(who.durationSeconds)}
            {who.joins > 1 && ` over ${who.joins} joins`}
          </span>
        )
        : <span class="block">Never joined</span>}
    </td>
  );
}

function BookingCell({ session }: { session: MonitoredSession }) {
  const { booking } = session;
  return (
    <th scope="row" class={`${CELL} font-normal`}>
      <span class="block font-medium">{booking.offeringTitle}</span>
      <span class="block">
        {clock(booking.start)}–{clock(booking.end)} UTC
      </span>
      <a
        href={`/bookings/${booking.id}`}
        class="text-brand-800 underline"
      >
        Booking <span class="sr-only">{booking.offeringTitle}</span>
        {` ${booking.id.slice(-6)}`}
      </a>
    </th>
  );
}

/** The calls that can be joined now. */
export function LiveTable(
  { sessions, names }: {
    sessions: readonly MonitoredSession[];
    names: Record<string, string>;
  },
) {
  if (sessions.length === 0) {
    return <p>No call is open right now.</p>;
  }
  return (
    <ScrollTable
      caption="Calls open now"
      head={["Session", "Learner", "Expert", "Call"]}
      minWidth="40rem"
    >
      {sessions.map((session) => (
        <tr key={session.booking.id}>
          <BookingCell session={session} />
          <PartyCell who={party(session, "learner")} names={names} live />
          <PartyCell who={party(session, "expert")} names={names} live />
          <td class={CELL}>
            {session.attendance.mode === "livekit"
              ? "LiveKit"
              : session.attendance.mode === "p2p"
              ? "Peer to peer"
              : "Not opened yet"}
            {session.attendance.openedAt &&
              `, opened ${clock(session.attendance.openedAt)}`}
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

/** A day's bookings with each party's attendance and the outcome. */
export function AttendanceTable(
  { sessions, names, day }: {
    sessions: readonly MonitoredSession[];
    names: Record<string, string>;
    day: string;
  },
) {
  if (sessions.length === 0) {
    return <p>No session starts on {day}.</p>;
  }
  return (
    <ScrollTable
      caption={`Attendance of the sessions on ${day}`}
      head={["Session", "Learner", "Expert", "Outcome"]}
      minWidth="44rem"
    >
      {sessions.map((session) => (
        <tr key={session.booking.id}>
          <BookingCell session={session} />
          <PartyCell who={party(session, "learner")} names={names} />
          <PartyCell who={party(session, "expert")} names={names} />
          <td class={CELL}>
            <span class="block font-medium">
              {OUTCOME_LABELS[session.booking.status]}
            </span>
            {session.attendance.outcome && (
              <span class="block">
                {VERDICTS[session.attendance.outcome.verdict]}
              </span>
            )}
            {!session.attendance.outcome && (
              <span class="block">
                Call open until {formatInstant(session.attendance.closesAt)}
              </span>
            )}
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

/**
 * Where calls live in Deno KV.
 *
 *   ["call_session", bookingId]                → CallSession (opened on the first admission)
 *   ["call_attendance", bookingId, userId]     → Attendance
 *   ["call_present", bookingId, userId]        → true while the person is in the call
 *   ["call_present_by_user", userId, bookingId]→ true, the same fact by person
 *                                                (to remove a suspended user from every call)
 *   ["call_webhook_seen", eventId]             → ISO instant, expires after WEBHOOK_MEMORY_MS
 *                                                (a media server's event applied once)
 *
 * (`["call_recording", bookingId, egressId]` held LiveKit's egress reports
 * until the recordings feature kept them itself; ./migrations.ts removes
 * any left.)
 *
 * The presence keys are written in the same atomic as the attendance
 * record that opens or closes a stretch, so they never disagree with it
 * (beyond a peer-to-peer page that went silent, whose record says so).
 */
import {
  type Attendance,
  attendanceSchema,
  type CallSession,
  callSessionSchema,
} from "./model.ts";

/** How long an applied webhook's id is remembered (LiveKit retries within minutes). */
export const WEBHOOK_MEMORY_MS = 7 * 86_400_000;

export const sessionKey = (bookingId: string) => ["call_session", bookingId];
export const attendanceKey = (bookingId: string, userId: string) => [
  "call_attendance",
  bookingId,
  userId,
];
export const presentKey = (bookingId: string, userId: string) => [
  "call_present",
  bookingId,
  userId,
];
export const presentByUserKey = (userId: string, bookingId: string) => [
  "call_present_by_user",
  userId,
  bookingId,
];
export const webhookSeenKey = (eventId: string) => [
  "call_webhook_seen",
  eventId,
];

export async function getSessionEntry(
  kv: Deno.Kv,
  bookingId: string,
): Promise<{ entry: Deno.KvEntryMaybe<unknown>; session: CallSession | null }> {
  const entry = await kv.get(sessionKey(bookingId));
  return {
    entry,
    session: entry.value === null ? null : callSessionSchema.parse(entry.value),
  };
}

export async function getAttendanceEntry(
  kv: Deno.Kv,
  bookingId: string,
  userId: string,
): Promise<
  { entry: Deno.KvEntryMaybe<unknown>; record: Attendance | null }
> {
  const entry = await kv.get(attendanceKey(bookingId, userId));
  return {
    entry,
    record: entry.value === null ? null : attendanceSchema.parse(entry.value),
  };
}

/** Every attendance record of a booking's call. */
export async function listAttendance(
  kv: Deno.Kv,
  bookingId: string,
): Promise<Attendance[]> {
  const records: Attendance[] = [];
  for await (
    const entry of kv.list({ prefix: ["call_attendance", bookingId] })
  ) {
    records.push(attendanceSchema.parse(entry.value));
  }
  return records;
}

/** Adds `record` and the presence keys it implies to `op`. */
export function writeAttendance(op: Deno.AtomicOperation, record: Attendance) {
  op.set(attendanceKey(record.bookingId, record.userId), record);
  const keys = [
    presentKey(record.bookingId, record.userId),
    presentByUserKey(record.userId, record.bookingId),
  ];
  for (const key of keys) {
    if (record.openSince === null) op.delete(key);
    else op.set(key, true);
  }
}

/** The bookings whose calls `userId` is in (as far as the records know). */
export async function callsWithUser(
  kv: Deno.Kv,
  userId: string,
): Promise<string[]> {
  const ids: string[] = [];
  for await (
    const entry of kv.list({ prefix: ["call_present_by_user", userId] })
  ) ids.push(entry.key[2] as string);
  return ids;
}

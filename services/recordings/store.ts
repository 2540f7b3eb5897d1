/**
 * Where recordings live in Deno KV (the files themselves are in the file
 * store, services/storage).
 *
 *   ["recording", recordingId]                       → Recording
 *   ["recording_by_booking", bookingId, recordingId] → true (a booking's recordings)
 *   ["recording_by_user", userId, recordingId]       → true, for both parties
 *                                                      (account deletion)
 *   ["recording_by_start", startedAt, recordingId]   → true (retention: oldest first)
 *   ["recording_chunk", recordingId, n]              → ChunkMeta of an uploaded chunk
 *   ["recording_egress", egressId]                   → recordingId (LiveKit's webhook
 *                                                      names the egress only)
 *   ["recording_egress_booking", bookingId]          → egressId: the egress started for
 *                                                      a booking's call, so two
 *                                                      participant_joined events (or
 *                                                      processes) start one
 *
 * The record and its index entries are written in one atomic operation;
 * the record's versionstamp guards every change (`check`).
 */
import {
  type ChunkMeta,
  chunkMetaSchema,
  type Recording,
  recordingSchema,
} from "./model.ts";

export const recordingKey = (id: string) => ["recording", id];
export const byBookingKey = (bookingId: string, id: string) => [
  "recording_by_booking",
  bookingId,
  id,
];
export const byUserKey = (userId: string, id: string) => [
  "recording_by_user",
  userId,
  id,
];
export const byStartKey = (startedAt: string, id: string) => [
  "recording_by_start",
  startedAt,
  id,
];
export const chunkKey = (id: string, n: number) => ["recording_chunk", id, n];
export const egressKey = (egressId: string) => ["recording_egress", egressId];
export const egressOfBookingKey = (bookingId: string) => [
  "recording_egress_booking",
  bookingId,
];

/** The stored record and its entry (for `check`), or null. */
export async function getRecordingEntry(
  kv: Deno.Kv,
  id: string,
): Promise<{ entry: Deno.KvEntryMaybe<unknown>; recording: Recording | null }> {
  const entry = await kv.get(recordingKey(id));
  const parsed = recordingSchema.safeParse(entry.value);
  return { entry, recording: parsed.success ? parsed.data : null };
}

/** Writes a new record with its index entries. */
export function stageNewRecording(
  op: Deno.AtomicOperation,
  recording: Recording,
): void {
  op.check({ key: recordingKey(recording.id), versionstamp: null })
    .set(recordingKey(recording.id), recording)
    .set(byBookingKey(recording.bookingId, recording.id), true)
    .set(byUserKey(recording.learnerId, recording.id), true)
    .set(byUserKey(recording.expertId, recording.id), true)
    .set(byStartKey(recording.startedAt, recording.id), true);
  if (recording.egressId) {
    op.set(egressKey(recording.egressId), recording.id);
  }
}

/** Removes the record and its index entries (chunk notes: `deleteChunkNotes`). */
export function stageRecordingDelete(
  op: Deno.AtomicOperation,
  recording: Recording,
): void {
  op.delete(recordingKey(recording.id))
    .delete(byBookingKey(recording.bookingId, recording.id))
    .delete(byUserKey(recording.learnerId, recording.id))
    .delete(byUserKey(recording.expertId, recording.id))
    .delete(byStartKey(recording.startedAt, recording.id));
  if (recording.egressId) op.delete(egressKey(recording.egressId));
}

/**
 * Deletes a recording's chunk notes, in batches (a long recording has more
 * than one atomic operation may change).
 */
export async function deleteChunkNotes(
  kv: Deno.Kv,
  recordingId: string,
): Promise<void> {
  let batch: Deno.KvKey[] = [];
  const flush = async () => {
    const op = kv.atomic();
    for (const key of batch) op.delete(key);
    await op.commit();
    batch = [];
  };
  for await (
    const chunk of kv.list({ prefix: ["recording_chunk", recordingId] })
  ) {
    batch.push(chunk.key);
    if (batch.length === 500) await flush();
  }
  if (batch.length > 0) await flush();
}

/** The recordings of a booking, oldest first. */
export async function recordingsOfBooking(
  kv: Deno.Kv,
  bookingId: string,
): Promise<Recording[]> {
  const ids: string[] = [];
  for await (
    const entry of kv.list({ prefix: ["recording_by_booking", bookingId] })
  ) ids.push(String(entry.key[2]));
  const found = await Promise.all(
    ids.map(async (id) => (await getRecordingEntry(kv, id)).recording),
  );
  return found.filter((r): r is Recording => r !== null)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/** The uploaded chunk `n`'s fingerprint, or null. */
export async function getChunkMeta(
  kv: Deno.Kv,
  id: string,
  n: number,
): Promise<ChunkMeta | null> {
  const parsed = chunkMetaSchema.safeParse(
    (await kv.get(chunkKey(id, n))).value,
  );
  return parsed.success ? parsed.data : null;
}

/**
 * Deleting recordings: after the retention period (`recordingRetentionDays`
 * in services/settings; the retention cron calls `purgeRecordingsBefore`),
 * and every recording a person took part in when their account is deleted
 * (`deleteRecordingsOfUser`). The file goes first, then the record, so a
 * failure half-way leaves a record that the next run deletes again rather
 * than a file nobody can find.
 */
import { getFileStore } from "@/services/storage/mod.ts";
import { deleteChunkFiles } from "./browser.ts";
import type { Recording } from "./model.ts";
import {
  deleteChunkNotes,
  egressOfBookingKey,
  getRecordingEntry,
  stageRecordingDelete,
} from "./store.ts";

/** Deletes one recording: its file, any chunks left, its record. */
export async function deleteRecording(
  kv: Deno.Kv,
  recording: Recording,
): Promise<void> {
  await getFileStore(kv).delete(recording.fileKey);
  await deleteChunkFiles(kv, recording);
  await deleteChunkNotes(kv, recording.id);
  const op = kv.atomic();
  stageRecordingDelete(op, recording);
  // An egress still claiming the booking's room is this recording's.
  const claim = await kv.get(egressOfBookingKey(recording.bookingId));
  if (
    claim.value !== null &&
    (claim.value === recording.egressId ||
      claim.value === `pending:${recording.id}`)
  ) op.check(claim).delete(claim.key);
  await op.commit();
}

async function deleteAll(kv: Deno.Kv, ids: string[]): Promise<number> {
  let deleted = 0;
  for (const id of ids) {
    const { recording } = await getRecordingEntry(kv, id);
    if (!recording) continue;
    await deleteRecording(kv, recording);
    deleted++;
  }
  return deleted;
}

/** Deletes every recording started before `cutoff`; returns how many. */
export async function purgeRecordingsBefore(
  kv: Deno.Kv,
  cutoff: Date,
): Promise<number> {
  const ids: string[] = [];
  for await (
    const entry of kv.list({
      start: ["recording_by_start"],
      end: ["recording_by_start", cutoff.toISOString()],
    })
  ) ids.push(String(entry.key[2]));
  return await deleteAll(kv, ids);
}

/** Deletes every recording `userId` was a party to; returns how many. */
export async function deleteRecordingsOfUser(
  kv: Deno.Kv,
  userId: string,
): Promise<number> {
  const ids: string[] = [];
  for await (
    const entry of kv.list({ prefix: ["recording_by_user", userId] })
  ) ids.push(String(entry.key[2]));
  return await deleteAll(kv, ids);
}

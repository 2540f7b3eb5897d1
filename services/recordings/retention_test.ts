/**
 * Retention and account deletion remove a recording's file, its leftover
 * chunks and its record; recordings of others and newer ones stay.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import {
  addRecordingChunk,
  deleteRecordingsOfUser,
  finishRecording,
  listRecordings,
  purgeRecordingsBefore,
  type RecordingBooking,
  startBrowserRecording,
} from "./mod.ts";

const booking = (id: string, learnerId: string): RecordingBooking => ({
  id,
  learnerId,
  expertId: "expert1",
  offeringId: "offering1",
  start: "2030-01-10T10:00:00.000Z",
  end: "2030-01-10T11:00:00.000Z",
  status: "confirmed",
  recordingConsent: true,
});

async function record(kv: Deno.Kv, of: RecordingBooking, finish = true) {
  const started = await startBrowserRecording(kv, of, of.expertId);
  await addRecordingChunk(
    kv,
    of,
    of.expertId,
    started.id,
    0,
    new Uint8Array([1, 2, 3]),
  );
  return finish ? (await finishRecording(kv, started.id))! : started;
}

Deno.test("purgeRecordingsBefore deletes older recordings with their files; deleteRecordingsOfUser a person's", async () => {
  await using kv = await openTestKv();
  using clock = useFakeClock(new Date("2030-01-10T10:00:00Z"));
  const first = booking("booking1", "learner1");
  const second = booking("booking2", "learner2");
  const old = await record(kv, first);
  const unfinished = await record(kv, first, false);
  clock.advance(20 * 60_000);
  const newer = await record(kv, second);
  const files = getFileStore(kv);
  expect(await files.head(old.fileKey)).not.toBeNull();

  expect(await purgeRecordingsBefore(kv, new Date("2030-01-10T10:10:00Z")))
    .toBe(2);
  expect(await files.head(old.fileKey)).toBeNull();
  expect(await files.head(`recording-chunks/${unfinished.id}/0`)).toBeNull();
  expect(await listRecordings(kv, first, "learner1")).toEqual([]);
  expect((await listRecordings(kv, second, "learner2")).map((r) => r.id))
    .toEqual([newer.id]);
  expect(await purgeRecordingsBefore(kv, new Date("2030-01-10T10:10:00Z")))
    .toBe(0);

  expect(await deleteRecordingsOfUser(kv, "learner1")).toBe(0);
  expect(await deleteRecordingsOfUser(kv, "learner2")).toBe(1);
  expect(await files.head(newer.fileKey)).toBeNull();
  expect(await listRecordings(kv, second, "expert1")).toEqual([]);
  expect(
    [...await Array.fromAsync(kv.list({ prefix: [] }))].filter((e) =>
      String(e.key[0]).startsWith("recording")
    ),
  ).toEqual([]);
});

/**
 * Peer-to-peer recordings, made by the expert's browser: it starts a
 * recording, uploads what MediaRecorder produces as numbered chunks while
 * the call goes on, and finishes it when recording stops or the page
 * leaves. Finishing joins the chunks, in order, into one WebM file in the
 * file store. A page that vanished without finishing is finished by
 * `recordingIdleJob` once nothing has arrived for IDLE_FINISH_MS.
 *
 * Chunks must arrive in order (chunk n after chunks 0..n-1), so the file is
 * exactly what was recorded; sending a chunk again is harmless (same bytes:
 * accepted again, different bytes: a conflict).
 */
import { z } from "zod";
import { callMediaFor } from "@/services/calls/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import { defineJob, enqueue } from "@/services/platform/jobs.ts";
import { newId } from "@/services/platform/kv.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import {
  BROWSER_CONTENT_TYPE,
  chunkFileKey,
  IDLE_FINISH_MS,
  MAX_CHUNK_BYTES,
  MAX_CHUNKS,
  type Recording,
  type RecordingBooking,
  recordingFileKey,
} from "./model.ts";
import { refuseUnlessRecorder } from "./policy.ts";
import {
  chunkKey,
  deleteChunkNotes,
  getChunkMeta,
  getRecordingEntry,
  stageNewRecording,
  stageRecordingDelete,
} from "./store.ts";

/** The longest duration a recorder may report: a day. */
const MAX_DURATION_MS = 86_400_000;

const nowOf = (kv: Deno.Kv) => clockFor(kv).now();

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    bytes as Uint8Array<ArrayBuffer>,
  );
  return Array.from(
    new Uint8Array(digest),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("");
}

/** The booking's browser recording `recordingId`, or NotFoundError. */
async function ownRecording(
  kv: Deno.Kv,
  booking: RecordingBooking,
  recordingId: string,
) {
  const found = await getRecordingEntry(kv, recordingId);
  if (
    !found.recording || found.recording.bookingId !== booking.id ||
    found.recording.source !== "browser"
  ) throw new NotFoundError("No such recording.");
  return found as { entry: Deno.KvEntryMaybe<unknown>; recording: Recording };
}

/**
 * Starts a browser recording of `booking`'s call for its expert. Throws
 * RecordingRefusedError (not the expert, no consent, outside the join
 * window) or ConflictError (calls run on LiveKit, which records itself).
 */
export async function startBrowserRecording(
  kv: Deno.Kv,
  booking: RecordingBooking,
  userId: string,
): Promise<Recording> {
  const now = nowOf(kv);
  refuseUnlessRecorder(booking, userId, now.getTime());
  if (callMediaFor(kv).mode !== "p2p") {
    throw new ConflictError(
      "Calls on this server run on LiveKit, which records the session itself.",
    );
  }
  const id = newId();
  const at = now.toISOString();
  const recording: Recording = {
    id,
    bookingId: booking.id,
    learnerId: booking.learnerId,
    expertId: booking.expertId,
    source: "browser",
    status: "recording",
    fileKey: recordingFileKey(booking.id, id, "browser"),
    contentType: BROWSER_CONTENT_TYPE,
    chunks: 0,
    sizeBytes: 0,
    durationMs: null,
    egressId: null,
    startedAt: at,
    lastActivityAt: at,
    endedAt: null,
    error: null,
  };
  const op = kv.atomic();
  stageNewRecording(op, recording);
  if (!(await op.commit()).ok) throw new ConflictError("Try again.");
  await enqueue(kv, recordingIdleJob, { recordingId: id }, {
    delay: IDLE_FINISH_MS,
  });
  return recording;
}

/** What adding a chunk did. */
export interface ChunkReceipt {
  recording: Recording;
  /** True when this chunk had arrived before (a retried upload). */
  duplicate: boolean;
}

/**
 * Adds chunk `n` (the next in order) to a browser recording. Throws
 * RecordingRefusedError, NotFoundError (no such recording of this booking),
 * ValidationError (empty or too big, `n` out of range) or ConflictError (a
 * finished recording, a chunk out of order, different bytes for a chunk
 * already received).
 */
export async function addRecordingChunk(
  kv: Deno.Kv,
  booking: RecordingBooking,
  userId: string,
  recordingId: string,
  n: number,
  bytes: Uint8Array,
): Promise<ChunkReceipt> {
  refuseUnlessRecorder(booking, userId, nowOf(kv).getTime());
  if (!Number.isInteger(n) || n < 0 || n >= MAX_CHUNKS) {
    throw new ValidationError("The chunk number is invalid.", {
      n: [`Number chunks from 0 to ${MAX_CHUNKS - 1}.`],
    });
  }
  if (bytes.byteLength === 0 || bytes.byteLength > MAX_CHUNK_BYTES) {
    throw new ValidationError("The chunk is invalid.", {
      body: [
        `Send between 1 byte and ${MAX_CHUNK_BYTES / 1024} KiB per chunk.`,
      ],
    });
  }
  const sha256 = await sha256Hex(bytes);
  let stored = false;
  return await untilCommitted(async () => {
    const { entry, recording } = await ownRecording(kv, booking, recordingId);
    if (n < recording.chunks) {
      const meta = await getChunkMeta(kv, recordingId, n);
      if (meta?.sha256 === sha256) return { recording, duplicate: true };
      if (recording.status !== "recording") {
        throw new ConflictError("This recording is finished.");
      }
      throw new ConflictError(
        `Chunk ${n} was already received with different contents.`,
      );
    }
    if (recording.status !== "recording") {
      throw new ConflictError("This recording is finished.");
    }
    if (n > recording.chunks) {
      throw new ConflictError(
        `Chunks must arrive in order: chunk ${recording.chunks} comes next.`,
      );
    }
    if (!stored) {
      await getFileStore(kv).put(chunkFileKey(recordingId, n), bytes, {
        contentType: "application/octet-stream",
      });
      stored = true;
    }
    const updated: Recording = {
      ...recording,
      chunks: n + 1,
      sizeBytes: recording.sizeBytes + bytes.byteLength,
      lastActivityAt: nowOf(kv).toISOString(),
    };
    const ok = await kv.atomic().check(entry)
      .set(entry.key, updated)
      .set(chunkKey(recordingId, n), { size: bytes.byteLength, sha256 })
      .commit();
    return ok.ok ? { recording: updated, duplicate: false } : RETRY;
  });
}

/** The expert's page stopping its recording (allowed after the window too). */
export async function finishBrowserRecording(
  kv: Deno.Kv,
  booking: RecordingBooking,
  userId: string,
  recordingId: string,
  durationMs?: number,
): Promise<Recording | null> {
  refuseUnlessRecorder(booking, userId, nowOf(kv).getTime(), {
    inWindow: false,
  });
  await ownRecording(kv, booking, recordingId);
  return await finishRecording(kv, recordingId, durationMs);
}

/** Removes a browser recording's uploaded chunk files. */
export async function deleteChunkFiles(
  kv: Deno.Kv,
  recording: Recording,
): Promise<void> {
  if (recording.source !== "browser") return;
  const files = getFileStore(kv);
  for (let n = 0; n < recording.chunks; n++) {
    await files.delete(chunkFileKey(recording.id, n));
  }
}

/** The chunks of a recording, one after another, as one stream. */
function joinedChunks(
  kv: Deno.Kv,
  recordingId: string,
  count: number,
): ReadableStream<Uint8Array> {
  const files = getFileStore(kv);
  let n = 0;
  let current: ReadableStreamDefaultReader<Uint8Array> | null = null;
  return new ReadableStream({
    async pull(controller) {
      while (true) {
        if (!current) {
          if (n >= count) return controller.close();
          const found = await files.get(chunkFileKey(recordingId, n++));
          if (!found) throw new Error(`Chunk ${n - 1} is missing.`);
          current = found.body.getReader();
        }
        const { done, value } = await current.read();
        if (done) {
          current = null;
          continue;
        }
        controller.enqueue(value);
        return;
      }
    },
    async cancel() {
      await current?.cancel();
    },
  });
}

/**
 * Joins a browser recording's chunks into its file and marks it ready
 * (a recording with no chunks is simply removed). Idempotent: a finished
 * recording is returned as it is. Returns null when nothing was recorded.
 */
export async function finishRecording(
  kv: Deno.Kv,
  recordingId: string,
  durationMs?: number,
): Promise<Recording | null> {
  const files = getFileStore(kv);
  const finished = await untilCommitted(async () => {
    const { entry, recording } = await getRecordingEntry(kv, recordingId);
    if (!recording) return null;
    if (recording.status !== "recording") return recording;
    const op = kv.atomic().check(entry);
    let updated: Recording;
    if (recording.chunks === 0) {
      stageRecordingDelete(op, recording);
      return (await op.commit()).ok ? null : RETRY;
    }
    {
      try {
        await files.put(
          recording.fileKey,
          joinedChunks(kv, recordingId, recording.chunks),
          { contentType: recording.contentType, size: recording.sizeBytes },
        );
      } catch (error) {
        // Another finisher may have won and removed the chunks meanwhile.
        const again = await getRecordingEntry(kv, recordingId);
        if (again.recording && again.recording.status !== "recording") {
          return again.recording;
        }
        throw error;
      }
      updated = {
        ...recording,
        status: "ready",
        endedAt: nowOf(kv).toISOString(),
        durationMs: durationMs === undefined
          ? null
          : Math.min(MAX_DURATION_MS, Math.max(0, Math.round(durationMs))),
      };
      op.set(entry.key, updated);
    }
    return (await op.commit()).ok ? updated : RETRY;
  });
  if (finished?.status === "ready") {
    await deleteChunkFiles(kv, finished);
    await deleteChunkNotes(kv, recordingId);
  }
  return finished && finished.status !== "recording" ? finished : null;
}

/**
 * Finishes a browser recording once nothing has arrived for IDLE_FINISH_MS
 * (the page closed without saying so); until then it looks again later.
 */
export const recordingIdleJob = defineJob({
  name: "recordings.finish_idle",
  payload: z.object({ recordingId: z.string() }),
  async handler({ recordingId }, { kv }) {
    const { recording } = await getRecordingEntry(kv, recordingId);
    if (!recording || recording.status !== "recording") return;
    const idleMs = nowOf(kv).getTime() - Date.parse(recording.lastActivityAt);
    if (idleMs >= IDLE_FINISH_MS) {
      await finishRecording(kv, recordingId);
      return;
    }
    await enqueue(kv, recordingIdleJob, { recordingId }, {
      delay: IDLE_FINISH_MS - idleMs + 1_000,
    });
  },
});

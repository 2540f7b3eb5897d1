/**
 * What a recording of a booking's call is. Two sources write one shape:
 *
 * - `browser` (peer-to-peer calls): the expert's browser records the call
 *   with MediaRecorder (WebM) and uploads it in numbered chunks while it
 *   records; finishing the recording joins the chunks into one file.
 * - `egress` (LiveKit calls): the server asks LiveKit for a room-composite
 *   egress into the configured S3 bucket; LiveKit's `egress_ended` webhook
 *   says the file is there.
 *
 * Either way the file lives in the storage interface (services/storage) at
 * `recordingFileKey(...)`, and is served to the booking's two parties only.
 * The zod schema is the one statement of the stored shape.
 */
import { z } from "zod";
import { idSchema } from "@/services/platform/model.ts";

/**
 * The largest chunk a browser may upload. It is the JSON/form body limit
 * (middleware/body_limit.ts's MAX_BODY_BYTES): the recorder slices what
 * MediaRecorder hands it into pieces of at most this many bytes, so no
 * upload route needs a larger body.
 */
export const MAX_CHUNK_BYTES = 64 * 1024;
/** The most chunks one recording takes: 4 GiB at MAX_CHUNK_BYTES. */
export const MAX_CHUNKS = 65_536;
/**
 * A browser recording nobody has added to for this long is finished by the
 * background job (the page was closed or lost its network).
 */
export const IDLE_FINISH_MS = 2 * 60_000;
/** What a browser recording's file is. */
export const BROWSER_CONTENT_TYPE = "video/webm";
/** What LiveKit's room-composite egress writes. */
export const EGRESS_CONTENT_TYPE = "video/mp4";

export const RECORDING_SOURCES = ["browser", "egress"] as const;
export type RecordingSource = typeof RECORDING_SOURCES[number];
export const RECORDING_STATUSES = ["recording", "ready", "failed"] as const;
export type RecordingStatus = typeof RECORDING_STATUSES[number];

const at = z.iso.datetime();

/** One recording of one booking's call, as stored. */
export const recordingSchema = z.object({
  id: idSchema,
  bookingId: idSchema,
  learnerId: idSchema,
  expertId: idSchema,
  source: z.enum(RECORDING_SOURCES),
  status: z.enum(RECORDING_STATUSES),
  /** Where the finished file is in the file store. */
  fileKey: z.string(),
  contentType: z.string(),
  /** Browser recordings: chunks received so far (the next expected number). */
  chunks: z.number().int().nonnegative(),
  /** Bytes received (browser) or written (egress) so far. */
  sizeBytes: z.number().int().nonnegative(),
  /** As the recorder or LiveKit measured it; null when unknown. */
  durationMs: z.number().int().nonnegative().nullable(),
  /** LiveKit's egress id (egress recordings only). */
  egressId: z.string().nullable(),
  startedAt: at,
  /** The last chunk's arrival (browser); the job finishes idle recordings. */
  lastActivityAt: at,
  endedAt: at.nullable(),
  /** Why it failed, in words (status `failed`). */
  error: z.string().nullable(),
});
export type Recording = z.infer<typeof recordingSchema>;

/** One uploaded chunk's fingerprint, so a retried upload is recognised. */
export const chunkMetaSchema = z.object({
  size: z.number().int().nonnegative(),
  sha256: z.string(),
});
export type ChunkMeta = z.infer<typeof chunkMetaSchema>;

/**
 * What the recording rules read of a booking: the call's booking facts
 * (services/calls' CallBooking) plus the learner's consent, given when
 * booking an offering that offers recording.
 */
export interface RecordingBooking {
  id: string;
  learnerId: string;
  expertId: string;
  offeringId: string;
  start: string;
  end: string;
  status: string;
  recordingConsent?: boolean;
}

/** Where a recording's file lives in the file store. */
export function recordingFileKey(
  bookingId: string,
  recordingId: string,
  source: RecordingSource,
): string {
  return `recordings/${bookingId}/${recordingId}.${
    source === "browser" ? "webm" : "mp4"
  }`;
}

/** Where a browser recording's chunk waits until the recording is finished. */
export function chunkFileKey(recordingId: string, n: number): string {
  return `recording-chunks/${recordingId}/${n}`;
}

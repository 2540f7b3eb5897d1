/**
 * A booking's recordings, for its two parties only (anyone else, admins
 * included, gets 404 as for a booking that does not exist): list them,
 * and (peer-to-peer calls) the expert's browser starting a recording,
 * uploading it in ordered chunks and finishing it. The file itself is
 * streamed with range requests by the page route
 * /bookings/{id}/recordings/{recordingId} (routes/), which the list links.
 *
 * On LiveKit the server records instead, driven by LiveKit's webhook
 * (api/routes/calls.ts hands each verified event to the recordings
 * feature's `observeCallEvent`: participant_joined starts the egress once
 * both parties are in; egress_ended: the recording is ready).
 */
import { z } from "zod";
import { owned, signedIn } from "@/auth/policy.ts";
import { getBookingFor } from "@/services/bookings/mod.ts";
import {
  addRecordingChunk,
  finishBrowserRecording,
  listRecordings,
  MAX_CHUNK_BYTES,
  MAX_CHUNKS,
  type Recording,
  RecordingRefusedError,
  startBrowserRecording,
} from "@/services/recordings/mod.ts";
import { ApiError } from "@/api/errors.ts";
import { type ApiApp, type ApiContext, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc, idParam, json, jsonBody } from "@/api/route.ts";

const party = owned(signedIn, "the caller is the booking's learner or expert");
const expertParty = owned(signedIn, "the caller is the booking's expert");

const bookingParams = z.object({
  id: idParam("booking", "The booking's id."),
});
const recordingParams = bookingParams.extend({
  recordingId: idParam("recording", "The recording's id."),
});
const chunkParams = recordingParams.extend({
  n: z.string().regex(/^\d{1,5}$/, "Number chunks 0, 1, 2, …").describe(
    "The chunk's number: 0 for the first, then one more each time.",
  ),
});

const noSuchBooking = errorDoc(
  "The caller has no booking with this id, or is not one of its two parties (error: not_found).",
);
const refused = errorDoc(
  "recording_expert_only (only the expert's browser records), recording_not_consented (the offering does not offer recording or the learner did not agree when booking) or recording_outside_window (the call is not open).",
);
const at = z.iso.datetime();

const recordingView = z.object({
  id: z.string(),
  bookingId: z.string(),
  source: z.enum(["browser", "egress"]).describe(
    "browser: recorded by the expert's browser (peer-to-peer); egress: by LiveKit.",
  ),
  status: z.enum(["recording", "ready", "failed"]),
  contentType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  durationSeconds: z.number().int().nonnegative().nullable(),
  chunks: z.number().int().nonnegative().describe(
    "Browser recordings: chunks received, so the number of the next one.",
  ),
  startedAt: at,
  endedAt: at.nullable(),
  url: z.string().nullable().describe(
    "Where to stream it (range requests welcome) once ready.",
  ),
}).meta({ id: "Recording" });

function toView(recording: Recording) {
  return {
    id: recording.id,
    bookingId: recording.bookingId,
    source: recording.source,
    status: recording.status,
    contentType: recording.contentType,
    sizeBytes: recording.sizeBytes,
    durationSeconds: recording.durationMs === null
      ? null
      : Math.round(recording.durationMs / 1000),
    chunks: recording.chunks,
    startedAt: recording.startedAt,
    endedAt: recording.endedAt,
    url: recording.status === "ready"
      ? `/bookings/${encodeURIComponent(recording.bookingId)}/recordings/${
        encodeURIComponent(recording.id)
      }`
      : null,
  };
}

const listRoute = defineRoute({
  method: "get",
  path: "/bookings/{id}/recordings",
  operationId: "listBookingRecordings",
  summary: "A booking's recordings",
  description:
    "The booking's two parties only. Recordings exist when the expert offers recording on the offering and the learner agreed when booking; they are deleted after the retention period.",
  "x-access": party,
  request: { params: bookingParams },
  responses: {
    200: json(
      "Oldest first.",
      z.object({ recordings: z.array(recordingView) }),
    ),
    404: noSuchBooking,
  },
});

const startRoute = defineRoute({
  method: "post",
  path: "/bookings/{id}/recordings",
  operationId: "startBookingRecording",
  summary: "Start recording the call (peer-to-peer, the expert's browser)",
  description:
    `The expert's browser, while the call is open. Then upload the recording as it is made: POST …/chunks/0, 1, 2, … (each up to ${
      MAX_CHUNK_BYTES / 1024
    } KiB), and …/finish when done; a recording nothing reaches for two minutes is finished by the server.`,
  "x-access": expertParty,
  request: { params: bookingParams },
  responses: {
    201: json(
      "Recording; upload chunk 0 next.",
      z.object({ recording: recordingView }),
    ),
    403: refused,
    404: noSuchBooking,
    409: errorDoc(
      "Calls run on LiveKit here, which records the session itself (error: conflict).",
    ),
  },
});

const chunkRoute = defineRoute({
  method: "post",
  path: "/bookings/{id}/recordings/{recordingId}/chunks/{n}",
  operationId: "uploadRecordingChunk",
  summary: "Upload the next piece of a recording",
  description: `The bytes MediaRecorder produced, in order, up to ${
    MAX_CHUNK_BYTES / 1024
  } KiB each and ${MAX_CHUNKS} in all. Sending a chunk again after a lost answer is safe: the same bytes are accepted again (\`duplicate: true\`); different bytes are a conflict.`,
  "x-access": expertParty,
  request: {
    params: chunkParams,
    body: {
      required: true,
      content: {
        "application/octet-stream": {
          schema: { type: "string" as const, format: "binary" },
        },
      },
    },
  },
  responses: {
    200: json(
      "Stored.",
      z.object({ recording: recordingView, duplicate: z.boolean() }),
    ),
    400: errorDoc(
      "An empty chunk, or a chunk number that is not a number (error: validation_error).",
    ),
    403: refused,
    404: noSuchBooking,
    409: errorDoc(
      "Out of order (the message names the chunk expected), different bytes for a chunk already received, or the recording is finished (error: conflict).",
    ),
  },
});

const finishRoute = defineRoute({
  method: "post",
  path: "/bookings/{id}/recordings/{recordingId}/finish",
  operationId: "finishBookingRecording",
  summary: "Finish a recording (peer-to-peer)",
  description:
    "Joins the uploaded chunks into the recording's file. Allowed after the call closed too; finishing twice answers the finished recording.",
  "x-access": expertParty,
  request: {
    params: recordingParams,
    body: jsonBody(z.object({
      durationMs: z.number().int().nonnegative().max(86_400_000).optional()
        .describe("How long the recorder ran."),
    })),
  },
  responses: {
    200: json(
      "Finished; `recording` is null when nothing had been uploaded (it is then gone).",
      z.object({ recording: recordingView.nullable() }),
    ),
    403: refused,
    404: noSuchBooking,
  },
});

/**
 * The booking, when the caller is one of its two parties; else 404 (an
 * admin may see bookings, but not their recordings).
 */
async function partyBooking(c: ApiContext) {
  const user = currentUser(c);
  const { booking } = await getBookingFor(
    c.env.kv,
    { id: user.id, role: "learner" },
    c.req.param("id") ?? "",
  );
  return { booking, user };
}

async function refusingWith403<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RecordingRefusedError) {
      throw new ApiError(403, `recording_${error.reason}`, error.message);
    }
    throw error;
  }
}

/** Defines the recording operations on `api`. */
export function recordingRoutes(api: ApiApp): void {
  api.openapi(listRoute, async (c) => {
    const { booking, user } = await partyBooking(c);
    const recordings = await listRecordings(c.env.kv, booking, user.id);
    c.header("cache-control", "private, no-store");
    return c.json({ recordings: recordings.map(toView) }, 200);
  });

  api.openapi(startRoute, async (c) => {
    const { booking, user } = await partyBooking(c);
    const recording = await refusingWith403(() =>
      startBrowserRecording(c.env.kv, booking, user.id)
    );
    return c.json({ recording: toView(recording) }, 201);
  });

  api.openapi(chunkRoute, async (c) => {
    const { booking, user } = await partyBooking(c);
    const { recordingId, n } = c.req.valid("param");
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const receipt = await refusingWith403(() =>
      addRecordingChunk(
        c.env.kv,
        booking,
        user.id,
        recordingId,
        Number(n),
        bytes,
      )
    );
    return c.json({
      recording: toView(receipt.recording),
      duplicate: receipt.duplicate,
    }, 200);
  });

  api.openapi(finishRoute, async (c) => {
    const { booking, user } = await partyBooking(c);
    const { recordingId } = c.req.valid("param");
    const recording = await refusingWith403(() =>
      finishBrowserRecording(
        c.env.kv,
        booking,
        user.id,
        recordingId,
        c.req.valid("json").durationMs,
      )
    );
    return c.json({ recording: recording && toView(recording) }, 200);
  });
}

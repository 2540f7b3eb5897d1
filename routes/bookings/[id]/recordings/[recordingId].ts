/**
 * Streams one recording of a booking to its two parties (the booking
 * page's <video> player points here), with range requests so the player
 * can seek: see services/recordings/stream.ts. Anyone else, admins
 * included, gets the not-found page, as for a booking that does not exist.
 */
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { getBookingFor } from "@/services/bookings/mod.ts";
import { NotFoundError } from "@/services/platform/errors.ts";
import {
  getRecording,
  type RangeRequest,
  recordingResponse,
} from "@/services/recordings/mod.ts";

/** The recording's file, or a part of it (GET and HEAD). */
async function serve(req: Request, ctx: FreshContext<AppState>) {
  const user = requireUser(ctx.state);
  const kv = ctx.state.kv;
  try {
    const { booking } = await getBookingFor(
      kv,
      { id: user.id, role: "learner" },
      ctx.params.id,
    );
    const recording = await getRecording(
      kv,
      booking,
      user.id,
      ctx.params.recordingId,
    );
    const request: RangeRequest = {
      range: req.headers.get("range"),
      ifRange: req.headers.get("if-range"),
      ifNoneMatch: req.headers.get("if-none-match"),
      head: req.method === "HEAD",
    };
    return await recordingResponse(kv, recording, request);
  } catch (error) {
    if (error instanceof NotFoundError) return ctx.renderNotFound();
    throw error;
  }
}

export const handler = define.handlers({ GET: serve });

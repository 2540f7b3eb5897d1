/**
 * What a media server's events do (LiveKit's webhooks, already verified
 * and read by its adapter): a participant joining or leaving records
 * attendance, a finished room ends the session; a finished egress changes
 * nothing here (the recordings feature keeps the recording: the webhook
 * route hands it every event after this). Each event is applied once by
 * its id, in the same atomic commit as its effect, so a retried delivery
 * changes nothing; events about rooms we never opened, or people who are
 * not the booking's parties (an egress recorder), are ignored.
 */
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { stagePresence, stageSessionEnd } from "./attendance.ts";
import type { CallEvent } from "./model.ts";
import { getSessionEntry, WEBHOOK_MEMORY_MS, webhookSeenKey } from "./store.ts";
import { partyOf } from "./window.ts";

export type CallEventOutcome = "applied" | "duplicate" | "ignored";

/** Applies `event` once. */
export function applyCallEvent(
  kv: Deno.Kv,
  event: CallEvent,
): Promise<CallEventOutcome> {
  return untilCommitted(async () => {
    const seen = await kv.get(webhookSeenKey(event.id));
    if (seen.versionstamp !== null) return "duplicate";
    const { session } = await getSessionEntry(kv, event.bookingId);
    if (!session) return "ignored";
    const op = kv.atomic().check(seen).set(
      seen.key,
      event.at.toISOString(),
      { expireIn: WEBHOOK_MEMORY_MS },
    );
    const atMs = event.at.getTime();
    switch (event.kind) {
      case "participant_joined":
      case "participant_left":
        if (partyOf(session, event.userId) === null) return "ignored";
        await stagePresence(kv, op, {
          bookingId: event.bookingId,
          userId: event.userId,
          source: "livekit",
          change: event.kind === "participant_joined" ? "join" : "leave",
          atMs,
        });
        break;
      case "room_finished":
        await stageSessionEnd(kv, op, event.bookingId, atMs);
        break;
      case "egress_ended":
        // Only remembered as seen: services/recordings keeps the recording.
        break;
    }
    return (await op.commit()).ok ? "applied" : RETRY;
  });
}

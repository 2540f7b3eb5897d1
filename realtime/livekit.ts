/**
 * The LiveKit glue: when LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET
 * are set, a booking's call is a LiveKit room. With the server SDK
 * (`livekit-server-sdk`) this module
 *
 * - creates the booking's room (`RoomServiceClient.createRoom`: at most two
 *   participants, closed EMPTY_TIMEOUT_SECONDS after everyone left);
 * - issues short-lived access tokens (`AccessToken`: identity = the user's
 *   id, a grant for that room only, TOKEN_TTL_SECONDS; the call page asks
 *   again to renew while it is open);
 * - removes a participant, or deletes the room, at once
 *   (`removeParticipant`, `deleteRoom`) when a booking is cancelled or an
 *   account suspended;
 * - verifies webhooks (`WebhookReceiver`: the Authorization header is a JWT
 *   signed with the API secret carrying the body's SHA-256) and reads them
 *   into the calls feature's events;
 * - records a booking's call (`liveKitEgress`, with `EgressClient`): a
 *   room-composite egress written as MP4 straight into the S3 bucket the
 *   app's file store uses, at the recording's file key, so the file is
 *   streamed like any other (services/recordings/egress.ts decides when).
 *
 * The domain rules (who may join when, what attendance means) stay in
 * services/calls; this is only the adapter behind its CallMedia interface.
 */
import {
  AccessToken,
  EgressClient,
  EncodedFileOutput,
  EncodedFileType,
  RoomServiceClient,
  S3Upload,
  TwirpError,
  type WebhookEvent,
  WebhookReceiver,
} from "livekit-server-sdk";
import {
  bookingIdOfRoom,
  type CallEvent,
  type CallMedia,
  roomName,
  WebhookRejectedError,
} from "@/services/calls/mod.ts";
import type { RecordingEgress } from "@/services/recordings/mod.ts";
import type { S3Config } from "@/services/storage/mod.ts";

/** How long a room stays open with nobody in it. */
export const EMPTY_TIMEOUT_SECONDS = 5 * 60;
/** How long a token lets its holder (re)connect; the page renews it. */
export const TOKEN_TTL_SECONDS = 5 * 60;

/** Where the LiveKit server is and the API key pair it knows. */
export interface LiveKitSettings {
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** A LiveKit answer that only says the thing is already gone. */
function isNotFound(error: unknown): boolean {
  return error instanceof TwirpError &&
    (error.status === 404 || error.code === "not_found");
}

/** Ignores "not found": removing what is already gone is done. */
async function unlessGone(work: Promise<void>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

const seconds = (value: bigint | number | undefined) =>
  value === undefined ? undefined : Number(value);

/** The calls feature's reading of a verified LiveKit webhook; null when not ours. */
export function toCallEvent(event: WebhookEvent, now: Date): CallEvent | null {
  const room = event.room?.name ?? event.egressInfo?.roomName ?? "";
  const bookingId = bookingIdOfRoom(room);
  if (!bookingId || !event.id) return null;
  const createdAt = seconds(event.createdAt);
  const at = createdAt ? new Date(createdAt * 1000) : now;
  const base = { id: event.id, bookingId, at };
  switch (event.event) {
    case "participant_joined":
    case "participant_left": {
      const userId = event.participant?.identity;
      return userId ? { ...base, kind: event.event, userId } : null;
    }
    case "room_finished":
      return { ...base, kind: "room_finished" };
    case "egress_ended": {
      const egress = event.egressInfo;
      if (!egress) return null;
      return {
        ...base,
        kind: "egress_ended",
        recording: {
          egressId: egress.egressId,
          status: String(egress.status),
          endedAt: at.toISOString(),
          files: (egress.fileResults ?? []).map((file) => ({
            filename: file.filename,
            location: file.location,
            sizeBytes: Number(file.size),
            // LiveKit reports durations in nanoseconds.
            durationMs: Math.round(Number(file.duration) / 1e6),
          })),
          error: egress.error || null,
        },
      };
    }
    default:
      return null;
  }
}

/** The WebSocket and HTTP origins of a LiveKit server's URL (the browser uses both). */
export function liveKitOrigins(url: string): string[] {
  const { host, protocol } = new URL(url);
  const secure = protocol === "wss:" || protocol === "https:";
  return [
    `${secure ? "wss" : "ws"}://${host}`,
    `${secure ? "https" : "http"}://${host}`,
  ];
}

/** Calls on the LiveKit server `settings` names. */
export function liveKitMedia(
  settings: LiveKitSettings,
  options: { clock?: () => Date } = {},
): CallMedia {
  const rooms = new RoomServiceClient(
    settings.url,
    settings.apiKey,
    settings.apiSecret,
  );
  const receiver = new WebhookReceiver(settings.apiKey, settings.apiSecret);
  const clock = options.clock ?? (() => new Date());
  return {
    mode: "livekit",
    browserOrigins: liveKitOrigins(settings.url),
    async admit(booking, userId, now) {
      const room = roomName(booking.id);
      // Creating a room that exists answers the existing room.
      await rooms.createRoom({
        name: room,
        maxParticipants: 2,
        emptyTimeout: EMPTY_TIMEOUT_SECONDS,
      });
      const token = new AccessToken(settings.apiKey, settings.apiSecret, {
        identity: userId,
        ttl: TOKEN_TTL_SECONDS,
      });
      token.addGrant({
        room,
        roomJoin: true,
        canPublish: true,
        canSubscribe: true,
        canPublishData: true,
      });
      return {
        mode: "livekit",
        url: settings.url,
        token: await token.toJwt(),
        expiresAt: new Date(now.getTime() + TOKEN_TTL_SECONDS * 1000)
          .toISOString(),
      };
    },
    remove: (bookingId, userId) =>
      unlessGone(rooms.removeParticipant(roomName(bookingId), userId)),
    close: (bookingId) => unlessGone(rooms.deleteRoom(roomName(bookingId))),
    async readWebhook(body, authorization) {
      let event: WebhookEvent;
      try {
        event = await receiver.receive(body, authorization ?? undefined);
      } catch (error) {
        throw new WebhookRejectedError(
          `The webhook does not verify: ${
            error instanceof Error ? error.message : String(error)
          }.`,
        );
      }
      return toCallEvent(event, clock());
    },
  };
}

/**
 * Room-composite recordings on the LiveKit server `settings` names, into
 * the S3-compatible bucket `storage` (the file store's own, so the app
 * reads what LiveKit wrote). Path-style addressing, as the file store uses.
 */
export function liveKitEgress(
  settings: LiveKitSettings,
  storage: S3Config,
): RecordingEgress {
  const egress = new EgressClient(
    settings.url,
    settings.apiKey,
    settings.apiSecret,
  );
  return {
    async start(room, fileKey) {
      const output = new EncodedFileOutput({
        fileType: EncodedFileType.MP4,
        filepath: fileKey,
        output: {
          case: "s3",
          value: new S3Upload({
            accessKey: storage.accessKeyId,
            secret: storage.secretAccessKey,
            region: storage.region,
            endpoint: storage.endpoint,
            bucket: storage.bucket,
            forcePathStyle: true,
          }),
        },
      });
      const info = await egress.startRoomCompositeEgress(
        room,
        { file: output },
        {
          layout: "grid",
        },
      );
      return info.egressId;
    },
    stop: (egressId) =>
      unlessGone(egress.stopEgress(egressId).then(() => undefined)),
  };
}

/**
 * The recording egress the configuration allows: LiveKit's when calls run
 * on LiveKit and files are kept in S3-compatible storage (LiveKit cannot
 * write into the KV file store), else none.
 */
export function createRecordingEgress(
  config: { video?: LiveKitSettings; storage?: S3Config },
): RecordingEgress | null {
  return config.video && config.storage
    ? liveKitEgress(config.video, config.storage)
    : null;
}

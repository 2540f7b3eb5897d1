/**
 * A local server that speaks the part of LiveKit's server API TapTime uses,
 * so tests drive the real `livekit-server-sdk` end to end: Twirp over HTTP
 * (POST /twirp/livekit.RoomService/<Method>, JSON bodies in protobuf JSON
 * naming, Twirp's error shape), each request's `Authorization: Bearer <JWT>`
 * verified with the SDK's TokenVerifier against the API key pair, and the
 * grant each method needs checked (roomCreate to create or delete a room,
 * roomAdmin for that room to list or remove participants).
 *
 * Methods: CreateRoom (answers the existing room when it exists),
 * ListParticipants, RemoveParticipant, DeleteRoom; and the Egress service
 * (POST /twirp/livekit.Egress/<Method>, the roomRecord grant):
 * StartRoomCompositeEgress (the request read with the protocol's own
 * RoomCompositeEgressRequest, so a field LiveKit would not know fails as
 * it would there; the room must exist), ListEgress (by room, id, active)
 * and StopEgress, each answering EgressInfo in protobuf JSON.
 *
 * Egress writes its file into an S3-compatible bucket; this server is that
 * bucket too (path-style GET/PUT/HEAD/DELETE under /<bucket>/, signatures
 * not checked: services/storage/s3_store_test.ts checks SigV4), so the
 * app's S3 file store reads what the egress wrote. `env` includes the S3_*
 * variables when started with `{ bucket: true }`.
 *
 * Test controls (not LiveKit's API): `connect(token)` joins a room the way
 * a client would (the access token verified, the room's participant limit
 * applied) and `webhook(event)` builds the signed webhook LiveKit would
 * send, with the SDK's AccessToken carrying the body's SHA-256;
 * `completeEgress(egressId, bytes)` finishes an egress as LiveKit would
 * (the file written to the bucket at the requested path, status
 * EGRESS_COMPLETE, a file result) and returns its signed egress_ended
 * webhook.
 */
import {
  AccessToken,
  EgressInfo,
  EgressStatus,
  RoomCompositeEgressRequest,
  TokenVerifier,
} from "livekit-server-sdk";

export const LIVEKIT_TEST_KEY = "APItestkey";
export const LIVEKIT_TEST_SECRET = "test-secret-that-is-long-enough-0123456789";

interface FakeParticipant {
  sid: string;
  identity: string;
  joinedAt: number;
}

interface FakeRoom {
  sid: string;
  name: string;
  emptyTimeout: number;
  maxParticipants: number;
  creationTime: number;
  participants: Map<string, FakeParticipant>;
}

/** An object in the stand-in bucket. */
interface BucketObject {
  body: Uint8Array;
  contentType: string;
  metadata: Record<string, string>;
}

/** The bucket egress writes to (and the app's S3 file store reads). */
export const EGRESS_TEST_BUCKET = "recordings-bucket";

/** One Twirp call as the server saw it (for assertions). */
export interface TwirpCall {
  method: string;
  body: Record<string, unknown>;
}

export interface LiveKitTestServer extends AsyncDisposable {
  /** The server's URL, as LIVEKIT_URL takes it. */
  url: string;
  /** The environment that points the app at this server. */
  env: Record<string, string>;
  rooms: Map<string, FakeRoom>;
  calls: TwirpCall[];
  /** Egresses by id, as LiveKit describes them. */
  egresses: Map<string, EgressInfo>;
  /** The bucket's objects by key. */
  objects: Map<string, BucketObject>;
  /** Finishes an egress with `bytes` as its file; the signed egress_ended webhook. */
  completeEgress(
    egressId: string,
    bytes: Uint8Array,
  ): Promise<{ body: string; authorization: string }>;
  /** Joins a room with an access token as a client would; returns the identity. */
  connect(token: string): Promise<string>;
  /** The body and Authorization header LiveKit would post for `event`. */
  webhook(
    event: Record<string, unknown>,
    options?: { secret?: string },
  ): Promise<{ body: string; authorization: string }>;
}

function twirpError(status: number, code: string, msg: string): Response {
  return Response.json({ code, msg }, { status });
}

const roomJson = (room: FakeRoom) => ({
  sid: room.sid,
  name: room.name,
  emptyTimeout: room.emptyTimeout,
  maxParticipants: room.maxParticipants,
  creationTime: String(room.creationTime),
  numParticipants: room.participants.size,
});

export const participantJson = (participant: FakeParticipant) => ({
  sid: participant.sid,
  identity: participant.identity,
  state: "ACTIVE",
  joinedAt: String(participant.joinedAt),
});

/** Nanoseconds since the epoch, as LiveKit stamps egress times. */
const nanos = () => BigInt(Date.now()) * 1_000_000n;

/** Starts the server on a free port; dispose it to stop. */
export function startLiveKitServer(
  options: { bucket?: boolean } = {},
): LiveKitTestServer {
  const verifier = new TokenVerifier(LIVEKIT_TEST_KEY, LIVEKIT_TEST_SECRET);
  const rooms = new Map<string, FakeRoom>();
  const calls: TwirpCall[] = [];
  const egresses = new Map<string, EgressInfo>();
  const objects = new Map<string, BucketObject>();
  let sids = 0;
  const sid = (prefix: string) => `${prefix}_${++sids}`;

  async function handleBucket(request: Request, key: string) {
    const found = objects.get(key);
    switch (request.method) {
      case "PUT": {
        const metadata: Record<string, string> = {};
        request.headers.forEach((value, name) => {
          if (name.startsWith("x-amz-meta-")) metadata[name.slice(11)] = value;
        });
        objects.set(key, {
          body: new Uint8Array(await request.arrayBuffer()),
          contentType: request.headers.get("content-type") ??
            "application/octet-stream",
          metadata,
        });
        return new Response(null, { status: 200 });
      }
      case "DELETE":
        objects.delete(key);
        return new Response(null, { status: 204 });
      case "GET":
      case "HEAD": {
        if (!found) {
          return new Response("<Error><Code>NoSuchKey</Code></Error>", {
            status: 404,
            headers: { "content-type": "application/xml" },
          });
        }
        const headers = new Headers({
          "content-type": found.contentType,
          "content-length": String(found.body.byteLength),
        });
        for (const [name, value] of Object.entries(found.metadata)) {
          headers.set(`x-amz-meta-${name}`, value);
        }
        return new Response(
          request.method === "HEAD" ? null : found.body as BodyInit,
          { headers },
        );
      }
      default:
        return new Response(null, { status: 405 });
    }
  }

  function handleEgress(
    method: string,
    body: Record<string, unknown>,
  ): Response {
    switch (method) {
      case "StartRoomCompositeEgress": {
        let egressRequest: RoomCompositeEgressRequest;
        try {
          egressRequest = RoomCompositeEgressRequest.fromJson(
            body as never,
          );
        } catch (error) {
          return twirpError(400, "invalid_argument", String(error));
        }
        const room = rooms.get(egressRequest.roomName);
        if (!room) {
          return twirpError(404, "not_found", "requested room does not exist");
        }
        const info = new EgressInfo({
          egressId: sid("EG"),
          roomId: room.sid,
          roomName: room.name,
          status: EgressStatus.EGRESS_ACTIVE,
          startedAt: nanos(),
          updatedAt: nanos(),
          request: { case: "roomComposite", value: egressRequest },
        });
        egresses.set(info.egressId, info);
        return Response.json(info.toJson());
      }
      case "ListEgress": {
        const items = [...egresses.values()].filter((info) =>
          (!body.roomName || info.roomName === body.roomName) &&
          (!body.egressId || info.egressId === body.egressId) &&
          (!body.active || info.status <= EgressStatus.EGRESS_ENDING)
        );
        return Response.json({ items: items.map((info) => info.toJson()) });
      }
      case "StopEgress": {
        const info = egresses.get(String(body.egressId ?? ""));
        if (!info) return twirpError(404, "not_found", "egress not found");
        if (info.status > EgressStatus.EGRESS_ENDING) {
          return twirpError(
            412,
            "failed_precondition",
            "egress is not active",
          );
        }
        info.status = EgressStatus.EGRESS_ENDING;
        info.updatedAt = nanos();
        return Response.json(info.toJson());
      }
      default:
        return twirpError(404, "bad_route", `${method} is not served here`);
    }
  }

  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const bucketPrefix = `/${EGRESS_TEST_BUCKET}/`;
    if (path.startsWith(bucketPrefix)) {
      return await handleBucket(request, path.slice(bucketPrefix.length));
    }
    const match = /^\/twirp\/livekit\.(RoomService|Egress)\/(\w+)$/.exec(
      path,
    );
    if (request.method !== "POST" || !match) {
      return twirpError(404, "bad_route", "no such method");
    }
    const bearer = /^Bearer (.+)$/.exec(
      request.headers.get("authorization") ?? "",
    );
    if (!bearer) return twirpError(401, "unauthenticated", "no token");
    let grants;
    try {
      grants = await verifier.verify(bearer[1]);
    } catch {
      return twirpError(401, "unauthenticated", "invalid token");
    }
    const body = await request.json() as Record<string, unknown>;
    const method = match[2];
    calls.push({ method, body });
    const video = grants.video ?? {};
    if (match[1] === "Egress") {
      return video.roomRecord
        ? handleEgress(method, body)
        : twirpError(403, "permission_denied", "needs roomRecord");
    }
    const roomNameOf = () => String(body.room ?? "");
    const needsAdmin = () =>
      video.roomAdmin && video.room === roomNameOf()
        ? null
        : twirpError(403, "permission_denied", "needs roomAdmin");
    switch (method) {
      case "CreateRoom": {
        if (!video.roomCreate) {
          return twirpError(403, "permission_denied", "needs roomCreate");
        }
        const name = String(body.name ?? "");
        if (!name) return twirpError(400, "invalid_argument", "name missing");
        let room = rooms.get(name);
        if (!room) {
          room = {
            sid: sid("RM"),
            name,
            emptyTimeout: Number(body.emptyTimeout ?? 0),
            maxParticipants: Number(body.maxParticipants ?? 0),
            creationTime: Math.floor(Date.now() / 1000),
            participants: new Map(),
          };
          rooms.set(name, room);
        }
        return Response.json(roomJson(room));
      }
      case "DeleteRoom": {
        if (!video.roomCreate) {
          return twirpError(403, "permission_denied", "needs roomCreate");
        }
        if (!rooms.delete(roomNameOf())) {
          return twirpError(404, "not_found", "room not found");
        }
        return Response.json({});
      }
      case "ListParticipants": {
        const refused = needsAdmin();
        if (refused) return refused;
        const room = rooms.get(roomNameOf());
        if (!room) return twirpError(404, "not_found", "room not found");
        return Response.json({
          participants: [...room.participants.values()].map(participantJson),
        });
      }
      case "RemoveParticipant": {
        const refused = needsAdmin();
        if (refused) return refused;
        const room = rooms.get(roomNameOf());
        if (!room?.participants.delete(String(body.identity ?? ""))) {
          return twirpError(404, "not_found", "participant not found");
        }
        return Response.json({});
      }
      default:
        return twirpError(404, "bad_route", `${method} is not served here`);
    }
  }

  const server = Deno.serve(
    { port: 0, hostname: "127.0.0.1", onListen: () => {} },
    handle,
  );
  const url = `http://127.0.0.1:${server.addr.port}`;
  const signed = async (event: Record<string, unknown>, secret?: string) => {
    const body = JSON.stringify(event);
    const hash = await crypto.subtle.digest(
      "SHA-256",
      new TextEncoder().encode(body),
    );
    const token = new AccessToken(
      LIVEKIT_TEST_KEY,
      secret ?? LIVEKIT_TEST_SECRET,
    );
    token.sha256 = btoa(String.fromCharCode(...new Uint8Array(hash)));
    return { body, authorization: await token.toJwt() };
  };
  return {
    url,
    env: {
      LIVEKIT_URL: url,
      LIVEKIT_API_KEY: LIVEKIT_TEST_KEY,
      LIVEKIT_API_SECRET: LIVEKIT_TEST_SECRET,
      ...(options.bucket
        ? {
          S3_ENDPOINT: url,
          S3_BUCKET: EGRESS_TEST_BUCKET,
          S3_ACCESS_KEY_ID: "AKIAEGRESSTEST",
          S3_SECRET_ACCESS_KEY: "egress-test-secret",
        }
        : {}),
    },
    rooms,
    calls,
    egresses,
    objects,
    completeEgress(egressId, bytes) {
      const info = egresses.get(egressId);
      if (!info || info.request.case !== "roomComposite") {
        throw new Error(`no room-composite egress ${egressId}`);
      }
      const output = info.request.value.fileOutputs[0] ??
        (info.request.value.output.case === "file"
          ? info.request.value.output.value
          : undefined);
      if (!output || output.output.case !== "s3") {
        throw new Error("the egress has no S3 file output");
      }
      const filepath = output.filepath;
      objects.set(filepath, {
        body: bytes,
        contentType: "video/mp4",
        metadata: {},
      });
      const ended = nanos();
      info.status = EgressStatus.EGRESS_COMPLETE;
      info.endedAt = ended;
      info.updatedAt = ended;
      const completed = EgressInfo.fromJson({
        ...info.toJson() as Record<string, never>,
        fileResults: [{
          filename: filepath,
          location: `${url}/${output.output.value.bucket}/${filepath}`,
          size: String(bytes.byteLength),
          duration: String(ended - info.startedAt),
          startedAt: String(info.startedAt),
          endedAt: String(ended),
        }],
      });
      egresses.set(egressId, completed);
      return signed({
        event: "egress_ended",
        id: sid("EV"),
        createdAt: String(Math.floor(Date.now() / 1000)),
        egressInfo: completed.toJson(),
      });
    },
    async connect(token) {
      const grants = await verifier.verify(token);
      const room = rooms.get(grants.video?.room ?? "");
      if (!grants.video?.roomJoin || !room || !grants.sub) {
        throw new Error("the token does not admit to an existing room");
      }
      if (
        room.maxParticipants > 0 &&
        room.participants.size >= room.maxParticipants &&
        !room.participants.has(grants.sub)
      ) throw new Error("the room is full");
      room.participants.set(grants.sub, {
        sid: sid("PA"),
        identity: grants.sub,
        joinedAt: Math.floor(Date.now() / 1000),
      });
      return grants.sub;
    },
    webhook: (event, options = {}) => signed(event, options.secret),
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

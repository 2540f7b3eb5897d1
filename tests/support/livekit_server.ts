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
 * ListParticipants, RemoveParticipant, DeleteRoom.
 *
 * Test controls (not LiveKit's API): `connect(token)` joins a room the way
 * a client would (the access token verified, the room's participant limit
 * applied) and `webhook(event)` builds the signed webhook LiveKit would
 * send, with the SDK's AccessToken carrying the body's SHA-256.
 */
import { AccessToken, TokenVerifier } from "livekit-server-sdk";

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

/** Starts the server on a free port; dispose it to stop. */
export function startLiveKitServer(): LiveKitTestServer {
  const verifier = new TokenVerifier(LIVEKIT_TEST_KEY, LIVEKIT_TEST_SECRET);
  const rooms = new Map<string, FakeRoom>();
  const calls: TwirpCall[] = [];
  let sids = 0;
  const sid = (prefix: string) => `${prefix}_${++sids}`;

  async function handle(request: Request): Promise<Response> {
    const match = /^\/twirp\/livekit\.RoomService\/(\w+)$/.exec(
      new URL(request.url).pathname,
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
    const method = match[1];
    calls.push({ method, body });
    const video = grants.video ?? {};
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
  return {
    url,
    env: {
      LIVEKIT_URL: url,
      LIVEKIT_API_KEY: LIVEKIT_TEST_KEY,
      LIVEKIT_API_SECRET: LIVEKIT_TEST_SECRET,
    },
    rooms,
    calls,
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
    async webhook(event, options = {}) {
      const body = JSON.stringify(event);
      const hash = await crypto.subtle.digest(
        "SHA-256",
        new TextEncoder().encode(body),
      );
      const token = new AccessToken(
        LIVEKIT_TEST_KEY,
        options.secret ?? LIVEKIT_TEST_SECRET,
      );
      token.sha256 = btoa(String.fromCharCode(...new Uint8Array(hash)));
      return { body, authorization: await token.toJwt() };
    },
    async [Symbol.asyncDispose]() {
      await server.shutdown();
    },
  };
}

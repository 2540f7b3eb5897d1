/**
 * Video calls over the API: joining in the window (peer-to-peer with ICE
 * servers and coturn credentials, or LiveKit with the real server SDK
 * against a local Twirp server), refusals outside it and for others,
 * attendance from heartbeats and from signed LiveKit webhooks (valid,
 * tampered, wrong key, replayed), and removal from the room when a call
 * ends. Time moves with a fake clock.
 */
import { expect } from "expect";
import { TokenVerifier } from "livekit-server-sdk";
import {
  createAuthTestApp,
  signInAdmin,
  signUp,
} from "@/tests/support/auth.ts";
import {
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import {
  LIVEKIT_TEST_KEY,
  LIVEKIT_TEST_SECRET,
  participantJson,
  startLiveKitServer,
} from "@/tests/support/livekit_server.ts";
import { now, useFakeClock } from "@/services/platform/clock.ts";
import { endCall, removeFromCalls } from "@/services/calls/mod.ts";
import { checkApiAnswers } from "./contract.ts";
import { postLiveKitWebhook } from "@/tests/support/livekit_calls.ts";

const MINUTE = 60_000;
const START = new Date("2030-06-03T08:00:00Z");

/** An app (configured by `env`) with an expert, a learner and their booking tomorrow at 10:00 UTC. */
async function bookedCall(env: Record<string, string> = {}) {
  const app = checkApiAnswers(await createAuthTestApp({ env }));
  const expert = await signUp(app, "expert");
  const { offering } = await bookableExpert(app.kv, { id: expert.user!.id });
  const learner = await signUp(app, "learner");
  await fundLearner(app.kv, learner.user!.id, 6000);
  const start = daysAhead(now(), 1, 10);
  const booked = await learner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start,
  });
  expect(booked.status).toBe(201);
  return { app, expert, learner, id: booked.body.booking.id as string, start };
}

Deno.test("peer-to-peer: the two parties join in the window with ICE servers and TURN credentials; heartbeats record their time", async () => {
  using clock = useFakeClock(START);
  const { app, expert, learner, id, start } = await bookedCall({
    ICE_SERVERS: JSON.stringify([
      { urls: "stun:stun.example.com:3478" },
      { urls: "turn:turn.example.com:3478?transport=udp" },
    ]),
    TURN_SECRET: "a-long-shared-secret",
  });
  await using _app = app;
  const stranger = await signUp(app, "learner");
  const admin = await signInAdmin(app, { twoFactor: true });

  const early = await learner.api("POST", `/api/bookings/${id}/call`);
  expect(early.status).toBe(403);
  expect(early.body.error).toBe("call_too_early");
  expect(early.body.message).toContain("opens 10 minutes before");

  clock.set(new Date(Date.parse(start) - 10 * MINUTE));
  const joined = await learner.api("POST", `/api/bookings/${id}/call`);
  expect(joined.status).toBe(200);
  expect(joined.body.mode).toBe("p2p");
  expect(joined.body.iceServers[0]).toEqual({
    urls: "stun:stun.example.com:3478",
  });
  const turn = joined.body.iceServers[1];
  expect(turn.username).toMatch(new RegExp(`^\\d+:${learner.user!.id}$`));
  expect(turn.credential).toMatch(/^[A-Za-z0-9+/]+=*$/);

  // Nobody else: a stranger does not see the booking; an admin sees it but may not join.
  expect((await stranger.api("POST", `/api/bookings/${id}/call`)).status)
    .toBe(404);
  const byAdmin = await admin.api("POST", `/api/bookings/${id}/call`);
  expect(byAdmin.status).toBe(403);
  expect(byAdmin.body.error).toBe("call_not_a_party");

  clock.advance(10 * MINUTE);
  await learner.api("POST", `/api/bookings/${id}/call/heartbeat`); // a new stretch: silent too long
  expect((await expert.api("POST", `/api/bookings/${id}/call`)).status).toBe(
    200,
  );
  for (let i = 0; i < 4; i++) {
    clock.advance(15_000);
    for (const client of [learner, expert]) {
      const beat = await client.api(
        "POST",
        `/api/bookings/${id}/call/heartbeat`,
      );
      expect(beat.status).toBe(200);
    }
  }
  const left = await expert.api("POST", `/api/bookings/${id}/call/leave`);
  expect(left.body).toEqual({
    present: false,
    durationSeconds: 60,
    heartbeatSeconds: 15,
  });

  const seen = await admin.api("GET", `/api/bookings/${id}/attendance`);
  expect(seen.status).toBe(200);
  expect(seen.body.mode).toBe("p2p");
  expect(seen.body.participants).toMatchObject([
    { party: "learner", joined: true, present: true, durationSeconds: 60 },
    { party: "expert", joined: true, present: false, durationSeconds: 60 },
  ]);
  expect(seen.body.outcome).toBeNull();
  expect((await stranger.api("GET", `/api/bookings/${id}/attendance`)).status)
    .toBe(404);

  clock.set(new Date(Date.parse(start) + 75 * MINUTE));
  const late = await learner.api("POST", `/api/bookings/${id}/call`);
  expect(late.status).toBe(403);
  expect(late.body.error).toBe("call_closed");
  const after = await learner.api("GET", `/api/bookings/${id}/attendance`);
  expect(after.body.outcome.verdict).toBe("attended");
});

Deno.test("a cancelled booking's call cannot be joined", async () => {
  using clock = useFakeClock(START);
  const { app, learner, expert, id, start } = await bookedCall();
  await using _app = app;
  const cancelled = await expert.api("POST", `/api/bookings/${id}/cancel`, {
    reason: "Ill",
  });
  expect(cancelled.status).toBe(200);
  clock.set(new Date(start));
  const refused = await learner.api("POST", `/api/bookings/${id}/call`);
  expect(refused.status).toBe(403);
  expect(refused.body.error).toBe("call_cancelled");
});

Deno.test("LiveKit: the room is made for two, the token admits to that room only, and removal disconnects", async () => {
  using clock = useFakeClock(START);
  await using livekit = startLiveKitServer();
  const { app, expert, learner, id, start } = await bookedCall(livekit.env);
  await using _app = app;
  clock.set(new Date(start));

  const joined = await learner.api("POST", `/api/bookings/${id}/call`);
  expect(joined.status).toBe(200);
  expect(joined.body).toMatchObject({ mode: "livekit", url: livekit.url });
  const room = `taptime-booking-${id}`;
  expect(livekit.rooms.get(room)).toMatchObject({
    maxParticipants: 2,
    emptyTimeout: 300,
  });
  const grants = await new TokenVerifier(LIVEKIT_TEST_KEY, LIVEKIT_TEST_SECRET)
    .verify(joined.body.token);
  expect(grants.sub).toBe(learner.user!.id);
  expect(grants.video).toMatchObject({ room, roomJoin: true });
  expect(grants.video?.roomAdmin).toBeFalsy();
  expect(grants.exp! - grants.nbf!).toBeLessThanOrEqual(300);
  expect(Date.parse(joined.body.expiresAt) - now().getTime()).toBe(300_000);

  const second = await expert.api("POST", `/api/bookings/${id}/call`);
  await livekit.connect(joined.body.token);
  await livekit.connect(second.body.token);
  expect(livekit.rooms.get(room)!.participants.size).toBe(2);

  // Heartbeats are for peer-to-peer: LiveKit reports attendance itself.
  expect(
    (await learner.api("POST", `/api/bookings/${id}/call/heartbeat`)).status,
  )
    .toBe(409);

  // A suspended user is taken out of the room at once (via the attendance LiveKit reported).
  const event = async (kind: string, identity: string, eventId: string) => {
    const signed = await livekit.webhook({
      event: kind,
      id: eventId,
      createdAt: String(Math.floor(now().getTime() / 1000)),
      room: { sid: "RM_1", name: room },
      participant: participantJson({
        sid: "PA_x",
        identity,
        joinedAt: Math.floor(now().getTime() / 1000),
      }),
    });
    return await postLiveKitWebhook(app, signed);
  };
  expect((await event("participant_joined", expert.user!.id, "EV_a")).status)
    .toBe(200);
  expect(await removeFromCalls(app.kv, expert.user!.id)).toBe(1);
  expect(livekit.rooms.get(room)!.participants.has(expert.user!.id)).toBe(
    false,
  );
  expect(livekit.calls.map((call) => call.method)).toContain(
    "RemoveParticipant",
  );

  // A cancelled booking's room goes away with everyone in it.
  await endCall(app.kv, id);
  expect(livekit.rooms.has(room)).toBe(false);
  await endCall(app.kv, id); // already gone: nothing to do
});

Deno.test("LiveKit webhooks: verified with the API secret, applied once by id", async () => {
  using clock = useFakeClock(START);
  await using livekit = startLiveKitServer();
  const { app, learner, expert, id, start } = await bookedCall(livekit.env);
  await using _app = app;
  clock.set(new Date(start));
  await learner.api("POST", `/api/bookings/${id}/call`);
  const room = `taptime-booking-${id}`;
  const seconds = (offsetMinutes: number) =>
    String(Math.floor(Date.parse(start) / 1000) + offsetMinutes * 60);
  const participantEvent = (
    kind: string,
    identity: string,
    eventId: string,
    minute: number,
  ) => ({
    event: kind,
    id: eventId,
    createdAt: seconds(minute),
    room: { sid: "RM_1", name: room },
    participant: { sid: "PA_1", identity, state: "ACTIVE" },
  });
  const post = (body: string, authorization?: string) =>
    postLiveKitWebhook(app, { body, authorization });

  const joinedEvent = await livekit.webhook(
    participantEvent("participant_joined", learner.user!.id, "EV_1", 0),
  );
  const valid = await post(joinedEvent.body, joinedEvent.authorization);
  expect(valid.body).toEqual({ received: true, outcome: "applied" });
  const replayed = await post(joinedEvent.body, joinedEvent.authorization);
  expect(replayed.body).toEqual({
    received: true,
    outcome: "duplicate",
  });

  // A changed body, another key's signature, or none: 400, nothing applied.
  const tampered = joinedEvent.body.replace("EV_1", "EV_9");
  const changed = await post(tampered, joinedEvent.authorization);
  expect(changed.status).toBe(400);
  expect(changed.body.error).toBe("invalid_signature");
  const forged = await livekit.webhook(
    participantEvent("participant_joined", expert.user!.id, "EV_2", 0),
    { secret: "another-secret-that-is-long-enough-0123456" },
  );
  expect((await post(forged.body, forged.authorization)).status).toBe(400);
  expect((await post(forged.body)).status).toBe(400);

  for (
    const signed of [
      await livekit.webhook(
        participantEvent("participant_joined", expert.user!.id, "EV_3", 2),
      ),
      await livekit.webhook(
        participantEvent("participant_left", learner.user!.id, "EV_4", 50),
      ),
      await livekit.webhook({
        event: "egress_ended",
        id: "EV_5",
        createdAt: seconds(61),
        egressInfo: {
          egressId: "EG_1",
          roomName: room,
          status: "EGRESS_COMPLETE",
          fileResults: [{
            filename: "session.mp4",
            location: "s3://bucket/session.mp4",
            size: "1000",
            duration: "3000000000000",
          }],
        },
      }),
      await livekit.webhook({
        event: "room_finished",
        id: "EV_6",
        createdAt: seconds(62),
        room: { sid: "RM_1", name: room },
      }),
      await livekit.webhook({
        event: "room_finished",
        id: "EV_7",
        room: { sid: "RM_2", name: "someone-elses-room" },
      }),
    ]
  ) {
    expect((await post(signed.body, signed.authorization)).status).toBe(200);
  }
  clock.set(new Date(Date.parse(start) + 80 * MINUTE));
  const seen = await expert.api("GET", `/api/bookings/${id}/attendance`);
  expect(seen.body).toMatchObject({
    mode: "livekit",
    endedAt: new Date(Date.parse(start) + 62 * MINUTE).toISOString(),
    participants: [
      { party: "learner", durationSeconds: 50 * 60, present: false },
      { party: "expert", durationSeconds: 60 * 60, present: false },
    ],
    outcome: { verdict: "attended" },
  });
});

Deno.test("the LiveKit webhook is not found when LiveKit is not configured", async () => {
  await using app = checkApiAnswers(await createAuthTestApp());
  const answer = await app.fetch(
    new Request("http://localhost:8000/api/livekit/webhook", {
      method: "POST",
      body: "{}",
    }),
  );
  expect(answer.status).toBe(404);
  await answer.body?.cancel();
});

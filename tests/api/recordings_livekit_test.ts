/**
 * Recordings on LiveKit: with LiveKit and S3 storage configured, the real
 * `livekit-server-sdk` EgressClient starts a room-composite egress into the
 * bucket once both parties' participant_joined webhooks arrived (once, not
 * twice); the signed egress_ended webhook marks the recording ready, and
 * the file LiveKit wrote streams to the parties. The stand-in speaks the
 * Egress Twirp API (tests/support/livekit_server.ts).
 */
import { expect } from "expect";
import { EgressClient } from "livekit-server-sdk";
import {
  joinedLiveKitCall,
  postLiveKitWebhook,
} from "@/tests/support/livekit_calls.ts";
import {
  EGRESS_TEST_BUCKET,
  LIVEKIT_TEST_KEY,
  LIVEKIT_TEST_SECRET,
} from "@/tests/support/livekit_server.ts";
import { now } from "@/services/platform/clock.ts";

Deno.test("LiveKit: both joined → a room-composite egress into S3; egress_ended → a ready recording that streams", async () => {
  await using call = await joinedLiveKitCall();
  const { app, livekit, learner, expert, room, bookingId: id } = call;
  // The browser does not record on LiveKit: the server does.
  expect((await expert.api("POST", `/api/bookings/${id}/recordings`)).status)
    .toBe(409);

  const post = (signed: { body: string; authorization: string }) =>
    postLiveKitWebhook(app, signed);
  const joinedEvent = (identity: string, eventId: string) =>
    livekit.webhook({
      event: "participant_joined",
      id: eventId,
      createdAt: String(Math.floor(now().getTime() / 1000)),
      room: { sid: "RM_1", name: room },
      participant: { sid: `PA_${eventId}`, identity, state: "ACTIVE" },
    });

  await post(await joinedEvent(learner.user!.id, "EV_1"));
  expect(livekit.egresses.size).toBe(0); // one party alone is not recorded
  const second = await post(await joinedEvent(expert.user!.id, "EV_2"));
  expect(second.status).toBe(200);
  expect(livekit.egresses.size).toBe(1);
  const [egress] = [...livekit.egresses.values()];
  expect(egress.roomName).toBe(room);
  const started = livekit.calls.find((call) =>
    call.method === "StartRoomCompositeEgress"
  )!;
  expect(started.body).toMatchObject({ roomName: room, layout: "grid" });
  // A repeated join (another process, a reconnect) starts nothing more.
  await post(await joinedEvent(expert.user!.id, "EV_3"));
  expect(livekit.egresses.size).toBe(1);

  // The SDK sees it as LiveKit would report it.
  const sdk = new EgressClient(
    livekit.url,
    LIVEKIT_TEST_KEY,
    LIVEKIT_TEST_SECRET,
  );
  const active = await sdk.listEgress({ roomName: room, active: true });
  expect(active.map((info) => info.egressId)).toEqual([egress.egressId]);
  const output = active[0].request.case === "roomComposite"
    ? active[0].request.value.fileOutputs[0]
    : undefined;
  expect(output?.output.case).toBe("s3");
  expect(output?.output.value).toMatchObject({
    bucket: EGRESS_TEST_BUCKET,
    forcePathStyle: true,
  });
  const recorded = await learner.api("GET", `/api/bookings/${id}/recordings`);
  expect(recorded.body.recordings).toMatchObject([
    { source: "egress", status: "recording", url: null },
  ]);
  expect(output?.filepath).toBe(
    `recordings/${id}/${recorded.body.recordings[0].id}.mp4`,
  );

  // LiveKit finishes: the file is in the bucket and the webhook says so.
  const stopped = await sdk.stopEgress(egress.egressId);
  expect(stopped.egressId).toBe(egress.egressId);
  const mp4 = new Uint8Array(2048).map((_, i) => i % 251);
  const ended = await livekit.completeEgress(egress.egressId, mp4);
  const applied = await post(ended);
  expect(applied.status).toBe(200);
  expect(await post(ended).then((r) => r.status)).toBe(200); // replayed: harmless

  const listed = await expert.api("GET", `/api/bookings/${id}/recordings`);
  const [recording] = listed.body.recordings;
  expect(recording).toMatchObject({
    source: "egress",
    status: "ready",
    contentType: "video/mp4",
    sizeBytes: 2048,
  });
  const part = await learner.request(recording.url, {
    headers: { range: "bytes=251-253" },
  });
  expect(part.status).toBe(206);
  expect(part.headers.get("content-range")).toBe("bytes 251-253/2048");
  expect([...new Uint8Array(await part.arrayBuffer())]).toEqual([0, 1, 2]);
  expect(part.headers.get("etag")).toBe(`"${recording.id}-2048"`);
});

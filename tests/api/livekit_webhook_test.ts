/**
 * LiveKit's webhook has one entry (POST /api/livekit/webhook, the calls
 * route): each delivery is verified once, applied to the call, then handed
 * to the recordings feature. A finished egress becomes one recording record
 * and nothing else (no second note of it under the calls feature); a
 * delivery that does not verify is refused after one verification and
 * changes nothing.
 */
import { expect } from "expect";
import {
  joinedLiveKitCall,
  postLiveKitWebhook,
} from "@/tests/support/livekit_calls.ts";
import { callMediaFor } from "@/services/calls/mod.ts";
import { now } from "@/services/platform/clock.ts";

/** Every key under `prefix`. */
async function keysUnder(kv: Deno.Kv, prefix: string[]) {
  const keys: Deno.KvKey[] = [];
  for await (const entry of kv.list({ prefix })) keys.push(entry.key);
  return keys;
}

Deno.test("one LiveKit webhook delivery: verified once, one recording record, no second note; a bad signature is refused once", async () => {
  await using call = await joinedLiveKitCall();
  const { app, livekit, learner, expert, room, bookingId: id } = call;

  // Count the verifications the app makes of what LiveKit sends.
  const media = callMediaFor(app.kv);
  const verify = media.readWebhook!.bind(media);
  let verified = 0;
  media.readWebhook = (body, authorization) => {
    verified++;
    return verify(body, authorization);
  };
  const post = (body: string, authorization: string) =>
    postLiveKitWebhook(app, { body, authorization });

  for (const [identity, eventId] of [[learner, "EV_1"], [expert, "EV_2"]]) {
    const signed = await livekit.webhook({
      event: "participant_joined",
      id: eventId,
      createdAt: String(Math.floor(now().getTime() / 1000)),
      room: { sid: "RM_1", name: room },
      participant: {
        sid: `PA_${eventId}`,
        identity: (identity as typeof learner).user!.id,
        state: "ACTIVE",
      },
    });
    expect(await post(signed.body, signed.authorization)).toEqual({
      status: 200,
      body: { received: true, outcome: "applied" },
    });
  }
  expect(verified).toBe(2);
  expect(livekit.egresses.size).toBe(1);
  const [egress] = [...livekit.egresses.values()];

  const ended = await livekit.completeEgress(
    egress.egressId,
    new Uint8Array(1024).fill(7),
  );
  // A changed body does not verify: refused after one verification.
  const forged = await post(
    ended.body.replace("EGRESS_COMPLETE", "EGRESS_FAILED"),
    ended.authorization,
  );
  expect(forged.status).toBe(400);
  expect(forged.body.error).toBe("invalid_signature");
  expect(verified).toBe(3);
  const pending = await learner.api("GET", `/api/bookings/${id}/recordings`);
  expect(pending.body.recordings).toMatchObject([{ status: "recording" }]);

  expect(await post(ended.body, ended.authorization)).toEqual({
    status: 200,
    body: { received: true, outcome: "applied" },
  });
  expect(verified).toBe(4);
  const listed = await expert.api("GET", `/api/bookings/${id}/recordings`);
  expect(listed.body.recordings).toMatchObject([
    { source: "egress", status: "ready", sizeBytes: 1024 },
  ]);
  expect(await keysUnder(app.kv, ["recording"])).toEqual([
    ["recording", listed.body.recordings[0].id],
  ]);
  expect(await keysUnder(app.kv, ["call_recording"])).toEqual([]);

  // LiveKit delivering it again changes nothing.
  expect((await post(ended.body, ended.authorization)).body.outcome).toBe(
    "duplicate",
  );
  expect(await keysUnder(app.kv, ["recording"])).toHaveLength(1);
});

/**
 * Peer-to-peer signalling over the API: a party's signal becomes a
 * `call.signal` event of the other party's (delivered by GET /api/live); strangers do not
 * see the booking (404), an admin may not signal (403), nothing is relayed
 * outside the join window (403) or when malformed or too big (400), and a
 * flood is rate-limited (429). Time moves with a fake clock.
 */
import { expect } from "expect";
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
import { now, useFakeClock } from "@/services/platform/clock.ts";
import { MAX_SIGNAL_BYTES, SIGNALS_PER_MINUTE } from "@/services/calls/mod.ts";
import { latestEventSeq, readEventsAfter } from "@/services/platform/events.ts";
import { checkApiAnswers } from "./contract.ts";

const MINUTE = 60_000;

Deno.test("a signal goes to the other party's event stream, only from a party inside the window", async () => {
  using clock = useFakeClock(new Date("2030-06-03T08:00:00Z"));
  await using app = checkApiAnswers(await createAuthTestApp());
  const expert = await signUp(app, "expert");
  const { offering } = await bookableExpert(app.kv, { id: expert.user!.id });
  const learner = await signUp(app, "learner");
  await fundLearner(app.kv, learner.user!.id, 6000);
  const start = daysAhead(now(), 1, 10);
  const booked = await learner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start,
  });
  const id = booked.body.booking.id as string;
  const path = `/api/bookings/${id}/call/signal`;
  const offer = {
    type: "offer",
    session: "learner-page-1",
    payload: { type: "offer", sdp: "v=0\r\n" },
  };

  const early = await learner.api("POST", path, offer);
  expect(early.status).toBe(403);
  expect(early.body.error).toBe("call_too_early");

  clock.set(new Date(Date.parse(start) - 5 * MINUTE));
  const before = await latestEventSeq(app.kv, expert.user!.id);
  const sent = await learner.api("POST", path, offer);
  expect(sent.status).toBe(202);
  const { events } = await readEventsAfter(app.kv, expert.user!.id, before, 5);
  expect(events).toEqual([expect.objectContaining({
    type: "call.signal",
    data: expect.objectContaining({
      bookingId: id,
      from: "learner",
      fromUserId: learner.user!.id,
      session: "learner-page-1",
      type: "offer",
      payload: offer.payload,
    }),
  })]);

  const stranger = await signUp(app, "learner");
  expect((await stranger.api("POST", path, offer)).status).toBe(404);
  const admin = await signInAdmin(app, { twoFactor: true });
  const byAdmin = await admin.api("POST", path, offer);
  expect(byAdmin.status).toBe(403);
  expect(byAdmin.body.error).toBe("call_not_a_party");

  const bad = await learner.api("POST", path, { type: "shout" });
  expect(bad.status).toBe(400);
  expect(bad.body.details.type).toBeDefined();
  const big = await learner.api("POST", path, {
    ...offer,
    payload: { sdp: "a".repeat(MAX_SIGNAL_BYTES) },
  });
  expect(big.status).toBe(400);
  expect(big.body.details.payload[0]).toContain("KiB");

  const candidate = { type: "candidate", session: "expert-page-1" };
  for (let i = 0; i < SIGNALS_PER_MINUTE; i++) {
    expect((await expert.api("POST", path, candidate)).status).toBe(202);
  }
  const flooded = await expert.api("POST", path, candidate);
  expect(flooded.status).toBe(429);
  expect(flooded.body.error).toBe("rate_limited");

  clock.set(new Date(Date.parse(booked.body.booking.end) + 16 * MINUTE));
  const late = await learner.api("POST", path, offer);
  expect(late.status).toBe(403);
  expect(late.body.error).toBe("call_closed");
  const hangup = await learner.api("POST", path, {
    type: "hangup",
    session: "learner-page-1",
  });
  expect(hangup.status).toBe(202);
});

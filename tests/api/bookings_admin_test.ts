/**
 * After the session over the API: the call, the completion job, a learner's report
 * within the window, the admins' disputes queue and decision, and the
 * booking's history. Time moves with a fake clock.
 */
import { expect } from "expect";
import { signInAdmin, signUp } from "@/tests/support/auth.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import {
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import { now, useFakeClock } from "@/services/platform/clock.ts";
import { processDueWork } from "@/services/bookings/mod.ts";
import { createCheckedAuthApp } from "./support.ts";

const HOUR = 3_600_000;

Deno.test("a completed session is disputed, queued for admins, and split by their decision", async () => {
  using clock = useFakeClock(new Date("2030-06-03T08:00:00Z"));
  await using app = await createCheckedAuthApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const expert = await signUp(app, "expert");
  const { offering } = await bookableExpert(app.kv, { id: expert.user!.id });
  const learner = await signUp(app, "learner");
  await fundLearner(app.kv, learner.user!.id, 6000);
  const booked = await learner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start: daysAhead(now(), 1, 10),
  });
  expect(booked.status).toBe(201);
  const id = booked.body.booking.id;

  const early = await learner.api("POST", `/api/bookings/${id}/dispute`, {
    reason: "Too early",
  });
  expect(early.status).toBe(409);

  // Both join the call; the session settles once the call has closed.
  clock.advance(26 * HOUR);
  for (const side of [learner, expert]) {
    expect((await side.api("POST", `/api/bookings/${id}/call`)).status)
      .toBe(200);
  }
  clock.advance(HOUR + 15 * 60_000);
  expect(await processDueWork(app.kv)).toBe(1);
  const seen = await learner.api("GET", `/api/bookings/${id}`);
  expect(seen.body.booking.status).toBe("completed");
  expect(seen.body.actions.canDispute).toBe(true);
  const empty = await learner.api("POST", `/api/bookings/${id}/dispute`, {});
  expect(empty.status).toBe(400);
  expect(empty.body.details.reason).toBeDefined();
  const reported = await learner.api("POST", `/api/bookings/${id}/dispute`, {
    reason: "We lost half the session to the connection.",
  });
  expect(reported.status).toBe(200);
  expect(reported.body.booking.status).toBe("disputed");

  const queue = await admin.api("GET", "/api/admin/bookings?status=disputed");
  expect(queue.body.bookings.map((b: { id: string }) => b.id)).toEqual([id]);
  const byExpert = await admin.api(
    "GET",
    `/api/admin/bookings?expertId=${expert.user!.id}&from=${
      daysAhead(now(), -2)
    }`,
  );
  expect(byExpert.body.bookings.length).toBe(1);
  // Admins may read any booking.
  expect((await admin.api("GET", `/api/bookings/${id}`)).status).toBe(200);

  const bad = await admin.api("POST", `/api/admin/bookings/${id}/resolve`, {
    outcome: "split",
    note: "Half.",
  });
  expect(bad.status).toBe(400);
  const resolved = await admin.api(
    "POST",
    `/api/admin/bookings/${id}/resolve`,
    {
      outcome: "split",
      learnerMinor: 3000,
      note: "Half of the session was lost.",
    },
  );
  expect(resolved.status).toBe(200);
  expect(resolved.body.booking).toMatchObject({
    status: "completed",
    dispute: {
      resolution: { outcome: "split", learnerMinor: 3000, by: admin.user!.id },
    },
  });
  const again = await admin.api("POST", `/api/admin/bookings/${id}/resolve`, {
    outcome: "release",
    note: "Again.",
  });
  expect(again.status).toBe(409);

  const detail = await admin.api("GET", `/api/admin/bookings/${id}`);
  expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual([
    "booked",
    "completed",
    "disputed",
    "dispute_resolved",
  ]);
  const wallet = await learner.api("GET", "/api/wallet");
  expect(wallet.body.balances[0].availableMinor).toBe(3000);
  const earnings = await expert.api("GET", "/api/expert/earnings");
  expect(earnings.status).toBe(200);
  await assertBooksBalance(app.kv);
});

Deno.test("an admin without two-factor authentication sees no one's bookings", async () => {
  await using app = await createCheckedAuthApp();
  const learner = await signUp(app, "learner");
  await fundLearner(app.kv, learner.user!.id, 6000);
  const { offering } = await bookableExpert(app.kv);
  const booked = await learner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start: daysAhead(new Date(), 2),
  });
  const admin = await signInAdmin(app, { twoFactor: false });
  const answer = await admin.api(
    "GET",
    `/api/bookings/${booked.body.booking.id}`,
  );
  expect(answer.status).toBe(404);
});

/**
 * The call page: the pre-join screen inside the join window for the two
 * parties, a notice saying when it opens before it, and nothing for anyone
 * else. Time moves with a fake clock.
 */
import { expect } from "expect";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";
import {
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import { now, useFakeClock } from "@/services/platform/clock.ts";

Deno.test("the call page shows the pre-join screen only in the window, to the two parties", async () => {
  using clock = useFakeClock(new Date("2030-06-03T08:00:00Z"));
  await using app = await createAuthTestApp();
  const expert = await signUp(app, "expert");
  const { offering } = await bookableExpert(app.kv, { id: expert.user!.id });
  const learner = await signUp(app, "learner");
  await fundLearner(app.kv, learner.user!.id, 6000);
  const start = daysAhead(now(), 1, 10);
  const booked = await learner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start,
  });
  const path = `/bookings/${booked.body.booking.id}/call`;

  const early = await (await learner.request(path)).text();
  expect(early).toContain("The call cannot be joined now");
  expect(early).toContain("Come back then");
  expect(early).not.toContain("Join the call");

  clock.set(new Date(Date.parse(start) - 5 * 60_000));
  for (const client of [learner, expert]) {
    const response = await client.request(path);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Join the call");
    expect(html).toContain("Microphone level");
  }
  const stranger = await signUp(app, "learner");
  const refused = await stranger.request(path);
  expect(refused.status).toBe(404);
  await refused.body?.cancel();
});

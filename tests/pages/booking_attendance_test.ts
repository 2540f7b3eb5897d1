/**
 * The booking page after its call: each party's attendance (first joined,
 * last left, minutes in the call, or that they did not join), as both
 * parties see it; nothing before the call has opened.
 */
import { expect } from "expect";
import { createAuthTestApp, logIn } from "@/tests/support/auth.ts";
import { messagingPair } from "@/tests/support/messaging.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { getBookingFor } from "@/services/bookings/mod.ts";
import { attendedCall } from "@/tests/support/attendance.ts";
import { page } from "./page_helpers.ts";

Deno.test("the booking page shows each party's time in the call once it has happened", async () => {
  await using app = await createAuthTestApp();
  using clock = useFakeClock(new Date());
  const pair = await messagingPair(app.kv, { booked: true });
  const learner = await logIn(app, pair.learner.email);
  const expert = await logIn(app, pair.expert.email);
  const { booking } = await getBookingFor(
    app.kv,
    pair.learner,
    pair.bookingId!,
  );
  const path = `/bookings/${booking.id}`;
  expect((await page(learner, path)).text).not.toContain("Attendance");

  await attendedCall(app.kv, clock, booking);

  const seen = (await page(learner, path)).text;
  expect(seen).toContain("Attendance");
  expect(seen).toMatch(/You<span[^>]*> \(learner\)/);
  expect(seen).toContain("42 minutes in the call");
  expect(seen).toContain("Esme Expert");
  expect(seen).toContain("47 minutes in the call");
  const theirs = (await page(expert, path)).text;
  expect(theirs).toMatch(/You<span[^>]*> \(expert\)/);
  expect(theirs).toContain("Lee Learner");
  expect(theirs).toContain("42 minutes in the call");
});

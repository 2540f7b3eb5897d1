/**
 * The background work as the app runs it: the due-work job on the KV queue
 * of a started runtime (the worker main.ts starts) completes attended sessions
 * and settles holds through their own job.
 */
import { expect } from "expect";
import { startTestRuntime } from "@/tests/support/runtime.ts";
import { BASE_URL, createLearner, META } from "@/tests/support/money.ts";
import {
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { enqueue } from "@/services/platform/jobs.ts";
import { createSimulatedProvider } from "@/services/payments/mod.ts";
import {
  type Booking,
  bookingDueWorkJob,
  bookSession,
  type Hold,
} from "./mod.ts";
import { attendCall } from "./testing.ts";

const NOW = new Date("2030-03-04T08:00:00Z");

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean) {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("the background work did not happen in time");
}

Deno.test("the due-work job completes attended sessions and lapses expired holds", async () => {
  using clock = useFakeClock(NOW);
  await using runtime = await startTestRuntime();
  const { kv } = runtime;
  const { offering } = await bookableExpert(kv);
  const learner = await fundedLearner(kv);
  const booked = await bookSession(kv, learner, {
    offeringId: offering.id,
    start: daysAhead(NOW, 0, 9),
  });
  if (!("booking" in booked)) throw new Error("not booked");
  const holder = await createLearner(kv, "holder@example.com");
  const held = await bookSession(
    kv,
    { ...holder, timeZone: "UTC" },
    { offeringId: offering.id, start: daysAhead(NOW, 1, 9), hold: true },
    { payments: createSimulatedProvider(kv), baseUrl: BASE_URL, meta: META },
  );
  if (!("hold" in held)) throw new Error("not held");
  await attendCall(kv, clock, booked.booking);

  clock.advance(2 * 3_600_000 + 15 * 60_000); // the call closed at 10:15
  await enqueue(kv, bookingDueWorkJob, {});
  const booking = await until(
    async () => (await kv.get<Booking>(["bookings", booked.booking.id])).value!,
    (value) => value.status === "completed",
  );
  expect(booking.completedAt).toBe("2030-03-04T10:15:00.000Z");
  const hold = await until(
    async () => (await kv.get<Hold>(["booking_holds", held.hold.id])).value!,
    (value) => value.status === "lapsed",
  );
  expect(hold.lapsedReason).toMatch(/expired before the payment/);
});

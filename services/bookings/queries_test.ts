import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { NotFoundError, ValidationError } from "@/services/platform/errors.ts";
import {
  adminListBookings,
  type Booking,
  bookSession,
  cancelBooking,
  getBookingFor,
  listBookings,
  listBookingsBetween,
  offeringSlots,
  processDueWork,
} from "./mod.ts";
import { attendCall } from "./testing.ts";

const NOW = new Date("2030-03-04T08:00:00Z");
const HOUR = 3_600_000;

async function book(
  kv: Deno.Kv,
  learner: { id: string; timeZone: string },
  offeringId: string,
  start: string,
): Promise<Booking> {
  const outcome = await bookSession(kv, learner, { offeringId, start });
  if (!("booking" in outcome)) throw new Error("not booked");
  return outcome.booking;
}

Deno.test("an offering's slots leave out booked time with its buffers, and every slot listed books", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, offering } = await bookableExpert(kv, {
    availability: {
      timeZone: "Europe/Berlin",
      weekly: { thu: [{ start: "09:00", end: "13:00" }] },
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 10,
    },
  });
  const learner = await fundedLearner(kv, 1000_00);
  const window = {
    offeringId: offering.id,
    from: "2030-03-07T00:00:00Z",
    to: "2030-03-08T00:00:00Z",
  };
  const before = await offeringSlots(kv, expertId, window);
  expect(before.timeZone).toBe("Europe/Berlin");
  expect(before.slots.length).toBe(13); // 09:00 … 12:00 Berlin
  await book(kv, learner, offering.id, "2030-03-07T09:00:00Z"); // 10:00 Berlin
  const after = await offeringSlots(kv, expertId, window);
  const starts = after.slots.map((slot) => slot.start.slice(11, 16));
  // 10:00–11:00 with 5 before and 10 after holds 09:45–11:15 (whole cells):
  // 09:00 would run into it with its own buffer after, and a new session
  // needs 5 minutes before, so the next start is 11:30 Berlin.
  expect(starts).toEqual(["10:30", "10:45", "11:00"]);
  // What is listed is exactly what the cells accept.
  for (const slot of after.slots) {
    const other = await fundedLearner(kv);
    const booking = await book(kv, other, offering.id, slot.start);
    await cancelBooking(kv, other.id, booking.id);
  }
});

Deno.test("slot queries are checked: a published expert, their session, a bounded window", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, offering } = await bookableExpert(kv);
  const from = "2030-03-05T00:00:00Z";
  await expect(
    offeringSlots(kv, "nobody", { offeringId: offering.id, from, to: from }),
  ).rejects.toBeInstanceOf(NotFoundError);
  for (
    const query of [
      { offeringId: offering.id, from, to: from },
      { offeringId: offering.id, from, to: "2030-06-01T00:00:00Z" },
      { offeringId: "nope", from, to: "2030-03-06T00:00:00Z" },
      { offeringId: offering.id, from: "monday", to: "2030-03-06T00:00:00Z" },
    ]
  ) {
    await expect(offeringSlots(kv, expertId, query)).rejects.toBeInstanceOf(
      ValidationError,
    );
  }
});

Deno.test("each side lists upcoming sessions soonest first and past ones latest first; a booking is shown only to its parties and admins", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, offering } = await bookableExpert(kv);
  const learner = await fundedLearner(kv, 1000_00);
  const made = [];
  for (const day of [3, 1, 2]) {
    made.push(await book(kv, learner, offering.id, daysAhead(NOW, day)));
  }
  const upcoming = await listBookings(kv, learner.id, {
    as: "learner",
    when: "upcoming",
    limit: 2,
  });
  expect(upcoming.items.map((b) => b.start)).toEqual([
    daysAhead(NOW, 1),
    daysAhead(NOW, 2),
  ]);
  const rest = await listBookings(kv, learner.id, {
    as: "learner",
    when: "upcoming",
    limit: 2,
    cursor: upcoming.nextCursor!,
  });
  expect(rest.items.map((b) => b.start)).toEqual([daysAhead(NOW, 3)]);
  expect(rest.nextCursor).toBeNull();

  clock.advance(2 * 24 * HOUR + 2 * HOUR + 30 * 60_000); // 10:30 on day 2
  const past = await listBookings(kv, expertId, {
    as: "expert",
    when: "past",
  });
  expect(past.items.map((b) => b.start)).toEqual([daysAhead(NOW, 1)]);
  // The session running now is still upcoming.
  const now = await listBookings(kv, expertId, {
    as: "expert",
    when: "upcoming",
  });
  expect(now.items.map((b) => b.start)).toEqual([
    daysAhead(NOW, 2),
    daysAhead(NOW, 3),
  ]);

  const [third] = made;
  const seen = await getBookingFor(
    kv,
    { id: learner.id, role: "learner" },
    third.id,
  );
  expect(seen.actions).toEqual({
    cancelRefundMinor: 3000, // within a day of its start
    canReschedule: false,
    canDispute: false,
  });
  expect(
    (await getBookingFor(kv, { id: "admin", role: "admin" }, third.id)).actions
      .cancelRefundMinor,
  ).toBeNull();
  await expect(
    getBookingFor(kv, { id: "someone", role: "learner" }, third.id),
  ).rejects.toBeInstanceOf(NotFoundError);
});

Deno.test("admins filter bookings by status, person and time", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const one = await bookableExpert(kv);
  const two = await bookableExpert(kv);
  const learner = await fundedLearner(kv, 1000_00);
  const a = await book(kv, learner, one.offering.id, daysAhead(NOW, 1));
  const b = await book(kv, learner, two.offering.id, daysAhead(NOW, 2));
  const c = await book(kv, learner, one.offering.id, daysAhead(NOW, 3));
  await cancelBooking(kv, learner.id, c.id);
  await attendCall(kv, clock, a);
  clock.advance(27 * HOUR + 15 * 60_000); // a's call has closed
  await processDueWork(kv);
  const ids = async (query: Parameters<typeof adminListBookings>[1]) =>
    (await adminListBookings(kv, query)).items.map((booking) => booking.id);
  expect(await ids({})).toEqual([c.id, b.id, a.id]);
  expect(await ids({ status: "completed" })).toEqual([a.id]);
  expect(await ids({ status: "cancelled" })).toEqual([c.id]);
  expect(await ids({ expertId: one.expertId })).toEqual([a.id, c.id]);
  expect(await ids({ learnerId: learner.id, from: daysAhead(NOW, 2) }))
    .toEqual([b.id, c.id]);
  expect(
    await ids({
      expertId: one.expertId,
      status: "confirmed",
    }),
  ).toEqual([]);
  expect(
    await ids({ learnerId: learner.id, to: daysAhead(NOW, 2) }),
  ).toEqual([a.id]);
  expect(
    await ids({
      expertId: one.expertId,
      from: daysAhead(NOW, 1),
      to: daysAhead(NOW, 3),
    }),
  ).toEqual([a.id]);
  // A range alone reads every session in it, in start order.
  expect(await ids({ from: daysAhead(NOW, 2) })).toEqual([b.id, c.id]);
  expect(await ids({ to: daysAhead(NOW, 2) })).toEqual([a.id]);
  expect(await ids({ from: daysAhead(NOW, 1), status: "cancelled" }))
    .toEqual([c.id]);
  await expect(adminListBookings(kv, { status: "lost" as never })).rejects
    .toBeInstanceOf(ValidationError);
});

Deno.test("a person's sessions between two instants come from their own index, in start order", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const one = await bookableExpert(kv);
  const two = await bookableExpert(kv);
  const learner = await fundedLearner(kv, 1000_00);
  const other = await fundedLearner(kv, 1000_00);
  const a = await book(kv, learner, one.offering.id, daysAhead(NOW, 1, 9));
  const b = await book(kv, learner, two.offering.id, daysAhead(NOW, 2, 9));
  const c = await book(kv, learner, one.offering.id, daysAhead(NOW, 3, 9));
  await book(kv, other, one.offering.id, daysAhead(NOW, 2, 12));
  await cancelBooking(kv, learner.id, b.id);
  const between = async (
    id: string,
    side: "learner" | "expert",
    from: string,
    to: string,
  ) =>
    (await listBookingsBetween(kv, id, side, new Date(from), new Date(to)))
      .map((booking) => booking.id);
  // From inclusive, to exclusive; every status.
  expect(
    await between(
      learner.id,
      "learner",
      daysAhead(NOW, 1, 9),
      daysAhead(NOW, 3, 9),
    ),
  ).toEqual([a.id, b.id]);
  expect(
    await between(one.expertId, "expert", daysAhead(NOW, 0), daysAhead(NOW, 9)),
  ).toHaveLength(3);
  expect(
    await between(
      one.expertId,
      "learner",
      daysAhead(NOW, 0),
      daysAhead(NOW, 9),
    ),
  ).toEqual([]);
  expect(
    await between(
      learner.id,
      "learner",
      daysAhead(NOW, 3, 0),
      daysAhead(NOW, 4, 0),
    ),
  ).toEqual([c.id]);
});

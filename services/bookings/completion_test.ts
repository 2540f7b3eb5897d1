import { expect } from "expect";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import {
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { ConflictError, ValidationError } from "@/services/platform/errors.ts";
import {
  availableEarningsAccount,
  escrowAccount,
  getBalance,
  listEntriesByRef,
  pendingEarningsAccount,
  PLATFORM_REVENUE,
  walletAccount,
} from "@/services/ledger/mod.ts";
import {
  type Booking,
  bookSession,
  disputeBooking,
  listBookingEvents,
  processDueWork,
  resolveDispute,
} from "./mod.ts";
import { attendCall } from "./testing.ts";

const NOW = new Date("2030-03-04T08:00:00Z");
const HOUR = 3_600_000;
/** How long after the end the call closes and the session completes. */
const CALL_CLOSES = 15 * 60_000;

/** A booking whose call `attended` join (both by default). */
async function bookOne(
  kv: Deno.Kv,
  clock: Parameters<typeof attendCall>[1],
  start = daysAhead(NOW, 1, 10),
  attended: Parameters<typeof attendCall>[3] = ["learner", "expert"],
) {
  const { offering } = await bookableExpert(kv);
  const learner = await fundedLearner(kv, 100_00);
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    start,
  });
  if (!("booking" in outcome)) throw new Error("not booked");
  await attendCall(kv, clock, outcome.booking, attended);
  return outcome.booking;
}

async function stored(kv: Deno.Kv, id: string): Promise<Booking> {
  return (await kv.get<Booking>(["bookings", id])).value!;
}

async function money(kv: Deno.Kv, booking: Booking) {
  const of = (account: string) => getBalance(kv, account, "USD");
  return {
    wallet: await of(walletAccount(booking.learnerId)),
    escrow: await of(escrowAccount(booking.id)),
    pending: await of(pendingEarningsAccount(booking.expertId)),
    available: await of(availableEarningsAccount(booking.expertId)),
    revenue: await of(PLATFORM_REVENUE),
  };
}

Deno.test("once the call has closed the session completes once; after the window the earnings are released once", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookOne(kv, clock);
  expect(await processDueWork(kv)).toBe(0); // not yet due
  clock.advance(27 * HOUR); // 11:00 the next day: ended, the call still open
  expect(await processDueWork(kv)).toBe(0);
  clock.advance(15 * 60_000); // the call closes 15 minutes after the end
  expect(await processDueWork(kv)).toBe(1);
  expect(await processDueWork(kv)).toBe(0);
  expect(await stored(kv, booking.id)).toMatchObject({
    status: "completed",
    completedAt: "2030-03-05T11:15:00.000Z",
    expertEarningsMinor: 5100,
    releaseAt: "2030-03-06T11:15:00.000Z",
    releasedAt: null,
  });
  expect(await money(kv, booking)).toEqual({
    wallet: 4000,
    escrow: 0,
    pending: 5100,
    available: 0,
    revenue: 900,
  });
  clock.advance(24 * HOUR);
  expect(await processDueWork(kv)).toBe(1);
  expect(await processDueWork(kv)).toBe(0);
  expect((await stored(kv, booking.id)).releasedAt).toBe(
    "2030-03-06T11:15:00.000Z",
  );
  expect(await money(kv, booking)).toMatchObject({
    pending: 0,
    available: 5100,
  });
  expect((await listBookingEvents(kv, booking.id)).map((event) => event.type))
    .toEqual(["booked", "completed", "released"]);
  await assertBooksBalance(kv);
});

Deno.test("several processes catching up after downtime run each step exactly once", async () => {
  using clock = useFakeClock(NOW);
  const dir = await Deno.makeTempDir();
  const first = await Deno.openKv(`${dir}/due.kv`);
  const second = await Deno.openKv(`${dir}/due.kv`);
  try {
    const bookings = [];
    for (let day = 1; day <= 5; day++) {
      bookings.push(await bookOne(first, clock, daysAhead(NOW, day, 10)));
    }
    clock.advance(10 * 24 * HOUR); // down for days: everything is overdue
    const runs = await Promise.all([
      processDueWork(first),
      processDueWork(second),
      processDueWork(first),
    ]);
    // Completions (5) happen once each; releases fall due a day after the catch-up.
    expect(runs.reduce((sum, n) => sum + n, 0)).toBe(5);
    clock.advance(25 * HOUR);
    const releases = await Promise.all([
      processDueWork(first),
      processDueWork(second),
    ]);
    expect(releases.reduce((sum, n) => sum + n, 0)).toBe(5);
    for (const booking of bookings) {
      const entries = await listEntriesByRef(first, "bookingId", booking.id);
      expect(entries.map((entry) => entry.kind)).toEqual([
        "booking_reserve",
        "booking_release",
        "earnings_available",
      ]);
    }
    await assertBooksBalance(first);
  } finally {
    first.close();
    second.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a problem reported within the window stops the release; an admin refunds it", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookOne(kv, clock);
  // Not before the session has ended.
  await expect(
    disputeBooking(kv, booking.learnerId, booking.id, { reason: "No show" }),
  ).rejects.toThrow(/once the session has ended/);
  clock.advance(27 * HOUR + CALL_CLOSES);
  await processDueWork(kv);
  await expect(
    disputeBooking(kv, booking.learnerId, booking.id, {}),
  ).rejects.toBeInstanceOf(ValidationError);
  await expect(
    disputeBooking(kv, booking.expertId, booking.id, { reason: "x" }),
  ).rejects.toThrow(/no booking/);
  const disputed = await disputeBooking(kv, booking.learnerId, booking.id, {
    reason: "The expert never joined.",
  });
  expect(disputed.status).toBe("disputed");
  clock.advance(48 * HOUR);
  expect(await processDueWork(kv)).toBe(0); // the release was stopped
  expect(await money(kv, booking)).toMatchObject({
    pending: 5100,
    available: 0,
  });
  const resolved = await resolveDispute(kv, "admin-1", booking.id, {
    outcome: "refund",
    note: "The expert confirmed they missed it.",
  });
  expect(resolved).toMatchObject({
    status: "completed",
    expertEarningsMinor: 0,
    dispute: {
      reason: "The expert never joined.",
      resolution: { outcome: "refund", learnerMinor: 6000, by: "admin-1" },
    },
  });
  const audited = await listSecurityEvents(kv, {
    type: "booking_dispute_resolved",
  });
  expect(audited.events.map((e) => e.details)).toEqual([
    {
      bookingId: booking.id,
      outcome: "refund",
      learnerMinor: String(resolved.priceMinor),
    },
  ]);
  expect(await money(kv, booking)).toEqual({
    wallet: 100_00,
    escrow: 0,
    pending: 0,
    available: 0,
    revenue: 0,
  });
  const history = await listBookingEvents(kv, booking.id);
  expect(history.at(-1)).toMatchObject({
    type: "dispute_resolved",
    actorId: "admin-1",
    details: {
      outcome: "refund",
      note: "The expert confirmed they missed it.",
    },
  });
  await expect(
    resolveDispute(kv, "admin-1", booking.id, {
      outcome: "release",
      note: "x",
    }),
  ).rejects.toBeInstanceOf(ConflictError);
  await assertBooksBalance(kv);
});

Deno.test("a split gives the learner their part and the expert the rest at the recorded commission", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookOne(kv, clock);
  clock.advance(27 * HOUR + CALL_CLOSES);
  await processDueWork(kv);
  await disputeBooking(kv, booking.learnerId, booking.id, {
    reason: "Half the session was lost to a bad connection.",
  });
  for (const learnerMinor of [undefined, 0, 6000, 1.5]) {
    await expect(
      resolveDispute(kv, "admin-1", booking.id, {
        outcome: "split",
        learnerMinor,
        note: "Half.",
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  }
  const refused = await resolveDispute(kv, "admin-1", booking.id, {
    outcome: "split",
    learnerMinor: 6000,
    note: "All of it.",
  }).catch((error) => error);
  expect(refused.fieldErrors.learnerMinor).toEqual([
    "For a split, give what goes back to the learner: $0.01 to $59.99.",
  ]);
  await resolveDispute(kv, "admin-1", booking.id, {
    outcome: "split",
    learnerMinor: 2000,
    note: "A third back.",
  });
  // The expert keeps 4000 less 15 % (600).
  expect(await money(kv, booking)).toEqual({
    wallet: 6000,
    escrow: 0,
    pending: 0,
    available: 3400,
    revenue: 600,
  });
  await assertBooksBalance(kv);
});

Deno.test("a dispute released to the expert, and one reported too late", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookOne(kv, clock);
  const late = await bookOne(kv, clock, daysAhead(NOW, 1, 14));
  clock.advance(31 * HOUR + CALL_CLOSES);
  await processDueWork(kv);
  await disputeBooking(kv, booking.learnerId, booking.id, { reason: "Meh." });
  await resolveDispute(kv, "admin-1", booking.id, {
    outcome: "release",
    note: "The session took place as booked.",
  });
  expect(await money(kv, booking)).toMatchObject({ available: 5100 });
  clock.advance(25 * HOUR);
  await processDueWork(kv);
  await expect(
    disputeBooking(kv, late.learnerId, late.id, { reason: "Too late" }),
  ).rejects.toThrow(/can no longer be reported/);
  await assertBooksBalance(kv);
});

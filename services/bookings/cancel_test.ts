import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import {
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { ConflictError, NotFoundError } from "@/services/platform/errors.ts";
import {
  availableEarningsAccount,
  escrowAccount,
  getBalance,
  pendingEarningsAccount,
  PLATFORM_REVENUE,
  walletAccount,
} from "@/services/ledger/mod.ts";
import { updateSettings } from "@/services/settings/mod.ts";
import {
  type Booking,
  bookSession,
  cancelBooking,
  cancellationQuote,
  countExpertCancellations,
} from "./mod.ts";
import { rescheduleRefusal } from "./policy.ts";

const NOW = new Date("2030-03-04T08:00:00Z");
const HOUR = 3_600_000;
const META = { ip: "127.0.0.1", userAgent: "test" };

async function setUp(kv: Deno.Kv, start: string) {
  const { expertId, offering } = await bookableExpert(kv);
  const learner = await fundedLearner(kv, 100_00);
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    start,
  });
  if (!("booking" in outcome)) throw new Error("not booked");
  return { expertId, offering, learner, booking: outcome.booking };
}

async function balances(kv: Deno.Kv, booking: Booking) {
  const of = (account: string) => getBalance(kv, account, "USD");
  return {
    wallet: await of(walletAccount(booking.learnerId)),
    escrow: await of(escrowAccount(booking.id)),
    pending: await of(pendingEarningsAccount(booking.expertId)),
    available: await of(availableEarningsAccount(booking.expertId)),
    revenue: await of(PLATFORM_REVENUE),
  };
}

Deno.test("the policy, as a pure function of who, when and the settings", () => {
  const settings = {
    cancelFullRefundHours: 24,
    lateCancelRefundPercent: 50,
    rescheduleMinHours: 24,
    maxReschedules: 2,
  };
  const booking = { priceMinor: 6001, start: "2030-03-05T10:00:00.000Z" };
  const at = (iso: string) => Date.parse(iso);
  expect(
    cancellationQuote(booking, "learner", at("2030-03-04T10:00:00Z"), settings),
  )
    .toEqual({ rule: "full_refund", refundMinor: 6001, expertMinor: 0 });
  expect(
    cancellationQuote(booking, "learner", at("2030-03-04T10:00:01Z"), settings),
  )
    .toEqual({
      rule: "late_cancellation",
      refundMinor: 3001,
      expertMinor: 3000,
    });
  expect(
    cancellationQuote(booking, "learner", at("2030-03-05T10:00:00Z"), settings),
  )
    .toEqual({ rule: "after_start", refundMinor: 0, expertMinor: 6001 });
  expect(
    cancellationQuote(booking, "expert", at("2030-03-05T10:30:00Z"), settings),
  )
    .toEqual({ rule: "expert_cancelled", refundMinor: 6001, expertMinor: 0 });
  // Moves: counted in words that fit the numbers.
  const once = { ...settings, rescheduleMinHours: 1, maxReschedules: 1 };
  const moved = {
    status: "confirmed" as const,
    start: booking.start,
    rescheduleCount: 1,
  };
  expect(rescheduleRefusal(moved, at("2030-03-04T10:00:00Z"), once)).toContain(
    "moved 1 time already",
  );
  expect(
    rescheduleRefusal(
      { ...moved, rescheduleCount: 0 },
      at("2030-03-05T09:30:00Z"),
      once,
    ),
  ).toContain("until 1 hour before");
});

Deno.test("a learner cancelling more than a day ahead gets everything back, and the time is free again", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const start = daysAhead(NOW, 3);
  const { offering, learner, booking } = await setUp(kv, start);
  const result = await cancelBooking(kv, learner.id, booking.id, {
    reason: "Something came up.",
  });
  expect(result.refundMinor).toBe(6000);
  expect(result.booking).toMatchObject({
    id: booking.id,
    status: "cancelled",
    cancellation: {
      by: "learner",
      reason: "Something came up.",
      refundMinor: 6000,
      expertMinor: 0,
    },
  });
  expect(await balances(kv, booking)).toEqual({
    wallet: 100_00,
    escrow: 0,
    pending: 0,
    available: 0,
    revenue: 0,
  });
  expect(await kv.get(["booking_due", Date.parse(booking.end), booking.id]))
    .toMatchObject({ versionstamp: null });
  // The slot can be booked again, by anyone.
  const other = await fundedLearner(kv);
  const again = await bookSession(kv, other, {
    offeringId: offering.id,
    start,
  });
  expect("booking" in again).toBe(true);
  // Cancelling twice is a conflict.
  await expect(cancelBooking(kv, learner.id, booking.id)).rejects
    .toBeInstanceOf(ConflictError);
  await assertBooksBalance(kv);
});

Deno.test("a learner cancelling within a day gets half back; the expert's half is paid at the recorded commission", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const start = daysAhead(NOW, 1, 12);
  const { learner, booking } = await setUp(kv, start);
  // A later commission change does not touch this booking.
  await updateSettings(kv, "admin", { commissionPercent: 30 }, META);
  clock.advance(20 * HOUR);
  const result = await cancelBooking(kv, learner.id, booking.id);
  expect(result.refundMinor).toBe(3000);
  // 3000 to the expert less 15 % (450): 2550 available at once.
  expect(await balances(kv, booking)).toEqual({
    wallet: 70_00,
    escrow: 0,
    pending: 0,
    available: 2550,
    revenue: 450,
  });
  await assertBooksBalance(kv);
});

Deno.test("a booking keeps the policy it was made under: a later change applies to later bookings only", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  // Booked 34 hours ahead under "full refund a day ahead, else half".
  const { offering, learner, booking } = await setUp(
    kv,
    new Date(NOW.getTime() + 34 * HOUR).toISOString(),
  );
  expect(booking.policy).toEqual({
    cancelFullRefundHours: 24,
    lateCancelRefundPercent: 50,
    rescheduleMinHours: expect.any(Number),
    maxReschedules: expect.any(Number),
  });
  await updateSettings(kv, "admin", {
    cancelFullRefundHours: 48,
    lateCancelRefundPercent: 30,
  }, META);
  // A booking made now follows the new policy.
  const other = await fundedLearner(kv, 100_00);
  const later = await bookSession(kv, other, {
    offeringId: offering.id,
    start: new Date(NOW.getTime() + 40 * HOUR).toISOString(),
  });
  if (!("booking" in later)) throw new Error("not booked");
  expect(later.booking.policy).toMatchObject({
    cancelFullRefundHours: 48,
    lateCancelRefundPercent: 30,
  });
  clock.advance(HOUR);
  const settings = {
    cancelFullRefundHours: 48,
    lateCancelRefundPercent: 30,
    rescheduleMinHours: 12,
    maxReschedules: 2,
  };
  expect(cancellationQuote(booking, "learner", NOW.getTime() + HOUR, settings))
    .toMatchObject({ rule: "full_refund", refundMinor: 6000 });
  const result = await cancelBooking(kv, learner.id, booking.id);
  expect(result.refundMinor).toBe(6000);
  const second = await cancelBooking(kv, other.id, later.booking.id);
  expect(second.refundMinor).toBe(1800);
  await assertBooksBalance(kv);
});

Deno.test("after the start the learner gets nothing back; before the end the expert can still cancel in full", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const first = await setUp(kv, daysAhead(NOW, 1, 10));
  clock.advance(26 * HOUR + 15 * 60_000); // 10:15 the next day
  const late = await cancelBooking(kv, first.learner.id, first.booking.id);
  expect(late.refundMinor).toBe(0);
  expect(await balances(kv, first.booking)).toMatchObject({
    wallet: 40_00,
    escrow: 0,
    available: 5100,
  });

  const second = await setUp(kv, daysAhead(NOW, 2, 10));
  expect(await countExpertCancellations(kv, second.expertId)).toBe(0);
  clock.advance(24 * HOUR); // 10:15, the session running
  const byExpert = await cancelBooking(
    kv,
    second.expertId,
    second.booking.id,
    { reason: "I am ill." },
  );
  expect(byExpert.refundMinor).toBe(6000);
  expect(byExpert.booking.cancellation?.by).toBe("expert");
  expect(await countExpertCancellations(kv, second.expertId)).toBe(1);
  // After the end nobody can cancel.
  const third = await setUp(kv, daysAhead(NOW, 3, 10));
  clock.advance(25 * HOUR);
  await expect(cancelBooking(kv, third.expertId, third.booking.id)).rejects
    .toThrow(/has ended/);
  await assertBooksBalance(kv);
});

Deno.test("someone else's booking cannot be cancelled: not found, nothing changes", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { booking } = await setUp(kv, daysAhead(NOW, 2));
  const stranger = await fundedLearner(kv);
  await expect(cancelBooking(kv, stranger.id, booking.id)).rejects
    .toBeInstanceOf(NotFoundError);
  await expect(cancelBooking(kv, stranger.id, "nope")).rejects
    .toBeInstanceOf(NotFoundError);
  expect(await balances(kv, booking)).toMatchObject({ escrow: 6000 });
});

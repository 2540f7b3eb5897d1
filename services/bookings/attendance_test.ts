/**
 * Attendance settles a booking (completion.ts with services/calls): who
 * joined the call decides whether it completes, is a learner's no-show
 * (the expert is paid) or an expert's absence (a full refund that counts
 * on the expert's record); cancelling ends the call and suspending an
 * account takes it out of its calls.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { assertBooksBalance, BASE_URL, META } from "@/tests/support/money.ts";
import { daysAhead } from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { getAttendance, joinCall } from "@/services/calls/mod.ts";
import {
  enableTwoFactor,
  ensureAccount,
  startTwoFactorSetup,
  totpCode,
} from "@/services/auth/mod.ts";
import { suspendAccount } from "@/services/experts/mod.ts";
import {
  availableEarningsAccount,
  escrowAccount,
  getBalance,
  pendingEarningsAccount,
  PLATFORM_REVENUE,
  walletAccount,
} from "@/services/ledger/mod.ts";
import {
  type Booking,
  cancelBooking,
  countExpertCancellations,
  disputeBooking,
  listBookingEvents,
  processDueWork,
} from "./mod.ts";
import { dueKey } from "./store.ts";
import { attendCall, bookedPair, NOW } from "./testing.ts";

const MINUTE = 60_000;

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

/** Just after the booking's call has closed (15 minutes after its end). */
const afterCall = (booking: Booking) =>
  new Date(Date.parse(booking.end) + 15 * MINUTE);

Deno.test("a learner who never joins is a no-show, and the expert is paid as for a completed session", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  await attendCall(kv, clock, booking, ["expert"]);
  clock.set(afterCall(booking));
  expect(await processDueWork(kv)).toBe(1);
  const settled = await stored(kv, booking.id);
  expect(settled).toMatchObject({
    status: "no_show",
    expertEarningsMinor: 5100,
    cancellation: null,
  });
  expect(await money(kv, booking)).toEqual({
    wallet: 200_00 - 6000,
    escrow: 0,
    pending: 5100,
    available: 0,
    revenue: 900,
  });
  expect((await listBookingEvents(kv, booking.id)).map((e) => e.type))
    .toEqual(["booked", "no_show"]);
  expect(await countExpertCancellations(kv, booking.expertId)).toBe(0);
  // The learner may still report a problem ("I was there"), until the release.
  const disputed = await disputeBooking(kv, booking.learnerId, booking.id, {
    reason: "I was in the call; the video never connected.",
  });
  expect(disputed.status).toBe("disputed");
  await assertBooksBalance(kv);
});

Deno.test("an undisputed no-show is released to the expert after the dispute window", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  await attendCall(kv, clock, booking, ["expert"]);
  clock.set(afterCall(booking));
  await processDueWork(kv);
  clock.advance(25 * 60 * MINUTE);
  expect(await processDueWork(kv)).toBe(1);
  expect(await money(kv, booking)).toMatchObject({
    pending: 0,
    available: 5100,
  });
  expect((await stored(kv, booking.id)).status).toBe("no_show");
  await assertBooksBalance(kv);
});

Deno.test("an expert who never joins: a full refund, as the expert's cancellation", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  await attendCall(kv, clock, booking, ["learner"]);
  clock.set(afterCall(booking));
  expect(await processDueWork(kv)).toBe(1);
  expect(await processDueWork(kv)).toBe(0);
  const settled = await stored(kv, booking.id);
  expect(settled).toMatchObject({
    status: "cancelled",
    completedAt: null,
    cancellation: { by: "expert", refundMinor: 6000, expertMinor: 0 },
  });
  expect(settled.cancellation?.reason).toMatch(/did not join/);
  expect(await money(kv, booking)).toEqual({
    wallet: 200_00,
    escrow: 0,
    pending: 0,
    available: 0,
    revenue: 0,
  });
  expect(await countExpertCancellations(kv, booking.expertId)).toBe(1);
  const events = await listBookingEvents(kv, booking.id);
  expect(events.at(-1)).toMatchObject({
    type: "cancelled",
    actorId: null,
    details: { by: "expert", rule: "expert_absent" },
  });
  // Nothing is left due: no release, no second settlement.
  clock.advance(3 * 24 * 60 * MINUTE);
  expect(await processDueWork(kv)).toBe(0);
  await assertBooksBalance(kv);
});

Deno.test("when neither joins, the learner is refunded and it counts on the expert's record", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  clock.set(afterCall(booking));
  expect(await processDueWork(kv)).toBe(1);
  expect(await stored(kv, booking.id)).toMatchObject({
    status: "cancelled",
    cancellation: { by: "expert", refundMinor: 6000 },
  });
  expect(await money(kv, booking)).toMatchObject({ wallet: 200_00 });
  expect(await countExpertCancellations(kv, booking.expertId)).toBe(1);
  await assertBooksBalance(kv);
});

Deno.test("completion waits for the call to close, even when it was queued for the end", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  const endMs = Date.parse(booking.end);
  // As an earlier version queued it: at the end itself.
  await kv.set(dueKey(endMs, booking.id), "complete");
  clock.set(new Date(endMs + MINUTE));
  expect(await processDueWork(kv)).toBe(0); // put off, nothing settled
  expect((await stored(kv, booking.id)).status).toBe("confirmed");
  // The expert joins late, within the window.
  clock.set(new Date(endMs + 10 * MINUTE));
  await joinCall(kv, booking, booking.expertId);
  await joinCall(kv, booking, booking.learnerId);
  clock.set(afterCall(booking));
  expect(await processDueWork(kv)).toBe(1);
  expect(await processDueWork(kv)).toBe(0);
  expect((await stored(kv, booking.id)).status).toBe("completed");
  expect(await money(kv, booking)).toMatchObject({ pending: 5100 });
  await assertBooksBalance(kv);
});

Deno.test("cancelling a booking ends its call", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv, daysAhead(NOW, 2, 9));
  clock.set(new Date(Date.parse(booking.start) - 5 * MINUTE));
  await joinCall(kv, booking, booking.learnerId);
  expect((await getAttendance(kv, booking)).participants[0].present).toBe(
    true,
  );
  await cancelBooking(kv, booking.expertId, booking.id, {
    reason: "Ill today.",
  });
  const attendance = await getAttendance(kv, await stored(kv, booking.id));
  expect(attendance.endedAt).not.toBeNull();
  expect(attendance.participants.every((p) => !p.present)).toBe(true);
});

Deno.test("suspending an account takes it out of its calls", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  clock.set(new Date(booking.start));
  await joinCall(kv, booking, booking.learnerId);
  await joinCall(kv, booking, booking.expertId);
  await ensureAccount(kv, {
    id: "admin-1",
    email: "admin-1@example.com",
    password: "lighthouse keeper 42",
    name: "Ada Admin",
    role: "admin",
    timeZone: "UTC",
    source: "test",
  });
  const meta = { ...META, baseUrl: BASE_URL };
  const { secret } = await startTwoFactorSetup(kv, "admin-1");
  await enableTwoFactor(kv, "admin-1", { code: await totpCode(secret) }, meta);
  await suspendAccount(kv, "admin-1", booking.learnerId, meta, "Abuse.");
  const { participants } = await getAttendance(kv, booking);
  expect(participants.map((p) => [p.party, p.present])).toEqual([
    ["learner", false],
    ["expert", true],
  ]);
});

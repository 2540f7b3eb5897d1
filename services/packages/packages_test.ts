import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import { daysAhead, fundedLearner } from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
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
  bookSession,
  cancelBooking,
  completionDueAt,
  processDueWork,
} from "@/services/bookings/mod.ts";
import { joinCall } from "@/services/calls/mod.ts";
import { summarizeFinances } from "@/services/finance/mod.ts";
import { fieldErrorsOf } from "@/tests/support/rejections.ts";
import {
  buyPackage,
  cancelPackage,
  listLearnerPackages,
  nextCreditValue,
  PackageFundsError,
} from "./mod.ts";
import { NOW, packageSetUp } from "./testing.ts";

const HOUR = 3_600_000;
const usd = (kv: Deno.Kv, account: string) => getBalance(kv, account, "USD");

async function bookWithCredit(
  kv: Deno.Kv,
  learner: { id: string; timeZone: string },
  offeringId: string,
  packageId: string,
  start: string,
) {
  const outcome = await bookSession(kv, learner, {
    offeringId,
    start,
    packageId,
  });
  if (!("booking" in outcome)) throw new Error("not booked");
  return outcome.booking;
}

Deno.test("buying a package moves its whole price into the package's escrow", async () => {
  using kv = await openTestKv();
  using _clock = useFakeClock(NOW);
  const { offering, learner } = await packageSetUp(kv);
  const [option] = offering.packageOptions!;
  const pkg = await buyPackage(kv, learner.id, {
    offeringId: offering.id,
    optionId: option.id,
  });
  expect(pkg).toMatchObject({
    learnerId: learner.id,
    expertId: offering.expertId,
    offeringId: offering.id,
    sessions: 3,
    priceMinor: 100_01,
    creditsLeft: 3,
    valueLeftMinor: 100_01,
    status: "active",
  });
  expect(await usd(kv, walletAccount(learner.id))).toBe(200_00 - 100_01);
  expect(await usd(kv, escrowAccount(pkg.id))).toBe(100_01);
  expect(await listLearnerPackages(kv, learner.id)).toEqual([pkg]);
  await assertBooksBalance(kv);
});

Deno.test("a short wallet buys nothing and says how much is missing", async () => {
  using kv = await openTestKv();
  const { offering, learner } = await packageSetUp(kv, { credits: 50_00 });
  const error = await buyPackage(kv, learner.id, {
    offeringId: offering.id,
    optionId: offering.packageOptions![0].id,
  }).catch((e) => e);
  expect(error).toBeInstanceOf(PackageFundsError);
  expect(error.shortMinor).toBe(50_01);
  expect(error.message).toBe(
    "Your wallet is $50.01 short for this package. Top up your credits and buy it again.",
  );
  expect(await listLearnerPackages(kv, learner.id)).toEqual([]);
  expect(await usd(kv, walletAccount(learner.id))).toBe(50_00);
});

Deno.test("bad purchases are refused by field", async () => {
  using kv = await openTestKv();
  const { expertId, offering, learner } = await packageSetUp(kv);
  expect(
    Object.keys(
      await fieldErrorsOf(
        buyPackage(kv, learner.id, {
          offeringId: offering.id,
          optionId: "nope",
        }),
      ),
    ),
  ).toEqual(["optionId"]);
  expect(
    Object.keys(
      await fieldErrorsOf(
        buyPackage(kv, expertId, {
          offeringId: offering.id,
          optionId: offering.packageOptions![0].id,
        }),
      ),
    ),
  ).toEqual(["offeringId"]);
  await expect(buyPackage(kv, learner.id, { offeringId: offering.id } as never))
    .rejects.toBeInstanceOf(ValidationError);
});

Deno.test("credits book sessions without touching the wallet; their values sum to the price", async () => {
  using kv = await openTestKv();
  using _clock = useFakeClock(NOW);
  const { offering, learner } = await packageSetUp(kv);
  const pkg = await buyPackage(kv, learner.id, {
    offeringId: offering.id,
    optionId: offering.packageOptions![0].id,
  });
  const wallet = await usd(kv, walletAccount(learner.id));
  const prices: number[] = [];
  for (const day of [2, 3, 4]) {
    const booking = await bookWithCredit(
      kv,
      learner,
      offering.id,
      pkg.id,
      daysAhead(NOW, day, 9),
    );
    expect(booking.packageId).toBe(pkg.id);
    expect(await usd(kv, escrowAccount(booking.id))).toBe(booking.priceMinor);
    prices.push(booking.priceMinor);
  }
  expect(prices).toEqual([33_34, 33_34, 33_33]);
  expect(prices.reduce((a, b) => a + b)).toBe(100_01);
  expect(await usd(kv, walletAccount(learner.id))).toBe(wallet);
  expect(await usd(kv, escrowAccount(pkg.id))).toBe(0);
  const [after] = await listLearnerPackages(kv, learner.id);
  expect(after).toMatchObject({ creditsLeft: 0, valueLeftMinor: 0 });
  // No credit left: a clear conflict, and the wallet still untouched.
  await expect(
    bookWithCredit(kv, learner, offering.id, pkg.id, daysAhead(NOW, 5, 9)),
  ).rejects.toBeInstanceOf(ConflictError);
  expect(await usd(kv, walletAccount(learner.id))).toBe(wallet);
  await assertBooksBalance(kv);
});

Deno.test("a credit is only for its owner and its session type", async () => {
  using kv = await openTestKv();
  using _clock = useFakeClock(NOW);
  const { offering, learner } = await packageSetUp(kv);
  const pkg = await buyPackage(kv, learner.id, {
    offeringId: offering.id,
    optionId: offering.packageOptions![0].id,
  });
  const other = await fundedLearner(kv, 100_00);
  const errors = await fieldErrorsOf(
    bookSession(kv, other, {
      offeringId: offering.id,
      start: daysAhead(NOW, 2, 9),
      packageId: pkg.id,
    }),
  );
  expect(errors).toEqual({ packageId: ["You have no package with this id."] });
  const { offering: elsewhere } = await packageSetUp(kv);
  expect(
    Object.keys(
      await fieldErrorsOf(
        bookSession(kv, learner, {
          offeringId: elsewhere.id,
          start: daysAhead(NOW, 2, 9),
          packageId: pkg.id,
        }),
      ),
    ),
  ).toEqual(["packageId"]);
  expect(await usd(kv, walletAccount(other.id))).toBe(100_00);
});

Deno.test("two bookings racing for the last credit: one booked, one refused, nothing spent twice", async () => {
  using kv = await openTestKv();
  using _clock = useFakeClock(NOW);
  const { offering, learner } = await packageSetUp(kv, {
    packageOptions: [{ sessions: 2, priceMinor: 110_00 }],
  });
  const pkg = await buyPackage(kv, learner.id, {
    offeringId: offering.id,
    optionId: offering.packageOptions![0].id,
  });
  await bookWithCredit(kv, learner, offering.id, pkg.id, daysAhead(NOW, 2, 9));
  const wallet = await usd(kv, walletAccount(learner.id));
  // Four different free times at once, one credit left: the package's
  // versionstamp is checked in each booking's commit.
  const results = await Promise.allSettled(
    [3, 4, 5, 6].map((day) =>
      bookWithCredit(kv, learner, offering.id, pkg.id, daysAhead(NOW, day, 9))
    ),
  );
  const booked = results.filter((r) => r.status === "fulfilled");
  const refused = results.filter((r) =>
    r.status === "rejected" && r.reason instanceof ConflictError
  );
  expect([booked.length, refused.length]).toEqual([1, 3]);
  const [after] = await listLearnerPackages(kv, learner.id);
  expect(after).toMatchObject({ creditsLeft: 0, valueLeftMinor: 0 });
  expect(await usd(kv, escrowAccount(pkg.id))).toBe(0);
  expect(await usd(kv, walletAccount(learner.id))).toBe(wallet);
  await assertBooksBalance(kv);
});

Deno.test("cancelling in time gives the credit back; late, half the credit's value goes to the expert", async () => {
  using kv = await openTestKv();
  using clock = useFakeClock(NOW);
  const { expertId, offering, learner } = await packageSetUp(kv);
  const pkg = await buyPackage(kv, learner.id, {
    offeringId: offering.id,
    optionId: offering.packageOptions![0].id,
  });
  const wallet = await usd(kv, walletAccount(learner.id));
  const early = await bookWithCredit(
    kv,
    learner,
    offering.id,
    pkg.id,
    daysAhead(NOW, 3, 9),
  );
  const cancelled = await cancelBooking(kv, learner.id, early.id);
  expect(cancelled.refundMinor).toBe(early.priceMinor);
  expect(cancelled.booking.cancellation?.refundedTo).toBe("package");
  expect((await listLearnerPackages(kv, learner.id))[0]).toMatchObject({
    creditsLeft: 3,
    valueLeftMinor: 100_01,
  });
  expect(await usd(kv, walletAccount(learner.id))).toBe(wallet);

  const late = await bookWithCredit(
    kv,
    learner,
    offering.id,
    pkg.id,
    daysAhead(NOW, 2, 9),
  );
  clock.set(new Date(Date.parse(late.start) - 2 * HOUR));
  const lateCancel = await cancelBooking(kv, learner.id, late.id);
  const half = Math.round(late.priceMinor / 2);
  expect(lateCancel.refundMinor).toBe(half);
  expect(lateCancel.booking.cancellation?.refundedTo).toBe("wallet");
  expect(await usd(kv, walletAccount(learner.id))).toBe(wallet + half);
  expect(await usd(kv, availableEarningsAccount(expertId))).toBeGreaterThan(0);
  expect((await listLearnerPackages(kv, learner.id))[0].creditsLeft).toBe(2);
  await assertBooksBalance(kv);
});

Deno.test("completion pays the expert the credit's value less commission", async () => {
  using kv = await openTestKv();
  using clock = useFakeClock(NOW);
  const { expertId, offering, learner } = await packageSetUp(kv);
  const pkg = await buyPackage(kv, learner.id, {
    offeringId: offering.id,
    optionId: offering.packageOptions![0].id,
  });
  const booking = await bookWithCredit(
    kv,
    learner,
    offering.id,
    pkg.id,
    daysAhead(NOW, 2, 9),
  );
  clock.set(new Date(booking.start));
  await joinCall(kv, booking, booking.learnerId);
  await joinCall(kv, booking, booking.expertId);
  clock.set(new Date(completionDueAt(booking)));
  expect(await processDueWork(kv)).toBeGreaterThan(0);
  const pending = await usd(kv, pendingEarningsAccount(expertId));
  const revenue = await usd(kv, PLATFORM_REVENUE);
  expect(pending + revenue).toBe(booking.priceMinor);
  expect(pending).toBeGreaterThan(0);
  expect(await usd(kv, escrowAccount(booking.id))).toBe(0);
  await assertBooksBalance(kv);
});

Deno.test("cancelling a package refunds its unused credits pro rata; booked ones settle with their bookings", async () => {
  using kv = await openTestKv();
  using _clock = useFakeClock(NOW);
  const { offering, learner } = await packageSetUp(kv);
  const pkg = await buyPackage(kv, learner.id, {
    offeringId: offering.id,
    optionId: offering.packageOptions![0].id,
  });
  const wallet = await usd(kv, walletAccount(learner.id));
  const upcoming = await bookWithCredit(
    kv,
    learner,
    offering.id,
    pkg.id,
    daysAhead(NOW, 3, 9),
  );
  expect(nextCreditValue({ creditsLeft: 2, valueLeftMinor: 66_66 })).toBe(
    33_33,
  );
  const { package: cancelled, refundMinor } = await cancelPackage(
    kv,
    learner.id,
    pkg.id,
  );
  expect(refundMinor).toBe(100_01 - upcoming.priceMinor);
  expect(cancelled).toMatchObject({
    status: "cancelled",
    creditsLeft: 0,
    refundMinor,
  });
  expect(await usd(kv, walletAccount(learner.id))).toBe(wallet + refundMinor);
  expect(await usd(kv, escrowAccount(pkg.id))).toBe(0);
  expect(await usd(kv, escrowAccount(upcoming.id))).toBe(upcoming.priceMinor);
  await expect(cancelPackage(kv, learner.id, pkg.id)).rejects.toBeInstanceOf(
    ConflictError,
  );
  // The package takes no credit back now: the booking's refund goes to the wallet.
  const { booking } = await cancelBooking(kv, learner.id, upcoming.id);
  expect(booking.cancellation?.refundedTo).toBe("wallet");
  expect(await usd(kv, walletAccount(learner.id))).toBe(wallet + 100_01);
  await assertBooksBalance(kv);
});

Deno.test("only its owner can cancel a package", async () => {
  using kv = await openTestKv();
  const { offering, learner } = await packageSetUp(kv);
  const pkg = await buyPackage(kv, learner.id, {
    offeringId: offering.id,
    optionId: offering.packageOptions![0].id,
  });
  await expect(cancelPackage(kv, "someone-else", pkg.id)).rejects
    .toBeInstanceOf(NotFoundError);
  await expect(cancelPackage(kv, learner.id, "nope")).rejects.toBeInstanceOf(
    NotFoundError,
  );
});

Deno.test("a credit moving between escrows is an escrow transfer: finance counts it as neither money in nor out", async () => {
  using kv = await openTestKv();
  using _clock = useFakeClock(NOW);
  const { offering, learner } = await packageSetUp(kv);
  const pkg = await buyPackage(kv, learner.id, {
    offeringId: offering.id,
    optionId: offering.packageOptions![0].id,
  });
  const booking = await bookWithCredit(
    kv,
    learner,
    offering.id,
    pkg.id,
    daysAhead(NOW, 3, 9),
  );
  await cancelBooking(kv, learner.id, booking.id); // in time: the credit returns
  const kinds = (await listEntriesByRef(kv, "bookingId", booking.id))
    .map((entry) => entry.kind);
  expect(kinds).toEqual(["escrow_transfer", "escrow_transfer"]);
  const day = NOW.toISOString().slice(0, 10);
  const { currencies } = await summarizeFinances(kv, { from: day, to: day });
  expect(currencies.find((row) => row.currency === "USD")).toMatchObject({
    bookingsPaidMinor: pkg.priceMinor,
    refundsMinor: 0,
  });
  await assertBooksBalance(kv);
});

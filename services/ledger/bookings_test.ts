import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  availableEarningsAccount,
  checkLedger,
  commissionOf,
  completeBooking,
  escrowAccount,
  getBalance,
  InsufficientFundsError,
  pendingEarningsAccount,
  PLATFORM_REVENUE,
  post,
  processorAccount,
  refundFromEscrow,
  releaseEarnings,
  reserveForBooking,
  walletAccount,
} from "./mod.ts";

const learnerId = "L1";
const expertId = "E1";

async function fund(kv: Deno.Kv, amountMinor: number) {
  await post(kv, {
    idempotencyKey: "fund",
    currency: "USD",
    kind: "top_up",
    lines: [
      { account: processorAccount("simulated"), amountMinor: -amountMinor },
      { account: walletAccount(learnerId), amountMinor },
    ],
  });
}

Deno.test("a session's money: reserve, part refund, complete with commission, release", async () => {
  using kv = await openTestKv();
  await fund(kv, 10_000);
  const booking = { bookingId: "B1", currency: "USD" as const };
  await post(
    kv,
    reserveForBooking({ ...booking, learnerId, amountMinor: 6_000 }),
  );
  await post(
    kv,
    refundFromEscrow({
      ...booking,
      learnerId,
      amountMinor: 1_000,
      step: "partial",
    }),
  );
  await post(
    kv,
    completeBooking({
      ...booking,
      expertId,
      escrowMinor: 5_000,
      commissionPercent: 15,
    }),
  );
  await post(kv, releaseEarnings({ ...booking, expertId, amountMinor: 4_250 }));
  expect(await getBalance(kv, walletAccount(learnerId), "USD")).toBe(5_000);
  expect(await getBalance(kv, escrowAccount("B1"), "USD")).toBe(0);
  expect(await getBalance(kv, PLATFORM_REVENUE, "USD")).toBe(750);
  expect(await getBalance(kv, pendingEarningsAccount(expertId), "USD")).toBe(0);
  expect(await getBalance(kv, availableEarningsAccount(expertId), "USD")).toBe(
    4_250,
  );
  // Each step is idempotent by booking and step.
  await post(
    kv,
    reserveForBooking({ ...booking, learnerId, amountMinor: 6_000 }),
  );
  expect(await getBalance(kv, walletAccount(learnerId), "USD")).toBe(5_000);
  expect((await checkLedger(kv)).ok).toBe(true);
});

Deno.test("a reservation larger than the wallet fails and moves nothing", async () => {
  using kv = await openTestKv();
  await fund(kv, 1_000);
  await expect(
    post(
      kv,
      reserveForBooking({
        bookingId: "B1",
        currency: "USD",
        learnerId,
        amountMinor: 1_500,
      }),
    ),
  ).rejects.toBeInstanceOf(InsufficientFundsError);
  expect(await getBalance(kv, walletAccount(learnerId), "USD")).toBe(1_000);
});

Deno.test("commission rounds to the nearest minor unit", () => {
  expect(commissionOf(9_999, 15)).toBe(1_500);
  expect(commissionOf(3_333, 12.5)).toBe(417);
  expect(commissionOf(100, 0)).toBe(0);
});

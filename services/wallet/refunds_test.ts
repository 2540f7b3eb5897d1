import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { escrowAccount, post, walletAccount } from "@/services/ledger/mod.ts";
import {
  createSimulatedProvider,
  type PaymentProvider,
  PaymentProviderError,
} from "@/services/payments/mod.ts";
import {
  applyPaymentEvent,
  getOwnTopUp,
  getWalletBalances,
  requestRefund,
} from "./mod.ts";
import {
  assertBooksBalance,
  buyCredits,
  createLearner,
} from "@/tests/support/money.ts";

async function spend(kv: Deno.Kv, learnerId: string, amountMinor: number) {
  await post(kv, {
    idempotencyKey: `spend:${crypto.randomUUID()}`,
    currency: "USD",
    kind: "booking_reserve",
    lines: [
      { account: walletAccount(learnerId), amountMinor: -amountMinor },
      { account: escrowAccount("b1"), amountMinor },
    ],
  });
}

Deno.test("unused credits go back to the card; the bonus goes back to promotions", async () => {
  using kv = await openTestKv();
  const learner = await createLearner(kv);
  const topUp = await buyCredits(kv, learner, { packId: "usd-100" }); // $100 + $5 bonus
  await spend(kv, learner.id, 300);
  const refunded = await requestRefund(
    kv,
    createSimulatedProvider(kv),
    learner.id,
    topUp.id,
  );
  expect(refunded.status).toBe("refunded");
  expect(refunded.refund).toMatchObject({
    amountMinor: 10_000,
    bonusMinor: 200,
    status: "succeeded",
  });
  expect(await getWalletBalances(kv, learner.id)).toEqual([
    { currency: "USD", availableMinor: 0, frozenMinor: 0 },
  ]);
  await assertBooksBalance(kv);
});

Deno.test("a second refund, someone else's top-up, an unpaid or old top-up are refused and move nothing", async () => {
  using kv = await openTestKv();
  using clock = useFakeClock(new Date("2026-01-01T00:00:00Z"));
  const learner = await createLearner(kv);
  const other = await createLearner(kv, "omar@example.com");
  const provider = createSimulatedProvider(kv);
  const topUp = await buyCredits(kv, learner, { packId: "usd-50" });
  await expect(requestRefund(kv, provider, other.id, topUp.id)).rejects
    .toBeInstanceOf(NotFoundError);
  await expect(requestRefund(kv, provider, learner.id, "01NOSUCHTOPUP")).rejects
    .toBeInstanceOf(NotFoundError);
  const declined = await buyCredits(
    kv,
    learner,
    { packId: "usd-50" },
    "4000 0000 0000 0002",
  );
  await expect(requestRefund(kv, provider, learner.id, declined.id)).rejects
    .toBeInstanceOf(ValidationError);

  clock.set(new Date("2026-07-01T00:00:00Z")); // 181 days later
  await expect(requestRefund(kv, provider, learner.id, topUp.id)).rejects
    .toThrow(/within 180 days/);
  clock.set(new Date("2026-01-02T00:00:00Z"));
  await requestRefund(kv, provider, learner.id, topUp.id);
  await expect(requestRefund(kv, provider, learner.id, topUp.id)).rejects
    .toBeInstanceOf(ConflictError);
  expect((await getWalletBalances(kv, learner.id))[0].availableMinor).toBe(0);
  await assertBooksBalance(kv);
});

Deno.test("with nothing left to refund, the learner is told so", async () => {
  using kv = await openTestKv();
  const learner = await createLearner(kv);
  const topUp = await buyCredits(kv, learner, { packId: "usd-50" });
  await spend(kv, learner.id, 5_000);
  await expect(
    requestRefund(kv, createSimulatedProvider(kv), learner.id, topUp.id),
  ).rejects.toThrow(/no unused USD credits/);
  await assertBooksBalance(kv);
});

Deno.test("a refund the processor refuses unfreezes the credits", async () => {
  using kv = await openTestKv();
  const learner = await createLearner(kv);
  const topUp = await buyCredits(kv, learner, { packId: "usd-50" });
  const failing: PaymentProvider = {
    ...createSimulatedProvider(kv),
    refund: () =>
      Promise.reject(new PaymentProviderError("The processor is down.")),
  };
  await expect(requestRefund(kv, failing, learner.id, topUp.id)).rejects
    .toBeInstanceOf(PaymentProviderError);
  const after = await getOwnTopUp(kv, learner.id, topUp.id);
  expect(after.status).toBe("paid");
  expect(after.refund?.status).toBe("failed");
  expect(await getWalletBalances(kv, learner.id)).toEqual([
    { currency: "USD", availableMinor: 5_000, frozenMinor: 0 },
  ]);
  // It can be asked again.
  const again = await requestRefund(
    kv,
    createSimulatedProvider(kv),
    learner.id,
    topUp.id,
  );
  expect(again.status).toBe("refunded");
  await assertBooksBalance(kv);
});

Deno.test("a dispute freezes the disputed credits once and is audited", async () => {
  using kv = await openTestKv();
  const learner = await createLearner(kv);
  const topUp = await buyCredits(kv, learner, { packId: "usd-50" });
  const paid = await getOwnTopUp(kv, learner.id, topUp.id);
  await spend(kv, learner.id, 1_000);
  const dispute = {
    id: "evt_dispute_1",
    type: "dispute_opened" as const,
    provider: "simulated" as const,
    paymentRef: paid.paymentRef!,
    amountMinor: 5_000,
  };
  expect(await applyPaymentEvent(kv, dispute)).toBe("applied");
  expect(await applyPaymentEvent(kv, dispute)).toBe("duplicate");
  expect(await getWalletBalances(kv, learner.id)).toEqual([
    { currency: "USD", availableMinor: 0, frozenMinor: 4_000 },
  ]);
  expect((await getOwnTopUp(kv, learner.id, topUp.id)).disputed).toBe(true);
  expect(
    (await listSecurityEvents(kv, { type: "payment_disputed" })).events,
  ).toHaveLength(1);
  await expect(
    requestRefund(kv, createSimulatedProvider(kv), learner.id, topUp.id),
  ).rejects.toThrow(/disputed/);
  await assertBooksBalance(kv);
});

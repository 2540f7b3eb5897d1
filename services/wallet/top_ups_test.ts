import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { localTime } from "@/services/platform/local_time.ts";
import { getUser } from "@/services/auth/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import {
  createSimulatedProvider,
  payWithTestCard,
} from "@/services/payments/mod.ts";
import {
  applyPaymentEvent,
  getOwnTopUp,
  getWalletBalances,
  listActiveCreditPacks,
  listWalletEntries,
  startTopUp,
  topUpDescription,
  TopUpLimitError,
} from "./mod.ts";
import {
  assertBooksBalance,
  BASE_URL,
  buyCredits,
  createLearner,
  META,
} from "@/tests/support/money.ts";

Deno.test("a learner buys a pack with the test card: credits, bonus and a receipt", async () => {
  using kv = await openTestKv();
  const learner = await createLearner(kv);
  const pack = (await listActiveCreditPacks(kv)).find((p) =>
    p.id === "usd-100"
  )!;
  expect(pack).toMatchObject({ priceMinor: 10_000, bonusMinor: 500 });
  const topUp = await buyCredits(kv, learner, { packId: pack.id });
  expect((await getOwnTopUp(kv, learner.id, topUp.id)).status).toBe("paid");
  expect(await getWalletBalances(kv, learner.id)).toEqual([
    { currency: "USD", availableMinor: 10_500, frozenMinor: 0 },
  ]);
  const entries = await listWalletEntries(kv, learner.id);
  expect(entries.items.map((e) => e.kind).sort()).toEqual([
    "top_up",
    "top_up_bonus",
  ]);
  const [receipt] = await listOutbox(kv, { to: learner.email });
  expect(receipt.subject).toContain("$100.00");
  expect(receipt.text).toContain("Bonus credits: $5.00");
  // The date in words on the learner's clock, not a machine timestamp.
  const paidAt = (await getOwnTopUp(kv, learner.id, topUp.id)).paidAt!;
  const zone = (await getUser(kv, learner.id))!.timeZone;
  expect(receipt.text).toContain(
    `Date: ${localTime(paidAt, zone)} (${zone})`,
  );
  expect(receipt.text).not.toContain(paidAt);
  await assertBooksBalance(kv);
});

Deno.test("declined cards leave the top-up failed with a reason; another card can still pay", async () => {
  using kv = await openTestKv();
  const learner = await createLearner(kv);
  const provider = createSimulatedProvider(kv);
  const { topUp, checkoutUrl } = await startTopUp(kv, provider, {
    learner,
    request: { amountMinor: 2_500, currency: "EUR" },
    baseUrl: BASE_URL,
    meta: META,
  });
  expect(checkoutUrl).toMatch(/^http:\/\/localhost:8000\/pay\/cs_sim_/);
  const checkoutId = checkoutUrl.split("/").pop()!;
  for (
    const [card, reason] of [
      ["4000 0000 0000 0002", "Your card was declined."],
      ["4000000000009995", "Your card has insufficient funds."],
    ]
  ) {
    const { event, redirectTo } = await payWithTestCard(kv, checkoutId, {
      card,
    });
    expect(redirectTo).toBeNull();
    await applyPaymentEvent(kv, event);
    const failed = await getOwnTopUp(kv, learner.id, topUp.id);
    expect(failed.status).toBe("failed");
    expect(failed.failureReason).toBe(reason);
  }
  expect(await getWalletBalances(kv, learner.id)).toEqual([]);
  const { event } = await payWithTestCard(kv, checkoutId, {
    card: "4242-4242-4242-4242",
  });
  await applyPaymentEvent(kv, event);
  expect((await getOwnTopUp(kv, learner.id, topUp.id)).status).toBe("paid");
  expect((await getWalletBalances(kv, learner.id))[0].availableMinor).toBe(
    2_500,
  );
  await assertBooksBalance(kv);
});

Deno.test("bad cards and bad amounts are clear errors that move no money", async () => {
  using kv = await openTestKv();
  const learner = await createLearner(kv);
  const provider = createSimulatedProvider(kv);
  for (
    const request of [
      { amountMinor: 0, currency: "USD" },
      { amountMinor: -500, currency: "USD" },
      { amountMinor: 10.5, currency: "USD" },
      { amountMinor: 5_000, currency: "XYZ" },
      { amountMinor: 100, currency: "USD" }, // below the $10 minimum
      { amountMinor: 500_000, currency: "USD" }, // above the $1,000 maximum
      { packId: "no-such-pack" },
      {},
    ]
  ) {
    await expect(
      startTopUp(kv, provider, {
        learner,
        request: request as never,
        baseUrl: BASE_URL,
        meta: META,
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  }
  const { checkoutUrl } = await startTopUp(kv, provider, {
    learner,
    request: { packId: "usd-50" },
    baseUrl: BASE_URL,
    meta: META,
  });
  const checkoutId = checkoutUrl.split("/").pop()!;
  for (
    const card of ["", "1234", "4242 4242 4242 4241", "5555 5555 5555 4444"]
  ) {
    await expect(payWithTestCard(kv, checkoutId, { card })).rejects
      .toBeInstanceOf(ValidationError);
  }
  expect(await getWalletBalances(kv, learner.id)).toEqual([]);
  await assertBooksBalance(kv);
});

Deno.test("a payment event applies once, however often and in whatever order it arrives", async () => {
  using kv = await openTestKv();
  const learner = await createLearner(kv);
  const provider = createSimulatedProvider(kv);
  const { topUp, checkoutUrl } = await startTopUp(kv, provider, {
    learner,
    request: { packId: "usd-50" },
    baseUrl: BASE_URL,
    meta: META,
  });
  const { event } = await payWithTestCard(kv, checkoutUrl.split("/").pop()!, {
    card: "4242424242424242",
  });
  const outcomes = await Promise.all(
    Array.from({ length: 10 }, () => applyPaymentEvent(kv, event)),
  );
  expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
  // The same payment reported under another event id changes nothing either.
  expect(await applyPaymentEvent(kv, { ...event, id: "evt_other" })).toBe(
    "ignored",
  );
  // A late failure does not undo the payment.
  expect(
    await applyPaymentEvent(kv, {
      ...event,
      id: "evt_late_failure",
      type: "checkout_failed",
      reason: "expired",
    }),
  ).toBe("ignored");
  expect((await getOwnTopUp(kv, learner.id, topUp.id)).status).toBe("paid");
  expect((await getWalletBalances(kv, learner.id))[0].availableMinor).toBe(
    5_000,
  );
  expect(
    await applyPaymentEvent(kv, { ...event, id: "evt_x", topUpId: "01NOPE" }),
  )
    .toBe("unknown_top_up");
  await assertBooksBalance(kv);
});

Deno.test("top-up limits: too many an hour is refused and audited; so is more than the daily ceiling", async () => {
  using kv = await openTestKv();
  using _clock = useFakeClock(new Date("2026-12-01T10:00:00Z"));
  const learner = await createLearner(kv);
  const provider = createSimulatedProvider(kv);
  const start = (request: object) =>
    startTopUp(kv, provider, {
      learner,
      request: request as never,
      baseUrl: BASE_URL,
      meta: META,
    });
  for (let i = 0; i < 5; i++) await start({ packId: "usd-50" });
  const error = await start({ packId: "usd-50" }).catch((e) => e);
  expect(error).toBeInstanceOf(TopUpLimitError);
  expect(error.message).toMatch(/at most 5 top-ups an hour/);
  expect(error.retryAfterSeconds).toBeGreaterThan(0);

  const other = await createLearner(kv, "omar@example.com");
  await startTopUp(kv, provider, {
    learner: other,
    request: { amountMinor: 100_000, currency: "USD" },
    baseUrl: BASE_URL,
    meta: META,
  });
  await startTopUp(kv, provider, {
    learner: other,
    request: { amountMinor: 95_000, currency: "USD" },
    baseUrl: BASE_URL,
    meta: META,
  });
  await expect(
    startTopUp(kv, provider, {
      learner: other,
      request: { amountMinor: 10_000, currency: "USD" },
      baseUrl: BASE_URL,
      meta: META,
    }),
  ).rejects.toBeInstanceOf(TopUpLimitError);
  const { events } = await listSecurityEvents(kv, {
    type: "top_up_limit_exceeded",
  });
  expect(events.map((e) => e.details.limit).sort()).toEqual([
    "daily_amount",
    "per_hour",
  ]);
});

Deno.test("a top-up is described as what the wallet gets: its credits and its bonus", () => {
  expect(
    topUpDescription({
      amountMinor: 200_00,
      bonusMinor: 20_00,
      currency: "USD",
    }),
  ).toBe("$200.00 in TapTime credits, plus $20.00 bonus");
  expect(
    topUpDescription({ amountMinor: 15_50, bonusMinor: 0, currency: "EUR" }),
  ).toBe("€15.50 in TapTime credits");
});

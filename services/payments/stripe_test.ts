import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { startStripeStandIn } from "@/tests/support/stripe_server.ts";
import {
  applyPaymentEvent,
  getOwnTopUp,
  getWalletBalances,
  requestRefund,
  startTopUp,
} from "@/services/wallet/mod.ts";
import {
  assertBooksBalance,
  BASE_URL,
  createLearner,
  META,
} from "@/tests/support/money.ts";
import { createStripeProvider } from "./stripe.ts";
import { PaymentProviderError, WebhookVerificationError } from "./model.ts";

function setUp() {
  const stripe = startStripeStandIn();
  const provider = createStripeProvider({
    secretKey: stripe.secretKey,
    webhookSecret: stripe.webhookSecret,
    automaticTax: false,
    apiBase: stripe.url,
  });
  return { stripe, provider };
}

Deno.test("a Stripe Checkout top-up is credited by its webhook exactly once, in any order", async () => {
  using kv = await openTestKv();
  const { stripe, provider } = setUp();
  try {
    const learner = await createLearner(kv);
    const { topUp, checkoutUrl } = await startTopUp(kv, provider, {
      learner,
      request: { packId: "usd-100" },
      baseUrl: BASE_URL,
      meta: META,
    });
    expect(checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    const [create] = stripe.requests;
    expect(create.idempotencyKey).toBe(`checkout:${topUp.id}`);
    expect(create.params).toMatchObject({
      mode: "payment",
      client_reference_id: topUp.id,
      metadata: { topUpId: topUp.id },
      line_items: [{
        quantity: "1",
        price_data: { currency: "usd", unit_amount: "10000" },
      }],
    });

    const sessionId = (await getOwnTopUp(kv, learner.id, topUp.id)).checkoutId!;
    const completed = stripe.completeSession(sessionId, { taxMinor: 800 });
    const { payload, signature } = await stripe.sign(completed);
    const headers = new Headers({ "stripe-signature": signature });
    const event = (await provider.parseWebhook(payload, headers))!;
    expect(event).toMatchObject({
      type: "checkout_paid",
      topUpId: topUp.id,
      taxMinor: 800,
    });

    // Stripe retries: the same delivery many times, at once.
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => applyPaymentEvent(kv, event)),
    );
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(1);
    // An earlier "expired" arriving late changes nothing.
    const expired = stripe.event("checkout.session.expired", {
      ...stripe.sessions.get(sessionId),
      status: "expired",
    });
    const late = await stripe.sign(expired);
    const lateEvent = await provider.parseWebhook(
      late.payload,
      new Headers({ "stripe-signature": late.signature }),
    );
    expect(await applyPaymentEvent(kv, lateEvent!)).toBe("ignored");

    const paid = await getOwnTopUp(kv, learner.id, topUp.id);
    expect(paid).toMatchObject({ status: "paid", taxMinor: 800 });
    expect(await getWalletBalances(kv, learner.id)).toEqual([
      { currency: "USD", availableMinor: 10_500, frozenMinor: 0 },
    ]);
    await assertBooksBalance(kv);
  } finally {
    await stripe.close();
  }
});

Deno.test("a delayed payment is credited only when Stripe says it succeeded", async () => {
  using kv = await openTestKv();
  const { stripe, provider } = setUp();
  try {
    const learner = await createLearner(kv);
    const { topUp } = await startTopUp(kv, provider, {
      learner,
      request: { amountMinor: 4_000, currency: "EUR" },
      baseUrl: BASE_URL,
      meta: META,
    });
    const sessionId = (await getOwnTopUp(kv, learner.id, topUp.id)).checkoutId!;
    const pending = stripe.completeSession(sessionId, { paid: false });
    const succeeded = stripe.event(
      "checkout.session.async_payment_succeeded",
      { ...stripe.sessions.get(sessionId), payment_status: "paid" },
    );
    // Delivered out of order: the success first, then the "still processing".
    for (const evt of [succeeded, pending]) {
      const { payload, signature } = await stripe.sign(evt);
      const event = await provider.parseWebhook(
        payload,
        new Headers({ "stripe-signature": signature }),
      );
      await applyPaymentEvent(kv, event!);
    }
    expect((await getOwnTopUp(kv, learner.id, topUp.id)).status).toBe("paid");
    expect((await getWalletBalances(kv, learner.id))[0].availableMinor).toBe(
      4_000,
    );
    await assertBooksBalance(kv);
  } finally {
    await stripe.close();
  }
});

Deno.test("webhooks with a wrong secret, a stale timestamp, no signature or a changed body are refused", async () => {
  const { stripe, provider } = setUp();
  try {
    const evt = stripe.event("account.updated", {
      id: "acct_1",
      object: "account",
      payouts_enabled: true,
    });
    const wrong = await stripe.sign(evt, { secret: "whsec_wrong" });
    const stale = await stripe.sign(evt, {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    const good = await stripe.sign(evt);
    for (
      const [payload, signature] of [
        [wrong.payload, wrong.signature],
        [stale.payload, stale.signature],
        [good.payload.replace("acct_1", "acct_2"), good.signature],
      ]
    ) {
      await expect(
        provider.parseWebhook(
          payload,
          new Headers({ "stripe-signature": signature }),
        ),
      ).rejects.toBeInstanceOf(WebhookVerificationError);
    }
    await expect(provider.parseWebhook(good.payload, new Headers())).rejects
      .toBeInstanceOf(WebhookVerificationError);
    expect(
      await provider.parseWebhook(
        good.payload,
        new Headers({ "stripe-signature": good.signature }),
      ),
    ).toMatchObject({
      type: "payout_account_updated",
      accountId: "acct_1",
      payoutsEnabled: true,
    });
    // Types we do not use are acknowledged and ignored.
    const other = await stripe.sign(
      stripe.event("customer.created", { id: "cus_1" }),
    );
    expect(
      await provider.parseWebhook(
        other.payload,
        new Headers({ "stripe-signature": other.signature }),
      ),
    ).toBeNull();
  } finally {
    await stripe.close();
  }
});

Deno.test("a Stripe refund moves the ledger only when its webhook says it succeeded", async () => {
  using kv = await openTestKv();
  const { stripe, provider } = setUp();
  try {
    const learner = await createLearner(kv);
    const { topUp } = await startTopUp(kv, provider, {
      learner,
      request: { packId: "usd-50" },
      baseUrl: BASE_URL,
      meta: META,
    });
    const sessionId = (await getOwnTopUp(kv, learner.id, topUp.id)).checkoutId!;
    const paid = await stripe.sign(stripe.completeSession(sessionId));
    await applyPaymentEvent(
      kv,
      (await provider.parseWebhook(
        paid.payload,
        new Headers({ "stripe-signature": paid.signature }),
      ))!,
    );
    const pending = await requestRefund(kv, provider, learner.id, topUp.id);
    expect(pending.refund?.status).toBe("pending");
    expect(await getWalletBalances(kv, learner.id)).toEqual([
      { currency: "USD", availableMinor: 0, frozenMinor: 5_000 },
    ]);
    const [refund] = stripe.refunds;
    expect(stripe.requests.at(-1)?.idempotencyKey).toMatch(/^refund:/);
    const done = await stripe.sign(
      stripe.event("refund.updated", { ...refund, status: "succeeded" }),
    );
    await applyPaymentEvent(
      kv,
      (await provider.parseWebhook(
        done.payload,
        new Headers({ "stripe-signature": done.signature }),
      ))!,
    );
    expect((await getOwnTopUp(kv, learner.id, topUp.id)).status).toBe(
      "refunded",
    );
    expect(await getWalletBalances(kv, learner.id)).toEqual([
      { currency: "USD", availableMinor: 0, frozenMinor: 0 },
    ]);
    await assertBooksBalance(kv);
  } finally {
    await stripe.close();
  }
});

Deno.test("Stripe's refusals reach the caller as plain messages", async () => {
  const { stripe, provider } = setUp();
  try {
    const error = await provider.transfer({
      withdrawalId: "w1",
      accountId: "acct_missing",
      amountMinor: 100,
      currency: "USD",
      idempotencyKey: "w1",
    }).catch((e) => e);
    expect(error).toBeInstanceOf(PaymentProviderError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/No such destination/);
  } finally {
    await stripe.close();
  }
});

/**
 * Stripe end to end over HTTP: the app configured with Stripe keys talks to
 * a local server speaking Stripe's API through the real SDK, and Stripe's
 * webhooks, signed with the SDK's test helper, arrive at
 * POST /api/payments/stripe/webhook: valid, wrong secret, stale, replayed
 * and out of order.
 */
import { expect } from "expect";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";
import { startStripeStandIn } from "@/tests/support/stripe_server.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import { checkApiAnswers } from "./contract.ts";

async function stripeApp() {
  const stripe = startStripeStandIn();
  const app = checkApiAnswers(
    await createAuthTestApp({
      env: {
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
        STRIPE_API_BASE: stripe.url,
      },
    }),
  );
  return { stripe, app };
}

Deno.test("a Stripe Checkout payment is credited exactly once, whatever the webhook does", async () => {
  const { stripe, app } = await stripeApp();
  await using _app = app;
  try {
    const learner = await signUp(app, "learner");
    const started = await learner.api("POST", "/api/wallet/top-ups", {
      packId: "gbp-100",
    });
    expect(started.status).toBe(201);
    expect(started.body.checkoutUrl).toMatch(
      /^https:\/\/checkout\.stripe\.test\//,
    );
    const [session] = stripe.sessions.values();
    expect(session).toMatchObject({
      client_reference_id: started.body.topUp.id,
      metadata: { topUpId: started.body.topUp.id },
      currency: "gbp",
      amount_total: 10_000,
    });

    const webhook = (payload: string, signature: string) =>
      app.client().request("/api/payments/stripe/webhook", {
        method: "POST",
        body: payload,
        headers: {
          "content-type": "application/json",
          "stripe-signature": signature,
        },
      });

    const completed = stripe.completeSession(session.id);
    const signed = await stripe.sign(completed);
    // Tampered, wrong secret, stale: refused, nothing credited.
    const wrong = await stripe.sign(completed, {
      secret: "whsec_someone_else",
    });
    const stale = await stripe.sign(completed, {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    for (
      const [payload, signature] of [
        [signed.payload.replace('"paid"', '"unpaid"'), signed.signature],
        [wrong.payload, wrong.signature],
        [stale.payload, stale.signature],
        [signed.payload, ""],
      ]
    ) {
      const refused = await webhook(payload, signature);
      expect(refused.status).toBe(400);
      expect((await refused.json()).error).toBe("invalid_signature");
    }
    expect((await learner.api("GET", "/api/wallet")).body.balances).toEqual([]);

    // Delivered, then redelivered (Stripe retries), concurrently.
    const answers = await Promise.all(
      [1, 2, 3].map(() => webhook(signed.payload, signed.signature)),
    );
    const outcomes = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(outcomes.filter((o) => o.outcome === "applied")).toHaveLength(1);
    // An "expired" arriving afterwards changes nothing.
    const expired = await stripe.sign(
      stripe.event("checkout.session.expired", {
        ...session,
        status: "expired",
      }),
    );
    expect(
      (await (await webhook(expired.payload, expired.signature)).json())
        .outcome,
    )
      .toBe("ignored");

    expect((await learner.api("GET", "/api/wallet")).body.balances).toEqual([
      { currency: "GBP", availableMinor: 10_500, frozenMinor: 0 },
    ]);
    const topUp = await learner.api(
      "GET",
      `/api/wallet/top-ups/${started.body.topUp.id}`,
    );
    expect(topUp.body.topUp.status).toBe("paid");

    // Refund through the Refunds API; credited back only when Stripe confirms.
    const refund = await learner.api(
      "POST",
      `/api/wallet/top-ups/${started.body.topUp.id}/refund`,
    );
    expect(refund.status).toBe(202);
    expect(refund.body.topUp.refund.status).toBe("pending");
    const settled = await stripe.sign(
      stripe.event("refund.updated", {
        ...stripe.refunds[0],
        status: "succeeded",
      }),
    );
    expect(
      (await (await webhook(settled.payload, settled.signature)).json())
        .outcome,
    )
      .toBe("applied");
    expect(
      (await learner.api("GET", `/api/wallet/top-ups/${started.body.topUp.id}`))
        .body
        .topUp.status,
    ).toBe("refunded");
    // Events we do not use are acknowledged.
    const other = await stripe.sign(
      stripe.event("customer.created", { id: "cus_1" }),
    );
    expect(
      (await (await webhook(other.payload, other.signature)).json()).outcome,
    )
      .toBe("not_used");
    await assertBooksBalance(app.kv);
  } finally {
    await stripe.close();
  }
});

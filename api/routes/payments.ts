/**
 * Where the payment processor tells us what happened. Stripe's webhook is
 * verified from the raw body with the SDK (a wrong secret, a changed body
 * or a stale timestamp is a 400 and moves nothing), then applied once by
 * event id: repeated and out-of-order deliveries are safe (see
 * services/wallet/events.ts).
 */
import { z } from "zod";
import { publicAccess } from "@/auth/policy.ts";
import { applyPayoutAccountEvent } from "@/services/earnings/mod.ts";
import { applyPaymentEvent } from "@/services/wallet/mod.ts";
import { ApiError } from "@/api/errors.ts";
import type { ApiApp } from "@/api/http.ts";
import { defineRoute, errorDoc, json } from "@/api/route.ts";

const stripeWebhook = defineRoute({
  method: "post",
  path: "/payments/stripe/webhook",
  operationId: "stripeWebhook",
  summary: "Stripe's webhook endpoint",
  description:
    "Point a Stripe webhook (or `stripe listen --forward-to`) here, with the events checkout.session.completed, checkout.session.async_payment_succeeded, checkout.session.async_payment_failed, checkout.session.expired, refund.created, refund.updated, charge.dispute.created and account.updated. The body is Stripe's event JSON, verified against the Stripe-Signature header.",
  "x-access": publicAccess,
  responses: {
    200: json(
      "Received; `outcome` says what it changed.",
      z.object({
        received: z.literal(true),
        outcome: z.enum([
          "applied",
          "duplicate",
          "ignored",
          "unknown_top_up",
          "not_used",
        ]),
      }),
    ),
    400: errorDoc(
      "The signature does not verify (error: invalid_signature); nothing was applied.",
    ),
    404: errorDoc(
      "Stripe is not configured on this server (error: not_found).",
    ),
  },
});

/** Defines /api/payments/* on `api`. */
export function paymentRoutes(api: ApiApp): void {
  api.openapi(stripeWebhook, async (c) => {
    const provider = c.env.state.providers.payments;
    if (provider.name !== "stripe") {
      throw new ApiError(
        404,
        "not_found",
        "Stripe is not configured on this server.",
      );
    }
    const event = await provider.parseWebhook(
      await c.req.text(),
      c.req.raw.headers,
    );
    if (event === null) {
      return c.json(
        { received: true as const, outcome: "not_used" as const },
        200,
      );
    }
    const outcome = event.type === "payout_account_updated"
      ? await applyPayoutAccountEvent(c.env.kv, event)
      : await applyPaymentEvent(c.env.kv, event);
    return c.json({ received: true as const, outcome }, 200);
  });
}

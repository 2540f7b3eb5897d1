/**
 * What TapTime asks of a payment processor, and what it hears back.
 *
 * Every processor (the built-in simulated one, Stripe) sits behind
 * `PaymentProvider`. What a processor tells us arrives as a
 * `PaymentEvent` with the processor's own event id: webhooks and the
 * simulated checkout produce the same events, and the wallet applies them
 * through one code path, deduplicated by that id, so a payment is credited
 * exactly once however often and in whatever order its events arrive.
 */
import { z } from "zod";
import { currencySchema } from "@/services/platform/money.ts";

export const PAYMENT_EVENT_TYPES = [
  /** The checkout was paid (synchronously, or an async method settled). */
  "checkout_paid",
  /** The checkout finished but the money is still on its way (bank debits). */
  "checkout_processing",
  /** The payment failed or the checkout expired; nothing was charged. */
  "checkout_failed",
  "refund_succeeded",
  "refund_failed",
  /** The cardholder disputed the charge with their bank. */
  "dispute_opened",
  /** A connected payout account changed (onboarding finished, payouts enabled). */
  "payout_account_updated",
] as const;
export type PaymentEventType = typeof PAYMENT_EVENT_TYPES[number];

export const paymentEventSchema = z.object({
  /** The processor's event id: the deduplication key. */
  id: z.string().min(1).max(255),
  type: z.enum(PAYMENT_EVENT_TYPES),
  provider: z.enum(["simulated", "stripe"]),
  /** Our top-up id, from the checkout's metadata. */
  topUpId: z.string().max(64).optional(),
  /** The processor's id for the checkout session. */
  checkoutId: z.string().max(255).optional(),
  /** The processor's id for the payment (charge / payment intent). */
  paymentRef: z.string().max(255).optional(),
  refundId: z.string().max(255).optional(),
  /** The connected account, for payout account events. */
  accountId: z.string().max(255).optional(),
  payoutsEnabled: z.boolean().optional(),
  amountMinor: z.number().int().nonnegative().optional(),
  taxMinor: z.number().int().nonnegative().optional(),
  currency: currencySchema.optional(),
  /** Why a payment failed, in words a learner can act on. */
  reason: z.string().max(500).optional(),
});
export type PaymentEvent = z.infer<typeof paymentEventSchema>;

export interface CheckoutRequest {
  topUpId: string;
  learnerId: string;
  email: string;
  currency: string;
  amountMinor: number;
  /** What the learner buys, e.g. "100.00 USD in TapTime credits". */
  description: string;
  successUrl: string;
  cancelUrl: string;
  /** Let the processor compute and add tax (Stripe Tax). */
  automaticTax: boolean;
}

export interface Checkout {
  /** The processor's checkout session id. */
  id: string;
  /** Where to send the learner to pay. */
  url: string;
}

export interface RefundRequest {
  topUpId: string;
  paymentRef: string;
  amountMinor: number;
  currency: string;
  /** The same key never refunds twice at the processor. */
  idempotencyKey: string;
}

export interface Refund {
  id: string;
  /** Events that already settled the refund (the simulated processor settles at once). */
  events: PaymentEvent[];
}

export interface PayoutAccountLink {
  accountId: string;
  /** Where the expert completes onboarding at the processor. */
  url: string;
}

export interface TransferRequest {
  withdrawalId: string;
  accountId: string;
  amountMinor: number;
  currency: string;
  idempotencyKey: string;
}

/** One payment processor. */
export interface PaymentProvider {
  readonly name: "simulated" | "stripe";
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  refund(request: RefundRequest): Promise<Refund>;
  /**
   * Verifies a webhook from its raw body and headers and turns it into our
   * event, or null for event types we do not use. Throws
   * `WebhookVerificationError` when the signature does not hold.
   */
  parseWebhook(rawBody: string, headers: Headers): Promise<PaymentEvent | null>;
  /** Sends `amountMinor` to a connected payout account; returns the transfer id. */
  transfer(request: TransferRequest): Promise<string>;
}

/** A webhook whose signature, secret or timestamp did not check out. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WebhookVerificationError";
  }
}

/** The processor refused or failed a request; `message` is safe to show. */
export class PaymentProviderError extends Error {
  constructor(message: string, readonly status = 502) {
    super(message);
    this.name = "PaymentProviderError";
  }
}

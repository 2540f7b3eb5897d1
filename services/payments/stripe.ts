/**
 * Stripe as the payment processor, through the official `stripe` SDK:
 * Checkout Sessions for top-ups, the Refunds API, Connect Express accounts
 * and transfers for payouts, and webhooks verified from the raw body with
 * the SDK's async (WebCrypto) verifier.
 *
 * Stripe's events are translated into our `PaymentEvent`s here and nowhere
 * else; events we do not use are acknowledged and ignored.
 */
import Stripe from "stripe";
import {
  type Checkout,
  type CheckoutRequest,
  type PaymentEvent,
  type PaymentProvider,
  PaymentProviderError,
  type PayoutAccountLink,
  type Refund,
  type RefundRequest,
  type TransferRequest,
  WebhookVerificationError,
} from "./model.ts";

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** Let Stripe Tax compute tax on top-ups. */
  automaticTax: boolean;
  /** Another API origin (tests point this at a local server speaking Stripe's API). */
  apiBase?: string;
}

/** Stripe's provider, plus the Connect calls the payout flow uses. */
export interface StripeProvider extends PaymentProvider {
  readonly name: "stripe";
  createPayoutAccount(email: string): Promise<string>;
  createOnboardingLink(
    accountId: string,
    urls: { returnUrl: string; refreshUrl: string },
  ): Promise<PayoutAccountLink>;
}

/** How long a webhook's signature stays valid: Stripe's own default. */
const WEBHOOK_TOLERANCE_SECONDS = 300;

function clientFor(settings: StripeSettings): Stripe {
  const options: Stripe.StripeConfig = {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "TapTime" },
  };
  if (settings.apiBase) {
    const base = new URL(settings.apiBase);
    options.host = base.hostname;
    options.port = Number(base.port || (base.protocol === "https:" ? 443 : 80));
    options.protocol = base.protocol === "https:" ? "https" : "http";
  }
  return new Stripe(settings.secretKey, options);
}

function providerError(error: unknown): PaymentProviderError {
  if (error instanceof Stripe.errors.StripeError) {
    // Card and request errors carry messages meant for people.
    const status = error.statusCode && error.statusCode < 500 ? 400 : 502;
    return new PaymentProviderError(
      status === 400 && error.message
        ? error.message
        : "The payment service is not answering; try again in a moment.",
      status,
    );
  }
  return new PaymentProviderError(
    "The payment service is not answering; try again in a moment.",
  );
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw providerError(error);
  }
}

const upper = (currency: string | null | undefined) =>
  currency ? currency.toUpperCase() as PaymentEvent["currency"] : undefined;

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === "string" ? value : value?.id;

/** Our event for a Stripe event, or null when we do not act on its type. */
export function translateStripeEvent(event: Stripe.Event): PaymentEvent | null {
  const base = { id: event.id, provider: "stripe" as const };
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired": {
      const session = event.data.object;
      const topUpId = session.metadata?.topUpId ??
        session.client_reference_id ?? undefined;
      const common = {
        ...base,
        topUpId,
        checkoutId: session.id,
        paymentRef: idOf(session.payment_intent),
        amountMinor: session.amount_subtotal ?? session.amount_total ??
          undefined,
        taxMinor: session.total_details?.amount_tax ?? 0,
        currency: upper(session.currency),
      };
      if (event.type === "checkout.session.async_payment_failed") {
        return {
          ...common,
          type: "checkout_failed",
          reason: "Your bank declined the payment.",
        };
      }
      if (event.type === "checkout.session.expired") {
        return {
          ...common,
          type: "checkout_failed",
          reason: "The checkout expired before payment.",
        };
      }
      if (event.type === "checkout.session.async_payment_succeeded") {
        return { ...common, type: "checkout_paid" };
      }
      return {
        ...common,
        type: session.payment_status === "unpaid"
          ? "checkout_processing"
          : "checkout_paid",
      };
    }
    case "refund.created":
    case "refund.updated": {
      const refund = event.data.object;
      if (
        refund.status !== "succeeded" && refund.status !== "failed" &&
        refund.status !== "canceled"
      ) {
        return null;
      }
      return {
        ...base,
        type: refund.status === "succeeded"
          ? "refund_succeeded"
          : "refund_failed",
        topUpId: refund.metadata?.topUpId,
        paymentRef: idOf(refund.payment_intent),
        refundId: refund.id,
        amountMinor: refund.amount,
        currency: upper(refund.currency),
      };
    }
    case "charge.dispute.created": {
      const dispute = event.data.object;
      return {
        ...base,
        type: "dispute_opened",
        paymentRef: idOf(dispute.payment_intent),
        amountMinor: dispute.amount,
        currency: upper(dispute.currency),
      };
    }
    case "account.updated": {
      const account = event.data.object;
      return {
        ...base,
        type: "payout_account_updated",
        accountId: account.id,
        payoutsEnabled: account.payouts_enabled ?? false,
      };
    }
    default:
      return null;
  }
}

export function createStripeProvider(settings: StripeSettings): StripeProvider {
  const stripe = clientFor(settings);
  const crypto = Stripe.createSubtleCryptoProvider();
  return {
    name: "stripe",
    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      const session = await call(() =>
        stripe.checkout.sessions.create({
          mode: "payment",
          line_items: [{
            quantity: 1,
            price_data: {
              currency: request.currency.toLowerCase(),
              unit_amount: request.amountMinor,
              product_data: { name: request.description },
              tax_behavior: "exclusive",
            },
          }],
          client_reference_id: request.topUpId,
          customer_email: request.email,
          metadata: { topUpId: request.topUpId, learnerId: request.learnerId },
          payment_intent_data: { metadata: { topUpId: request.topUpId } },
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          automatic_tax: {
            enabled: settings.automaticTax || request.automaticTax,
          },
        }, { idempotencyKey: `checkout:${request.topUpId}` })
      );
      if (!session.url) {
        throw new PaymentProviderError(
          "The payment service did not open a checkout.",
        );
      }
      return { id: session.id, url: session.url };
    },
    async refund(request: RefundRequest): Promise<Refund> {
      const refund = await call(() =>
        stripe.refunds.create({
          payment_intent: request.paymentRef,
          amount: request.amountMinor,
          metadata: { topUpId: request.topUpId },
        }, { idempotencyKey: request.idempotencyKey })
      );
      // The refund settles through its webhook, like every other movement.
      return { id: refund.id, events: [] };
    },
    async parseWebhook(rawBody: string, headers: Headers) {
      const signature = headers.get("stripe-signature");
      if (!signature) {
        throw new WebhookVerificationError(
          "The Stripe-Signature header is missing.",
        );
      }
      let event: Stripe.Event;
      try {
        event = await stripe.webhooks.constructEventAsync(
          rawBody,
          signature,
          settings.webhookSecret,
          WEBHOOK_TOLERANCE_SECONDS,
          crypto,
        );
      } catch (error) {
        throw new WebhookVerificationError(
          error instanceof Error
            ? error.message
            : "The signature does not match.",
        );
      }
      return translateStripeEvent(event);
    },
    async transfer(request: TransferRequest): Promise<string> {
      const transfer = await call(() =>
        stripe.transfers.create({
          amount: request.amountMinor,
          currency: request.currency.toLowerCase(),
          destination: request.accountId,
          metadata: { withdrawalId: request.withdrawalId },
        }, { idempotencyKey: request.idempotencyKey })
      );
      return transfer.id;
    },
    async createPayoutAccount(email: string): Promise<string> {
      const account = await call(() =>
        stripe.accounts.create({
          type: "express",
          email,
          capabilities: { transfers: { requested: true } },
        })
      );
      return account.id;
    },
    async createOnboardingLink(accountId, urls) {
      const link = await call(() =>
        stripe.accountLinks.create({
          account: accountId,
          type: "account_onboarding",
          return_url: urls.returnUrl,
          refresh_url: urls.refreshUrl,
        })
      );
      return { accountId, url: link.url };
    },
  };
}

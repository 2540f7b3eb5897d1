/**
 * The built-in payment processor, so a fresh clone can take payments with
 * no account anywhere: a local checkout page (`/pay/<id>`) that behaves like
 * a test-mode card form. It is never used in production (configuration
 * refuses to start there without real keys): it hands out credits for
 * made-up card numbers.
 *
 * Test cards, as in Stripe's test mode:
 *   4242 4242 4242 4242   succeeds
 *   4000 0000 0000 0002   is declined
 *   4000 0000 0000 9995   fails for insufficient funds
 *
 * KV keys
 *   ["sim_checkouts", checkoutId] → SimulatedCheckout
 *
 * A payment produces the same `PaymentEvent` a Stripe webhook would, with an
 * event id of its own, and the caller applies it through the wallet's one
 * event path.
 */
import { z } from "zod";
import {
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import { now } from "@/services/platform/clock.ts";
import {
  type Checkout,
  type CheckoutRequest,
  type PaymentEvent,
  type PaymentProvider,
  type Refund,
  type RefundRequest,
  type TransferRequest,
  WebhookVerificationError,
} from "./model.ts";

const CHECKOUTS = "sim_checkouts";
/** Stripe's hosted checkout expires after a day; so does ours. */
const CHECKOUT_LIFETIME_MS = 24 * 60 * 60 * 1000;

export interface SimulatedCheckout {
  id: string;
  topUpId: string;
  amountMinor: number;
  currency: string;
  description: string;
  successUrl: string;
  cancelUrl: string;
  status: "open" | "paid";
  createdAt: string;
  expiresAt: string;
  /** The last decline, shown on the page when the learner tries again. */
  lastError: string | null;
}

/** The outcome of a test card, keyed by its digits. */
const TEST_CARDS: Record<string, { ok: true } | { ok: false; reason: string }> =
  {
    "4242424242424242": { ok: true },
    "4000000000000002": { ok: false, reason: "Your card was declined." },
    "4000000000009995": {
      ok: false,
      reason: "Your card has insufficient funds.",
    },
  };

export const cardFormSchema = z.object({
  card: z.string().trim().max(40).transform((value) =>
    value.replace(/[\s-]/g, "")
  )
    .pipe(
      z.string().regex(
        /^\d{12,19}$/,
        "Enter the card number: 12 to 19 digits.",
      ),
    ),
});

/** True when `digits` passes the Luhn checksum every card number carries. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function getSimulatedCheckout(
  kv: Deno.Kv,
  id: string,
): Promise<SimulatedCheckout | null> {
  if (!/^cs_sim_[0-9A-Z]{26}$/.test(id)) return Promise.resolve(null);
  return kv.get<SimulatedCheckout>([CHECKOUTS, id]).then((entry) =>
    entry.value
  );
}

/**
 * Pays the checkout `id` with a test card. Returns the event to apply and
 * where to send the learner; a malformed or unknown card number is a
 * ValidationError and changes nothing.
 */
export async function payWithTestCard(
  kv: Deno.Kv,
  id: string,
  form: unknown,
): Promise<{ event: PaymentEvent; redirectTo: string | null }> {
  const { card } = parseInput(cardFormSchema, form, "Check the card number.");
  if (!passesLuhn(card)) {
    throw new ValidationError("Check the card number.", {
      card: ["That card number is not valid. Check the digits."],
    });
  }
  const outcome = TEST_CARDS[card];
  if (!outcome) {
    throw new ValidationError("Check the card number.", {
      card: [
        "This is a test checkout: use 4242 4242 4242 4242 (succeeds), 4000 0000 0000 0002 (declined) or 4000 0000 0000 9995 (insufficient funds).",
      ],
    });
  }
  return await withLockRetry(async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      const entry = await kv.get<SimulatedCheckout>([CHECKOUTS, id]);
      const checkout = entry.value;
      if (!checkout) throw new NotFoundError("This checkout does not exist.");
      if (checkout.status === "paid") {
        throw new ValidationError("This checkout is already paid.", {
          card: ["This checkout is already paid; nothing more was charged."],
        });
      }
      if (new Date(checkout.expiresAt) <= now()) {
        throw new ValidationError("This checkout has expired.", {
          card: ["This checkout has expired. Start a new top-up."],
        });
      }
      const next: SimulatedCheckout = outcome.ok
        ? { ...checkout, status: "paid", lastError: null }
        : { ...checkout, lastError: outcome.reason };
      const committed = await kv.atomic()
        .check(entry)
        .set([CHECKOUTS, id], next)
        .commit();
      if (!committed.ok) continue;
      const event: PaymentEvent = {
        id: `evt_sim_${newId()}`,
        type: outcome.ok ? "checkout_paid" : "checkout_failed",
        provider: "simulated",
        topUpId: checkout.topUpId,
        checkoutId: checkout.id,
        paymentRef: `pi_sim_${checkout.id.slice("cs_sim_".length)}`,
        amountMinor: checkout.amountMinor,
        taxMinor: 0,
        currency: checkout.currency as PaymentEvent["currency"],
        ...(outcome.ok ? {} : { reason: outcome.reason }),
      };
      return { event, redirectTo: outcome.ok ? checkout.successUrl : null };
    }
    throw new ValidationError("The checkout is busy; try again.", {});
  });
}

/** The simulated processor, for one database. */
/** The simulated processor: the interface, and nothing more. */
export type SimulatedProvider = PaymentProvider & {
  readonly name: "simulated";
};

export function createSimulatedProvider(kv: Deno.Kv): SimulatedProvider {
  return {
    name: "simulated",
    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      const id = `cs_sim_${newId()}`;
      const created = now();
      const checkout: SimulatedCheckout = {
        id,
        topUpId: request.topUpId,
        amountMinor: request.amountMinor,
        currency: request.currency,
        description: request.description,
        successUrl: request.successUrl,
        cancelUrl: request.cancelUrl,
        status: "open",
        createdAt: created.toISOString(),
        expiresAt: new Date(created.getTime() + CHECKOUT_LIFETIME_MS)
          .toISOString(),
        lastError: null,
      };
      await withLockRetry(() => kv.set([CHECKOUTS, id], checkout));
      return { id, url: `${new URL(request.successUrl).origin}/pay/${id}` };
    },
    refund(request: RefundRequest): Promise<Refund> {
      const id = `re_sim_${newId()}`;
      return Promise.resolve({
        id,
        events: [{
          id: `evt_sim_${newId()}`,
          type: "refund_succeeded",
          provider: "simulated",
          topUpId: request.topUpId,
          paymentRef: request.paymentRef,
          refundId: id,
          amountMinor: request.amountMinor,
          currency: request.currency as PaymentEvent["currency"],
        }],
      });
    },
    parseWebhook(): Promise<PaymentEvent | null> {
      return Promise.reject(
        new WebhookVerificationError(
          "The simulated processor sends no webhooks.",
        ),
      );
    },
    transfer(request: TransferRequest): Promise<string> {
      return Promise.resolve(`tr_sim_${request.withdrawalId}`);
    },
  };
}

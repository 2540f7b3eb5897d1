/**
 * Applying what a payment processor reports. Every event goes through
 * `applyPaymentEvent`, whether it came from a Stripe webhook or from the
 * simulated checkout, and is applied at most once: its id is marked in the
 * same atomic operation as its effect. Events are also safe in any order: a
 * late "failed" never undoes a payment, a repeated "paid" finds the top-up
 * already paid, and a "paid" after a decline (the learner tried another
 * card) still credits the money that was taken.
 */
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { parseInput } from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import { now } from "@/services/platform/clock.ts";
import {
  backOff,
  frozenAccount,
  getBalance,
  type PostingInput,
  preparePostings,
  processorAccount,
  PROMOTIONS,
  walletAccount,
} from "@/services/ledger/mod.ts";
import {
  type PaymentEvent,
  paymentEventSchema,
} from "@/services/payments/mod.ts";
import type { TopUp } from "./model.ts";
import {
  eventKey,
  findTopUpByPayment,
  readTopUp,
  writeTopUp,
} from "./store.ts";
import { sendTopUpReceipt } from "./emails.ts";

export type EventOutcome =
  | "applied"
  | "duplicate"
  | "ignored"
  | "unknown_top_up";

const SYSTEM = { ip: "processor", userAgent: "payment webhook" };

function creditPostings(topUp: TopUp): PostingInput[] {
  const refs = { topUpId: topUp.id, userId: topUp.learnerId };
  const postings: PostingInput[] = [{
    idempotencyKey: `topup:${topUp.id}:credit`,
    currency: topUp.currency,
    kind: "top_up",
    lines: [
      {
        account: processorAccount(topUp.provider),
        amountMinor: -topUp.amountMinor,
      },
      {
        account: walletAccount(topUp.learnerId),
        amountMinor: topUp.amountMinor,
      },
    ],
    refs,
  }];
  if (topUp.bonusMinor > 0) {
    postings.push({
      idempotencyKey: `topup:${topUp.id}:bonus`,
      currency: topUp.currency,
      kind: "top_up_bonus",
      lines: [
        { account: PROMOTIONS, amountMinor: -topUp.bonusMinor },
        {
          account: walletAccount(topUp.learnerId),
          amountMinor: topUp.bonusMinor,
        },
      ],
      refs,
    });
  }
  return postings;
}

/** What an event changes: the top-up's next state and the money it moves. */
async function effectOf(
  kv: Deno.Kv,
  topUp: TopUp,
  event: PaymentEvent,
): Promise<
  { next: TopUp; postings: PostingInput[]; disputed?: number } | null
> {
  const refs = { topUpId: topUp.id, userId: topUp.learnerId };
  switch (event.type) {
    case "checkout_paid":
      if (topUp.status !== "pending" && topUp.status !== "failed") return null;
      return {
        next: {
          ...topUp,
          status: "paid",
          paidAt: now().toISOString(),
          paymentRef: event.paymentRef ?? topUp.paymentRef,
          taxMinor: event.taxMinor ?? 0,
          failureReason: null,
        },
        postings: creditPostings(topUp),
      };
    case "checkout_failed":
      // A second decline updates the reason the learner sees.
      if (topUp.status !== "pending" && topUp.status !== "failed") return null;
      return {
        next: {
          ...topUp,
          status: "failed",
          failureReason: event.reason ?? "The payment did not go through.",
        },
        postings: [],
      };
    case "refund_succeeded": {
      const refund = topUp.refund;
      if (!refund || refund.status !== "pending") return null;
      const postings: PostingInput[] = [{
        idempotencyKey: `topup:${topUp.id}:refund:${refund.requestedAt}`,
        currency: topUp.currency,
        kind: "top_up_refund",
        lines: [
          {
            account: frozenAccount(topUp.learnerId),
            amountMinor: -refund.amountMinor,
          },
          {
            account: processorAccount(topUp.provider),
            amountMinor: refund.amountMinor,
          },
        ],
        refs,
      }];
      if (refund.bonusMinor > 0) {
        postings.push({
          idempotencyKey:
            `topup:${topUp.id}:refund_bonus:${refund.requestedAt}`,
          currency: topUp.currency,
          kind: "top_up_refund",
          lines: [
            {
              account: frozenAccount(topUp.learnerId),
              amountMinor: -refund.bonusMinor,
            },
            { account: PROMOTIONS, amountMinor: refund.bonusMinor },
          ],
          refs,
        });
      }
      return {
        next: {
          ...topUp,
          status: "refunded",
          refund: {
            ...refund,
            id: event.refundId ?? refund.id,
            status: "succeeded",
          },
        },
        postings,
      };
    }
    case "refund_failed": {
      const refund = topUp.refund;
      if (!refund || refund.status !== "pending") return null;
      const total = refund.amountMinor + refund.bonusMinor;
      return {
        next: { ...topUp, refund: { ...refund, status: "failed" } },
        postings: [{
          idempotencyKey:
            `topup:${topUp.id}:refund_returned:${refund.requestedAt}`,
          currency: topUp.currency,
          kind: "unfreeze",
          lines: [
            { account: frozenAccount(topUp.learnerId), amountMinor: -total },
            { account: walletAccount(topUp.learnerId), amountMinor: total },
          ],
          refs,
          memo: "Back from a refund to the card that failed",
        }],
      };
    }
    case "dispute_opened": {
      if (topUp.disputed) return null;
      const available = await getBalance(
        kv,
        walletAccount(topUp.learnerId),
        topUp.currency,
      );
      const frozen = Math.min(
        available,
        event.amountMinor ?? topUp.amountMinor,
      );
      return {
        next: { ...topUp, disputed: true },
        disputed: frozen,
        postings: frozen > 0
          ? [{
            idempotencyKey: `topup:${topUp.id}:dispute_freeze`,
            currency: topUp.currency,
            kind: "freeze",
            lines: [
              { account: walletAccount(topUp.learnerId), amountMinor: -frozen },
              { account: frozenAccount(topUp.learnerId), amountMinor: frozen },
            ],
            refs,
            memo: "Held while the card payment is disputed",
          }]
          : [],
      };
    }
    default:
      return null;
  }
}

/**
 * Applies one processor event. Returns what happened: `applied`,
 * `duplicate` (this event id was applied before), `ignored` (nothing to do
 * in the top-up's state, e.g. a repeat of a payment) or `unknown_top_up`.
 */
export async function applyPaymentEvent(
  kv: Deno.Kv,
  input: PaymentEvent,
): Promise<EventOutcome> {
  const event = parseInput(
    paymentEventSchema,
    input,
    "The payment event is invalid.",
  );
  for (let attempt = 1; attempt <= 30; attempt++) {
    const outcome = await withLockRetry(async () => {
      const mark = await kv.get(eventKey(event.id));
      if (mark.versionstamp !== null) return "duplicate" as const;
      const topUpId = event.topUpId ??
        (event.paymentRef
          ? await findTopUpByPayment(kv, event.paymentRef)
          : null);
      const entry = topUpId ? await readTopUp(kv, topUpId) : null;
      const op = kv.atomic().check(mark).set(eventKey(event.id), {
        type: event.type,
        topUpId: topUpId ?? null,
        at: now().toISOString(),
      });
      if (!entry?.value) {
        return (await op.commit()).ok ? "unknown_top_up" as const : null;
      }
      const topUp = entry.value;
      const effect = await effectOf(kv, topUp, event);
      if (!effect) return (await op.commit()).ok ? "ignored" as const : null;
      op.check(entry);
      writeTopUp(op, effect.next, topUp);
      const prepared = await preparePostings(kv, effect.postings);
      prepared.addTo(op);
      if (event.type === "dispute_opened") {
        addSecurityEvent(op, {
          type: "payment_disputed",
          actorId: null,
          userId: topUp.learnerId,
          details: {
            topUpId: topUp.id,
            frozenMinor: String(effect.disputed ?? 0),
          },
        }, SYSTEM);
      }
      if (!(await op.commit()).ok) return null;
      if (event.type === "checkout_paid") {
        await sendTopUpReceipt(kv, effect.next);
      }
      return "applied" as const;
    });
    if (outcome) return outcome;
    await backOff(attempt);
  }
  throw new Error(
    `Payment event ${event.id} could not be applied: too much contention.`,
  );
}

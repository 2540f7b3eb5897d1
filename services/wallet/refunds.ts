/**
 * Sending unused credits back to the card. A learner may ask within the
 * refund window for what is left of a top-up (at most what it paid; the
 * bonus that came with it goes back to promotions). The credits are frozen
 * while the processor works, so they cannot be spent twice, and leave the
 * ledger only when the processor confirms the refund (events.ts); a failed
 * refund unfreezes them.
 */
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import { now } from "@/services/platform/clock.ts";
import { formatMoney } from "@/services/platform/money.ts";
import {
  backOff,
  frozenAccount,
  getBalance,
  preparePostings,
  walletAccount,
} from "@/services/ledger/mod.ts";
import type { PaymentProvider } from "@/services/payments/mod.ts";
import { getSettings } from "@/services/settings/mod.ts";
import type { TopUp } from "./model.ts";
import { readTopUp, writeTopUp } from "./store.ts";
import { applyPaymentEvent } from "./events.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

function refusal(message: string): ValidationError {
  return new ValidationError(message, { topUp: [message] });
}

/** Freezes the refundable credits and marks the refund pending, in one commit. */
async function holdRefund(
  kv: Deno.Kv,
  learnerId: string,
  topUpId: string,
  windowDays: number,
): Promise<TopUp> {
  for (let attempt = 1; attempt <= 30; attempt++) {
    const held = await withLockRetry(async () => {
      const entry = await readTopUp(kv, topUpId);
      const topUp = entry.value;
      if (!topUp || topUp.learnerId !== learnerId) {
        throw new NotFoundError("There is no such top-up.");
      }
      if (topUp.refund?.status === "pending") {
        throw new ConflictError(
          "A refund of this top-up is already on its way.",
        );
      }
      if (topUp.status === "refunded") {
        throw new ConflictError("This top-up has already been refunded.");
      }
      if (topUp.status !== "paid" || !topUp.paidAt) {
        throw refusal("Only a paid top-up can be refunded.");
      }
      if (topUp.disputed) {
        throw refusal(
          "This payment is disputed with your bank; the dispute decides what is returned.",
        );
      }
      if (
        now().getTime() - new Date(topUp.paidAt).getTime() > windowDays * DAY_MS
      ) {
        throw refusal(
          `Top-ups can be refunded within ${windowDays} days of payment.`,
        );
      }
      const balance = await getBalance(
        kv,
        walletAccount(learnerId),
        topUp.currency,
      );
      const amountMinor = Math.min(topUp.amountMinor, balance);
      if (amountMinor <= 0) {
        throw refusal(
          `You have no unused ${topUp.currency} credits left to refund (balance ${
            formatMoney({
              amountMinor: Math.max(balance, 0),
              currency: topUp.currency,
            })
          }).`,
        );
      }
      const bonusMinor = Math.min(topUp.bonusMinor, balance - amountMinor);
      const requestedAt = now().toISOString();
      const next: TopUp = {
        ...topUp,
        refund: {
          id: null,
          amountMinor,
          bonusMinor,
          status: "pending",
          requestedAt,
        },
      };
      const prepared = await preparePostings(kv, [{
        idempotencyKey: `topup:${topUp.id}:refund_hold:${requestedAt}`,
        currency: topUp.currency,
        kind: "freeze",
        lines: [
          {
            account: walletAccount(learnerId),
            amountMinor: -(amountMinor + bonusMinor),
          },
          {
            account: frozenAccount(learnerId),
            amountMinor: amountMinor + bonusMinor,
          },
        ],
        refs: { topUpId: topUp.id, userId: learnerId },
        memo: "Held for a refund to the card",
      }]);
      const op = kv.atomic().check(entry);
      writeTopUp(op, next, topUp);
      prepared.addTo(op);
      return (await op.commit()).ok ? next : null;
    });
    if (held) return held;
    await backOff(attempt);
  }
  throw new ConflictError(
    "Your wallet is busy; try the refund again in a moment.",
  );
}

/**
 * Asks the processor to refund what is left of a top-up. Returns the top-up
 * with its refund pending (or already refunded, with the simulated
 * processor). Someone else's top-up is "not found"; a second refund is a
 * ConflictError.
 */
export async function requestRefund(
  kv: Deno.Kv,
  provider: PaymentProvider,
  learnerId: string,
  topUpId: string,
): Promise<TopUp> {
  const settings = await getSettings(kv);
  const held = await holdRefund(
    kv,
    learnerId,
    topUpId,
    settings.refundWindowDays,
  );
  const refund = held.refund!;
  try {
    const result = await provider.refund({
      topUpId: held.id,
      paymentRef: held.paymentRef ?? "",
      amountMinor: refund.amountMinor,
      currency: held.currency,
      idempotencyKey: `refund:${held.id}:${refund.requestedAt}`,
    });
    for (const event of result.events) await applyPaymentEvent(kv, event);
  } catch (error) {
    await applyPaymentEvent(kv, {
      id: `local_refund_failed:${held.id}:${refund.requestedAt}`,
      type: "refund_failed",
      provider: held.provider,
      topUpId: held.id,
      reason: "The payment service refused the refund.",
    });
    throw error;
  }
  return (await readTopUp(kv, held.id)).value!;
}

/**
 * Where payout accounts and withdrawals live in Deno KV.
 *
 * KV keys
 *   ["payout_accounts", expertId]                   → PayoutAccountRecord
 *   ["payout_accounts_by_stripe", stripeAccountId]  → expertId
 *   ["withdrawals", withdrawalId]                   → Withdrawal (ULID: time order)
 *   ["withdrawals_by_expert", expertId, id]         → id
 *   ["withdrawals_by_status", status, id]           → id   the admin queue
 *   ["withdrawals_open", expertId, currency]        → id   at most one open per currency
 *   ["withdrawals_paid_total", expertId, currency]  → KvU64 paid out so far
 */
import type { PayoutAccountRecord, Withdrawal } from "./model.ts";

export const ACCOUNTS = "payout_accounts";
export const ACCOUNTS_BY_STRIPE = "payout_accounts_by_stripe";
export const WITHDRAWALS = "withdrawals";
export const BY_EXPERT = "withdrawals_by_expert";
export const BY_STATUS = "withdrawals_by_status";
export const OPEN = "withdrawals_open";
export const PAID_TOTAL = "withdrawals_paid_total";

export const accountKey = (
  expertId: string,
): Deno.KvKey => [ACCOUNTS, expertId];
export const withdrawalKey = (id: string): Deno.KvKey => [WITHDRAWALS, id];
export const openKey = (expertId: string, currency: string): Deno.KvKey => [
  OPEN,
  expertId,
  currency,
];

export function readAccount(kv: Deno.Kv, expertId: string) {
  return kv.get<PayoutAccountRecord>(accountKey(expertId));
}

export function readWithdrawal(kv: Deno.Kv, id: string) {
  return kv.get<Withdrawal>(withdrawalKey(id));
}

/** Writes `next` (replacing `previous`) with its indexes into `op`. */
export function writeWithdrawal(
  op: Deno.AtomicOperation,
  next: Withdrawal,
  previous: Withdrawal | null,
): Deno.AtomicOperation {
  op.set(withdrawalKey(next.id), next);
  if (!previous) op.set([BY_EXPERT, next.expertId, next.id], next.id);
  if (previous && previous.status !== next.status) {
    op.delete([BY_STATUS, previous.status, next.id]);
  }
  op.set([BY_STATUS, next.status, next.id], next.id);
  if (next.status === "requested" || next.status === "approved") {
    op.set(openKey(next.expertId, next.currency), next.id);
  } else {
    op.delete(openKey(next.expertId, next.currency));
  }
  if (next.status === "paid" && previous?.status !== "paid") {
    op.sum(
      [PAID_TOTAL, next.expertId, next.currency],
      BigInt(next.amountMinor),
    );
  }
  return op;
}

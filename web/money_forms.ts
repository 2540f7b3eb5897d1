/**
 * What the money pages share: credits in words ("$120.00 in credits"),
 * amounts typed in major units, the words for top-up, withdrawal and
 * ledger states, how a money service's refusal becomes a notice or a
 * message beside a field, and the dates the admin filters start from.
 */
import {
  type Currency,
  formatAxisMoney,
  formatMoney,
  minorUnitExponent,
  SUPPORTED_CURRENCIES,
} from "@/services/platform/money.ts";
import { now } from "@/services/platform/clock.ts";
import { PaymentProviderError } from "@/services/payments/mod.ts";
import {
  type AccountKind,
  accountKind,
  accountOwner,
  type EntryKind,
} from "@/services/ledger/mod.ts";
import { type TopUp, TopUpLimitError } from "@/services/wallet/mod.ts";
import type { WithdrawalStatus } from "@/services/earnings/mod.ts";
import { bookingPeople } from "@/services/bookings/mod.ts";
import { formFailure } from "./form_failure.ts";
export { parseAmount } from "./amount_input.ts";

/** An amount of money in its currency: "$120.00". */
export function money(amountMinor: number, currency: string): string {
  return formatMoney({ amountMinor, currency: currency as Currency });
}

/** An amount on a chart's axis: "$150" when whole, "$51.50" when not. */
export function axisMoney(amountMinor: number, currency: string): string {
  return formatAxisMoney({ amountMinor, currency: currency as Currency });
}

/** A whole amount of major units (a setting, say) as money: 20 USD → "$20.00". */
export function majorMoney(major: number, currency: string): string {
  return money(major * 10 ** minorUnitExponent(currency), currency);
}

/** Credits as the UI always names them: "$120.00 in credits". */
export function credits(amountMinor: number, currency: string): string {
  return `${money(amountMinor, currency)} in credits`;
}

/** "+$50.00" / "−$5.00": a ledger line from its account's point of view. */
export function signedMoney(amountMinor: number, currency: string): string {
  const sign = amountMinor < 0 ? "−" : "+";
  return `${sign}${money(Math.abs(amountMinor), currency)}`;
}

/** True for one of the currencies TapTime handles. */
export function isCurrency(value: string): value is Currency {
  return (SUPPORTED_CURRENCIES as readonly string[]).includes(value);
}

/** Select options for `currencies` (every supported one by default). */
export function currencyOptions(
  currencies: readonly string[] = SUPPORTED_CURRENCIES,
): { value: string; label: string }[] {
  return currencies.map((currency) => ({ value: currency, label: currency }));
}

/** A top-up's state, in the learner's words. */
export function topUpStatusLabel(topUp: TopUp): string {
  if (topUp.disputed) return "Disputed";
  if (topUp.refund?.status === "pending") return "Refund on its way";
  switch (topUp.status) {
    case "pending":
      return "Waiting for payment";
    case "paid":
      return "Paid";
    case "failed":
      return "Payment failed";
    case "refunded":
      return "Refunded";
  }
}

export const WITHDRAWAL_STATUS_LABELS: Record<WithdrawalStatus, string> = {
  requested: "Waiting for approval",
  approved: "Being paid out",
  paid: "Paid out",
  rejected: "Rejected",
  failed: "Payout failed",
};

/** What a ledger entry was, in words for its owner and for admins. */
export const ENTRY_LABELS: Record<EntryKind, string> = {
  top_up: "Credits bought",
  top_up_bonus: "Bonus credits",
  top_up_refund: "Refunded to the card",
  booking_reserve: "Session booked",
  booking_refund: "Session refunded",
  booking_release: "Session paid to the expert",
  commission: "Commission",
  earnings_available: "Earnings available",
  withdrawal_requested: "Withdrawal requested",
  withdrawal_paid: "Withdrawal paid out",
  withdrawal_returned: "Withdrawal returned",
  freeze: "Credits held",
  unfreeze: "Credits released",
  dispute_lost: "Dispute settled",
  adjustment: "Correction",
  escrow_transfer: "Moved between escrows",
};

/**
 * What `entry` was, in words: its kind's label, or for credits held or
 * released the reason its posting gave (a refund to the card, a dispute):
 * a learner's wallet shows only that step of a refund.
 */
export function entryLabel(
  entry: { kind: EntryKind; memo?: string },
): string {
  if ((entry.kind === "freeze" || entry.kind === "unfreeze") && entry.memo) {
    return entry.memo;
  }
  return ENTRY_LABELS[entry.kind] ?? entry.kind;
}

/** What each kind of ledger account holds, in words for admins. */
const ACCOUNT_LABELS: Record<AccountKind, string> = {
  wallet: "Wallet",
  frozen: "Held credits",
  escrow: "Session escrow",
  earnings_pending: "Earnings pending",
  earnings_available: "Earnings available",
  payout_in_flight: "Payout on its way",
  platform_revenue: "Platform revenue",
  promotions: "Bonus credits given",
  refunds: "Refunds to cards",
  processor: "Payment processor",
  payouts: "Payouts to banks",
};

/**
 * A ledger account in words: "Wallet · Lia Learner (lia@…)" from
 * `wallet:<id>` and the names of accounts (accountNames); an owner with no
 * name (a booking, a processor) is shown as it is.
 */
export function accountLabel(
  account: string,
  names: Record<string, string>,
): string {
  const kind = accountKind(account);
  const owner = accountOwner(account);
  const label = ACCOUNT_LABELS[kind] ?? kind;
  return owner ? `${label} · ${names[owner] ?? owner}` : label;
}

/** How a money page shows a service's refusal. */
export interface MoneyFailure {
  status: number;
  /** Messages for the fields of the form that was sent. */
  errors: Record<string, string>;
  /** A message for the form as a whole, or the only message there is. */
  message: string;
  retryAfterSeconds: number | null;
}

/**
 * Turns an expected refusal (bad input, a conflict, a missing record, a
 * top-up limit, the processor not answering) into what the page shows;
 * anything else is thrown again to become the 500 page. `fields` renames
 * service fields to the form's (`amountMinor` → `amount`).
 */
export function moneyFailure(
  error: unknown,
  fields: Record<string, string> = {},
): MoneyFailure {
  if (error instanceof TopUpLimitError) {
    return {
      status: 429,
      errors: {},
      message: error.message,
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  if (error instanceof PaymentProviderError) {
    return {
      status: 502,
      errors: {},
      message:
        `The payment service did not answer, so nothing changed. ${error.message}`,
      retryAfterSeconds: null,
    };
  }
  const failure = formFailure(error);
  const errors: Record<string, string> = {};
  for (const [field, text] of Object.entries(failure.errors)) {
    errors[fields[field] ?? field] = text;
  }
  const fallback = error instanceof Error ? error.message : "Please try again.";
  return {
    status: failure.status,
    errors,
    message: failure.message ?? Object.values(errors)[0] ?? fallback,
    retryAfterSeconds: failure.retryAfterSeconds,
  };
}

/** Response headers for a failure: `Retry-After` when there is one. */
export function failureHeaders(failure: MoneyFailure): HeadersInit {
  return failure.retryAfterSeconds === null
    ? {}
    : { "retry-after": String(Math.ceil(failure.retryAfterSeconds)) };
}

/** Today and the first of this month (UTC), as YYYY-MM-DD. */
export function thisMonth(): { from: string; to: string } {
  const today = now().toISOString().slice(0, 10);
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** The value of `param` in `url` when it is one of `allowed`, else `fallback`. */
export function pickParam<T extends string>(
  url: URL,
  param: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = url.searchParams.get(param) ?? "";
  return (allowed as readonly string[]).includes(value) ? value as T : fallback;
}

/**
 * "Name (email)" for each of `ids` that names an account, and "Name (no
 * account)" for an expert listed without one (admin lists); ids that name
 * neither are left out. Who someone is follows the rule that names people
 * on bookings (the account, else the expert's profile).
 */
export async function accountNames(
  kv: Deno.Kv,
  ids: Iterable<string>,
): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const [id, person] of await bookingPeople(kv, ids)) {
    if (!person) continue;
    names[id] = person.hasAccount
      ? `${person.name} (${person.email})`
      : `${person.name} (no account)`;
  }
  return names;
}

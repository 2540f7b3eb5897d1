/**
 * The ledger's vocabulary: accounts, entries and their lines.
 *
 * Every movement of money is one immutable entry of two or more lines in one
 * currency whose amounts sum to zero (double entry). A line's amount is
 * signed from the account's point of view: positive adds to its balance,
 * negative takes from it. Accounts that hold someone's money (a wallet, an
 * escrow, earnings) may never go below zero; the platform's own accounts and
 * the payment processor may, because they mirror money outside the system
 * (the processor's balance is minus what has come in through it).
 *
 * @example
 * ```ts
 * const topUp: PostingInput = {
 *   idempotencyKey: "topup:01J…:paid",
 *   currency: "USD",
 *   kind: "top_up",
 *   lines: [
 *     { account: processorAccount("simulated"), amountMinor: -10_000 },
 *     { account: walletAccount(learnerId), amountMinor: 10_000 },
 *   ],
 * };
 * ```
 */
import { z } from "zod";
import { currencySchema } from "@/services/platform/money.ts";
import { idSchema } from "@/services/platform/model.ts";

/**
 * Account kinds. The owner id follows the colon: `wallet:<learnerId>`,
 * `escrow:<bookingId>`; platform accounts have a fixed name.
 */
export const ACCOUNT_KINDS = {
  /** A learner's spendable credits. */
  wallet: { guarded: true },
  /** Credits frozen by a dispute or decline until an admin decides. */
  frozen: { guarded: true },
  /** A booking's price, held until the session completes or is refunded. */
  escrow: { guarded: true },
  /** An expert's earnings for sessions not yet released. */
  earnings_pending: { guarded: true },
  /** An expert's earnings that may be withdrawn. */
  earnings_available: { guarded: true },
  /** A withdrawal approved and on its way to the expert's bank. */
  payout_in_flight: { guarded: true },
  /** Commission the platform has earned. */
  platform_revenue: { guarded: false },
  /** Bonus credits the platform has given away (a cost, so it goes negative). */
  promotions: { guarded: false },
  /** Money returned to cards: the counterpart of a refund leaving the system. */
  refunds: { guarded: false },
  /** Money at the payment processor: negative by what came in through it. */
  processor: { guarded: false },
  /** Money paid out to experts' banks. */
  payouts: { guarded: false },
} as const satisfies Record<string, { guarded: boolean }>;

export type AccountKind = keyof typeof ACCOUNT_KINDS;

const ACCOUNT_PATTERN = new RegExp(
  `^(${Object.keys(ACCOUNT_KINDS).join("|")})(?::[A-Za-z0-9_-]{1,64})?$`,
);

/** An account name such as `wallet:01J…` or `platform_revenue`. */
export const accountSchema = z.string().regex(
  ACCOUNT_PATTERN,
  "Not a ledger account.",
);

export function accountKind(account: string): AccountKind {
  return account.split(":", 1)[0] as AccountKind;
}

/**
 * Whose an account is: the id after its kind (`wallet:01J…` → "01J…"), or
 * null for a platform account.
 */
export function accountOwner(account: string): string | null {
  const at = account.indexOf(":");
  return at === -1 ? null : account.slice(at + 1);
}

/** True for accounts whose balance may never go below zero. */
export function isGuarded(account: string): boolean {
  return ACCOUNT_KINDS[accountKind(account)].guarded;
}

export const walletAccount = (userId: string) => `wallet:${userId}`;
export const frozenAccount = (userId: string) => `frozen:${userId}`;
export const escrowAccount = (bookingId: string) => `escrow:${bookingId}`;
export const pendingEarningsAccount = (expertId: string) =>
  `earnings_pending:${expertId}`;
export const availableEarningsAccount = (expertId: string) =>
  `earnings_available:${expertId}`;
export const payoutInFlightAccount = (expertId: string) =>
  `payout_in_flight:${expertId}`;
export const processorAccount = (provider: string) => `processor:${provider}`;
export const PLATFORM_REVENUE = "platform_revenue";
export const PROMOTIONS = "promotions";
export const REFUNDS = "refunds";
export const PAYOUTS = "payouts";

/** What an entry records, for statements, filters and the finance summary. */
export const ENTRY_KINDS = [
  "top_up",
  "top_up_bonus",
  "top_up_refund",
  "booking_reserve",
  "booking_refund",
  "booking_release",
  "commission",
  "earnings_available",
  "withdrawal_requested",
  "withdrawal_paid",
  "withdrawal_returned",
  "freeze",
  "unfreeze",
  "dispute_lost",
  "adjustment",
  // Value moving from one escrow to another (a package credit into a
  // booking's escrow and back): nobody paid, nobody refunded, so finance
  // summaries count it as neither money in nor out.
  "escrow_transfer",
] as const;
export const entryKindSchema = z.enum(ENTRY_KINDS);
export type EntryKind = z.infer<typeof entryKindSchema>;

const amountSchema = z.number().int().refine(
  (amount) => amount !== 0 && Number.isSafeInteger(amount),
  "A line moves a non-zero whole number of minor units.",
);

export const lineSchema = z.object({
  account: accountSchema,
  amountMinor: amountSchema,
});
export type Line = z.infer<typeof lineSchema>;

/** What a caller asks the ledger to record. */
export const postingInputSchema = z.object({
  /** The same key twice records one entry: retries never move money twice. */
  idempotencyKey: z.string().min(1).max(200),
  currency: currencySchema,
  kind: entryKindSchema,
  lines: z.array(lineSchema).min(2).max(10),
  /** Ids this entry concerns (`topUpId`, `bookingId`, `userId`, …) for look-ups. */
  refs: z.record(z.string(), idSchema).default({}),
  memo: z.string().max(300).optional(),
}).superRefine((posting, ctx) => {
  const sum = posting.lines.reduce(
    (total, line) => total + line.amountMinor,
    0,
  );
  if (sum !== 0) {
    ctx.addIssue({
      code: "custom",
      path: ["lines"],
      message: `The lines must sum to zero (they sum to ${sum}).`,
    });
  }
  const accounts = new Set(posting.lines.map((line) => line.account));
  if (accounts.size !== posting.lines.length) {
    ctx.addIssue({
      code: "custom",
      path: ["lines"],
      message: "Each account appears once per entry.",
    });
  }
});
export type PostingInput = z.input<typeof postingInputSchema>;
export type Posting = z.output<typeof postingInputSchema>;

/** One recorded, immutable entry. */
export const entrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  idempotencyKey: z.string(),
  currency: currencySchema,
  kind: entryKindSchema,
  lines: z.array(lineSchema),
  refs: z.record(z.string(), z.string()),
  memo: z.string().optional(),
}).meta({ id: "LedgerEntry" });
export type Entry = z.infer<typeof entrySchema>;

/** An account's balance in one currency. */
export interface Balance {
  account: string;
  currency: string;
  balanceMinor: number;
}

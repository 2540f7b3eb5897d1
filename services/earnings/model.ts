/**
 * What experts earn and withdraw. Earnings live in the ledger (pending,
 * available, on the way to the bank); this feature adds where the money is
 * paid to (a payout account) and the withdrawal requests admins approve.
 */
import { z } from "zod";
import { currencySchema } from "@/services/platform/money.ts";
import { amountMinorSchema, idSchema } from "@/services/platform/model.ts";
import { ibanProblem, normalizeIban } from "./iban.ts";

/** Where an expert's money goes, as stored. The IBAN is sealed, never plain. */
export interface PayoutAccountRecord {
  expertId: string;
  method: "bank" | "stripe";
  holderName: string | null;
  /** AES-GCM sealed IBAN (see platform/secrets.ts). */
  ibanSealed: string | null;
  ibanMasked: string | null;
  stripeAccountId: string | null;
  /** Bank details are ready at once; a Stripe account once onboarding is done. */
  payoutsEnabled: boolean;
  updatedAt: string;
}

/** What the expert and admins see. */
export const payoutAccountSchema = z.object({
  method: z.enum(["bank", "stripe"]),
  holderName: z.string().nullable(),
  ibanMasked: z.string().nullable(),
  stripeAccountId: z.string().nullable(),
  payoutsEnabled: z.boolean(),
  updatedAt: z.iso.datetime(),
}).meta({ id: "PayoutAccount" });
export type PayoutAccount = z.infer<typeof payoutAccountSchema>;

export const bankDetailsSchema = z.object({
  holderName: z.string().trim().min(2, "Enter the account holder's name.").max(
    100,
    "Use at most 100 characters.",
  ),
  iban: z.string().max(50, "That is too long for an IBAN.").superRefine(
    (value, ctx) => {
      const problem = ibanProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    },
  ).transform(normalizeIban),
});
export type BankDetails = z.input<typeof bankDetailsSchema>;

export const WITHDRAWAL_STATUSES = [
  "requested",
  /** An admin approved it and the payout is being sent. */
  "approved",
  "paid",
  "rejected",
  "failed",
] as const;
export type WithdrawalStatus = typeof WITHDRAWAL_STATUSES[number];

export const withdrawalSchema = z.object({
  id: idSchema,
  expertId: idSchema,
  currency: currencySchema,
  amountMinor: amountMinorSchema,
  status: z.enum(WITHDRAWAL_STATUSES),
  method: z.enum(["bank", "stripe"]),
  /** Masked destination, as it was when requested. */
  destination: z.string(),
  requestedAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  decidedBy: z.string().nullable(),
  note: z.string().nullable(),
  transferId: z.string().nullable(),
  failureReason: z.string().nullable(),
}).meta({ id: "Withdrawal" });
export type Withdrawal = z.infer<typeof withdrawalSchema>;

export const withdrawalRequestSchema = z.strictObject({
  amountMinor: amountMinorSchema,
  currency: currencySchema,
});
export type WithdrawalRequest = z.infer<typeof withdrawalRequestSchema>;

export const decisionNoteSchema = z.string().trim().min(
  1,
  "Write a note for the expert.",
).max(1000, "Use at most 1,000 characters.");

/** An expert's earnings in one currency. */
export const earningsSchema = z.object({
  currency: currencySchema,
  /** Completed sessions still inside the dispute window. */
  pendingMinor: z.number().int(),
  /** What may be withdrawn now. */
  availableMinor: z.number().int(),
  /** Approved withdrawals on their way, and requests waiting for approval. */
  inFlightMinor: z.number().int(),
  paidOutMinor: z.number().int(),
}).meta({ id: "Earnings" });
export type Earnings = z.infer<typeof earningsSchema>;

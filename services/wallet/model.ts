/**
 * Credits: what learners buy and spend. A learner's credits are money in
 * their wallet account of the ledger, per currency; the UI always shows the
 * amount ("$120.00 in credits"). Credits are bought through top-ups: a
 * credit pack (larger packs carry bonus credits the platform gives) or a
 * custom amount within the settings' limits.
 */
import { z } from "zod";
import { currencySchema, formatMoney } from "@/services/platform/money.ts";
import { amountMinorSchema, idSchema } from "@/services/platform/model.ts";

export const creditPackSchema = z.object({
  id: idSchema,
  currency: currencySchema,
  /** What the learner pays. */
  priceMinor: amountMinorSchema,
  /** Credits bought: equal to the price. */
  creditMinor: amountMinorSchema,
  /** Extra credits the platform adds (a promotions cost). */
  bonusMinor: z.number().int().nonnegative(),
  active: z.boolean(),
  order: z.number().int(),
}).meta({ id: "CreditPack" });
export type CreditPack = z.infer<typeof creditPackSchema>;

export const creditPackInputSchema = z.object({
  currency: currencySchema,
  priceMinor: amountMinorSchema,
  bonusMinor: z.number().int().nonnegative().max(
    Number.MAX_SAFE_INTEGER,
  ).default(0),
  active: z.boolean().default(true),
  order: z.number().int().min(0).max(1000).default(0),
}).refine((pack) => pack.bonusMinor <= pack.priceMinor, {
  message: "The bonus can be at most the price.",
  path: ["bonusMinor"],
});
export type CreditPackInput = z.input<typeof creditPackInputSchema>;

export const TOP_UP_STATUSES = [
  "pending",
  "paid",
  "failed",
  "refunded",
] as const;
export type TopUpStatus = typeof TOP_UP_STATUSES[number];

export const topUpSchema = z.object({
  id: idSchema,
  learnerId: idSchema,
  currency: currencySchema,
  /** What the learner pays, before any tax the processor adds. */
  amountMinor: amountMinorSchema,
  bonusMinor: z.number().int().nonnegative(),
  packId: idSchema.nullable(),
  status: z.enum(TOP_UP_STATUSES),
  provider: z.enum(["simulated", "stripe"]),
  checkoutId: z.string().nullable(),
  paymentRef: z.string().nullable(),
  taxMinor: z.number().int().nonnegative(),
  createdAt: z.iso.datetime(),
  paidAt: z.iso.datetime().nullable(),
  /** Why the last payment attempt failed, in words for the learner. */
  failureReason: z.string().nullable(),
  refund: z.object({
    id: z.string().nullable(),
    amountMinor: z.number().int().positive(),
    bonusMinor: z.number().int().nonnegative(),
    status: z.enum(["pending", "succeeded", "failed"]),
    requestedAt: z.iso.datetime(),
  }).nullable(),
  /** The cardholder disputed the payment; its credits are frozen. */
  disputed: z.boolean(),
}).meta({ id: "TopUp" });
export type TopUp = z.infer<typeof topUpSchema>;

/** A top-up as its learner asks for it: a pack, or an amount in a currency. */
export const topUpRequestSchema = z.union([
  z.strictObject({ packId: idSchema }),
  z.strictObject({ amountMinor: amountMinorSchema, currency: currencySchema }),
], { error: "Send a packId, or an amountMinor with a currency." });
export type TopUpRequest = z.infer<typeof topUpRequestSchema>;

/** Too many top-ups too fast; nothing was started. */
export class TopUpLimitError extends Error {
  constructor(message: string, readonly retryAfterSeconds: number | null) {
    super(message);
    this.name = "TopUpLimitError";
  }
}

/**
 * What a top-up buys, as the checkout and the receipt name it: the credits
 * paid for and the pack's bonus, so the line matches what the wallet gets.
 *
 * @example
 * topUpDescription(topUp); // "$200.00 in TapTime credits, plus $20.00 bonus"
 */
export function topUpDescription(
  topUp: Pick<TopUp, "amountMinor" | "bonusMinor" | "currency">,
): string {
  const money = (amountMinor: number) =>
    formatMoney({ amountMinor, currency: topUp.currency });
  const credits = `${money(topUp.amountMinor)} in TapTime credits`;
  return topUp.bonusMinor > 0
    ? `${credits}, plus ${money(topUp.bonusMinor)} bonus`
    : credits;
}

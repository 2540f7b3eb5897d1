/**
 * What a package is: a learner's prepaid bundle of N sessions of one
 * expert's session type, bought from one of the offering's package options.
 * The whole price moves from the wallet into the package's own escrow when
 * it is bought; each booking made with a credit moves one credit's value
 * from there into the booking's escrow, so completion, cancellation and
 * disputes settle a package booking exactly as they settle any other.
 *
 * A credit's value is the money left divided by the credits left, rounded
 * up, so the values of all N credits sum to the price exactly (10,001 over
 * 5 sessions: 2,001 then 2,000 four times). `valueLeftMinor` is always the
 * balance of the package's escrow: what cancelling the package refunds.
 */
import { z } from "zod";
import { idSchema } from "@/services/platform/model.ts";
import { currencySchema } from "@/services/platform/money.ts";

export const PACKAGE_STATUSES = ["active", "cancelled"] as const;
export type PackageStatus = typeof PACKAGE_STATUSES[number];

const at = z.iso.datetime();

export const packageSchema = z.object({
  id: idSchema,
  learnerId: idSchema,
  expertId: idSchema,
  offeringId: idSchema.describe("The session type the credits book."),
  optionId: idSchema.describe(
    "The offering's package option it was bought as.",
  ),
  offeringTitle: z.string(),
  durationMinutes: z.number().int().positive().describe(
    "The length of each session, fixed when bought.",
  ),
  sessions: z.number().int().positive().describe("Credits bought."),
  priceMinor: z.number().int().positive().describe("The whole price paid."),
  currency: currencySchema,
  creditsLeft: z.number().int().nonnegative().describe(
    "Credits not yet spent on a booking (a booking cancelled in time gives its credit back).",
  ),
  valueLeftMinor: z.number().int().nonnegative().describe(
    "What the unused credits are worth: held in the package's escrow, and what cancelling the package refunds to the wallet.",
  ),
  status: z.enum(PACKAGE_STATUSES),
  createdAt: at,
  updatedAt: at,
  cancelledAt: at.nullable(),
  refundMinor: z.number().int().nonnegative().nullable().describe(
    "What cancelling the package returned to the wallet.",
  ),
}).meta({ id: "Package" });
export type Package = z.infer<typeof packageSchema>;

/** What a learner sends to buy a package. */
export const buyPackageRequestSchema = z.strictObject({
  offeringId: idSchema.describe("The session type."),
  optionId: idSchema.describe("One of the offering's `packageOptions` ids."),
  expertId: idSchema.optional().describe(
    "The offering's expert; optional, it saves a look-up.",
  ),
});
export type BuyPackageRequest = z.input<typeof buyPackageRequestSchema>;

/** The value of the next credit spent: exact shares of what is left. */
export function nextCreditValue(
  pkg: Pick<Package, "creditsLeft" | "valueLeftMinor">,
): number {
  return pkg.creditsLeft === 0
    ? 0
    : Math.ceil(pkg.valueLeftMinor / pkg.creditsLeft);
}

/**
 * What one session costs in a package of `sessions` at `priceMinor`, to the
 * nearest minor unit, for display ($200 for 3: $66.67, as its first credits
 * are worth; the last is a cent less).
 */
export function perSessionMinor(priceMinor: number, sessions: number): number {
  return Math.round(priceMinor / sessions);
}

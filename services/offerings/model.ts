/**
 * What an offering is: a session type (title, duration, price) or a package
 * (a bundle of N sessions of one length at a total price). The zod schemas
 * here are the one statement of the rules; the types are inferred from them.
 * Also the hourly rate a profile derives from its offerings.
 */
import { z } from "zod";
import { amountMinorSchema, idSchema } from "@/services/platform/model.ts";
import {
  currencySchema,
  type Money,
  toUsdMinor,
} from "@/services/platform/money.ts";
import { multiLine, singleLine } from "@/services/platform/plain_text.ts";

export const OFFERING_KINDS = ["session", "package"] as const;
export type OfferingKind = typeof OFFERING_KINDS[number];
export const SESSION_DURATIONS = [15, 30, 45, 60, 90] as const;
/**
 * Lowest price of a session or a package: 1.00 in a two-decimal currency.
 * Below that a price is a typo, not an offer (the same rule for every
 * supported currency keeps it simple; ₹1.00 and $1.00 are both floors).
 */
export const MIN_PRICE_MINOR = 100;
/** Highest price of one session: 10,000.00 in a two-decimal currency. */
export const MAX_SESSION_PRICE_MINOR = 1_000_000;
/** Highest price of a package. */
export const MAX_PACKAGE_PRICE_MINOR = 10_000_000;
/** More offerings than this is a catalogue, not a profile. */
export const MAX_OFFERINGS_PER_EXPERT = 30;

const READ_ONLY_IGNORED = "Read-only: may be sent back as read; ignored.";

/** The message of every ValidationError about an offering. */
export const INVALID_OFFERING = "The offering is invalid.";

const offeringFieldShape = {
  kind: z.enum(OFFERING_KINDS, 'Choose "session" or "package".'),
  title: singleLine(3, 80),
  description: multiLine(0, 1000),
  durationMinutes: z.number("Give the length in minutes.").int().refine(
    (minutes) => (SESSION_DURATIONS as readonly number[]).includes(minutes),
    `Choose ${SESSION_DURATIONS.join(", ")} minutes.`,
  ),
  /** In minor units of `currency`; for a package, of the whole bundle. */
  priceMinor: amountMinorSchema.min(
    MIN_PRICE_MINOR,
    `The price must be at least ${MIN_PRICE_MINOR} minor units (1.00).`,
  ),
  currency: currencySchema,
  /** Sessions in a package; null for a single session. */
  sessions: z.number().int().min(2, "A package has at least 2 sessions.")
    .max(20, "A package has at most 20 sessions.").nullable(),
  active: z.boolean(),
};

/** The whole offering's fields, checked together: limits depend on the kind. */
export const offeringFieldsSchema = z.strictObject(offeringFieldShape)
  .superRefine(
    (offering, context) => {
      const max = offering.kind === "package"
        ? MAX_PACKAGE_PRICE_MINOR
        : MAX_SESSION_PRICE_MINOR;
      if (offering.priceMinor > max) {
        context.addIssue({
          code: "custom",
          path: ["priceMinor"],
          message: `A ${offering.kind} costs at most ${max} minor units.`,
        });
      }
      if (offering.kind === "package" && offering.sessions === null) {
        context.addIssue({
          code: "custom",
          path: ["sessions"],
          message: "Say how many sessions the package holds (2–20).",
        });
      }
      if (offering.kind === "session" && offering.sessions !== null) {
        context.addIssue({
          code: "custom",
          path: ["sessions"],
          message: "Only packages hold several sessions.",
        });
      }
    },
  );

export type OfferingFields = z.output<typeof offeringFieldsSchema>;

/** An offering as stored and as every read returns it. */
export const offeringSchema = z.object({
  id: z.string(),
  expertId: z.string(),
  ...offeringFieldShape,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Offering = z.output<typeof offeringSchema>;

/** What `createOffering` accepts. */
export const offeringInputSchema = z.strictObject({
  ...offeringFieldShape,
  description: offeringFieldShape.description.default(""),
  sessions: offeringFieldShape.sessions.optional(),
  active: offeringFieldShape.active.default(true),
});
export type OfferingInput = z.input<typeof offeringInputSchema>;

/**
 * What `updateOffering` accepts: any of the fields. An offering as read may
 * be sent back whole: `kind`, `id` and `expertId` must then be the stored
 * ones (a package silently turned into a session would change what learners
 * already bought), and the timestamps are ignored.
 */
export const offeringPatchSchema = z.strictObject({
  ...offeringFieldShape,
  id: idSchema.meta({ description: "Read-only: the offering's own id." }),
  expertId: idSchema.meta({ description: "Read-only: the expert's own id." }),
  createdAt: z.unknown().meta({ description: READ_ONLY_IGNORED }),
  updatedAt: z.unknown().meta({ description: READ_ONLY_IGNORED }),
}).partial();
export type OfferingPatch = z.input<typeof offeringPatchSchema>;

/**
 * The hourly rate a profile shows: the cheapest active session scaled to 60
 * minutes, else the cheapest package session scaled the same way; null when
 * nothing is active. Offerings in different currencies are compared in US
 * dollars at the reference rates search uses (`toUsdMinor`).
 */
export function hourlyRateFromOfferings(
  offerings: readonly Offering[],
): Money | null {
  const hourly = (offering: Offering) =>
    Math.round(
      (offering.priceMinor / (offering.sessions ?? 1)) * 60 /
        offering.durationMinutes,
    );
  for (const kind of OFFERING_KINDS) {
    const candidates = offerings.filter((offering) =>
      offering.active && offering.kind === kind
    );
    if (candidates.length === 0) continue;
    const inUsd = (offering: Offering) =>
      toUsdMinor({
        amountMinor: hourly(offering),
        currency: offering.currency,
      });
    const cheapest = candidates.reduce((best, offering) =>
      inUsd(offering) < inUsd(best) ? offering : best
    );
    return {
      amountMinor: Math.max(1, hourly(cheapest)),
      currency: cheapest.currency,
    };
  }
  return null;
}

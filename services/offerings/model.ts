/**
 * What an offering is: a session type (title, duration, price) that may
 * carry a few package options ("5 sessions for €200"): a learner buys one
 * as a package of session credits (services/packages). Offerings once had a
 * second kind, "package" (a bundle of N sessions at a total price, neither
 * buyable nor bookable); package options replaced it and a start-up
 * migration turned the stored ones into session types (legacy.ts). The zod
 * schemas here are the one statement of the rules; the types are inferred
 * from them. Also the hourly rate a profile derives from its offerings.
 *
 * Price messages name the amount in the currency's own format ("at least
 * €1.00"), so they are checked on the whole offering, where the currency
 * is known.
 */
import { z } from "zod";
import { amountMinorSchema, idSchema } from "@/services/platform/model.ts";
import {
  type Currency,
  currencySchema,
  formatMoney,
  type Money,
  toUsdMinor,
} from "@/services/platform/money.ts";
import { multiLine, singleLine } from "@/services/platform/plain_text.ts";

/** The one kind left: every offering is a session type. */
export const OFFERING_KINDS = ["session"] as const;
export type OfferingKind = typeof OFFERING_KINDS[number];

/** Why kind "package" is refused: what to send instead. */
export const PACKAGE_KIND_RETIRED =
  'Offerings of kind "package" are no longer accepted: create a "session" offering (the price and length of one session) and sell several sessions as its packageOptions, e.g. [{ "sessions": 5, "priceMinor": 35000 }].';
export const SESSION_DURATIONS = [15, 30, 45, 60, 90] as const;
/**
 * Lowest price of a session or a package option: 1.00 in a two-decimal currency.
 * Below that a price is a typo, not an offer (the same rule for every
 * supported currency keeps it simple; ₹1.00 and $1.00 are both floors).
 */
export const MIN_PRICE_MINOR = 100;
/** Highest price of one session: 10,000.00 in a two-decimal currency. */
export const MAX_SESSION_PRICE_MINOR = 1_000_000;
/** Highest price of a package option. */
export const MAX_PACKAGE_PRICE_MINOR = 10_000_000;
/** More offerings than this is a catalogue, not a profile. */
export const MAX_OFFERINGS_PER_EXPERT = 30;
/** Package options on one session type: a few sizes, not a price list. */
export const MAX_PACKAGE_OPTIONS = 3;
/** Sessions in a package option. */
export const MIN_PACKAGE_SESSIONS = 2;
export const MAX_PACKAGE_SESSIONS = 20;

const READ_ONLY_IGNORED = "Read-only: may be sent back as read; ignored.";

/** The message of every ValidationError about an offering. */
export const INVALID_OFFERING = "The offering is invalid.";

const packageSessionsSchema = z.number("Say how many sessions.").int()
  .min(
    MIN_PACKAGE_SESSIONS,
    `A package has at least ${MIN_PACKAGE_SESSIONS} sessions.`,
  )
  .max(
    MAX_PACKAGE_SESSIONS,
    `A package has at most ${MAX_PACKAGE_SESSIONS} sessions.`,
  );

/** A package option of a session type, as stored and read. */
export const packageOptionSchema = z.object({
  id: idSchema,
  sessions: packageSessionsSchema,
  priceMinor: amountMinorSchema.describe(
    "The whole package's price, in minor units of `currency`.",
  ),
  currency: currencySchema.describe("Always the offering's currency."),
}).meta({ id: "PackageOption" });
export type PackageOption = z.output<typeof packageOptionSchema>;

/** A package option as an expert sends it: new ones without an id. */
export const packageOptionInputSchema = z.strictObject({
  id: idSchema.optional().describe(
    "An existing option's id (as read) to keep it; omit for a new option.",
  ),
  sessions: packageSessionsSchema,
  priceMinor: packageOptionSchema.shape.priceMinor,
  currency: currencySchema.optional().describe(
    "Must be the offering's currency; defaults to it.",
  ),
});
export type PackageOptionInput = z.input<typeof packageOptionInputSchema>;

/** The kind: only "session"; "package" gets a message saying what to send. */
const kindSchema = z.literal("session", {
  error: (issue) =>
    issue.input === "package"
      ? PACKAGE_KIND_RETIRED
      : 'The only kind of offering is "session".',
}).describe(
  'Always "session". Several sessions at one price are sold as `packageOptions`.',
);

/**
 * `sessions` as clients written for the retired package kind send it: null
 * (a single session) is accepted and ignored, a count is refused.
 */
const retiredSessionsSchema = z.null({
  error: () =>
    'Offerings no longer hold several sessions: sell them as packageOptions, e.g. [{ "sessions": 5, "priceMinor": 35000 }].',
}).optional().meta({
  deprecated: true,
  description: "Retired: null or absent. Use `packageOptions`.",
});

const offeringFieldShape = {
  kind: kindSchema,
  title: singleLine(3, 80),
  description: multiLine(0, 1000),
  durationMinutes: z.number("Give the length in minutes.").int().refine(
    (minutes) => (SESSION_DURATIONS as readonly number[]).includes(minutes),
    `Choose ${SESSION_DURATIONS.join(", ")} minutes.`,
  ),
  /** One session's price, in minor units of `currency`. */
  priceMinor: amountMinorSchema,
  currency: currencySchema,
  active: z.boolean(),
  recordingOffered: z.boolean().optional().describe(
    "Whether the expert offers to record sessions of this offering (learners agree, or not, when booking); absent means no.",
  ),
  packageOptions: z.array(packageOptionInputSchema).max(
    MAX_PACKAGE_OPTIONS,
    `Offer at most ${MAX_PACKAGE_OPTIONS} package options per session type.`,
  ).describe("Packages of this session type a learner may buy."),
};

type Issue = { path: (string | number)[]; message: string };

/** `amountMinor` of `currency` as people read it, e.g. "€1.00". */
function shown(amountMinor: number, currency: Currency): string {
  return formatMoney({ amountMinor, currency });
}

/** What is wrong with a price (under the floor, over `maxMinor`), in words. */
function priceIssue(
  priceMinor: number,
  currency: Currency,
  maxMinor: number,
): string | null {
  if (priceMinor < MIN_PRICE_MINOR) {
    return `The price must be at least ${shown(MIN_PRICE_MINOR, currency)}.`;
  }
  if (priceMinor > maxMinor) {
    return `The price can be at most ${shown(maxMinor, currency)}.`;
  }
  return null;
}

/** The problems of a session type's package options. */
function packageOptionIssues(
  offering: Pick<
    z.output<z.ZodObject<typeof offeringFieldShape>>,
    "priceMinor" | "currency" | "packageOptions"
  >,
): Issue[] {
  const issues: Issue[] = [];
  const options = offering.packageOptions;
  const seen = new Set<number>();
  options.forEach((option, index) => {
    const at = (field: string) => ["packageOptions", index, field];
    if (seen.has(option.sessions)) {
      issues.push({
        path: at("sessions"),
        message:
          `There is already a package of ${option.sessions} sessions; make each option a different size.`,
      });
    }
    seen.add(option.sessions);
    if (option.currency && option.currency !== offering.currency) {
      issues.push({
        path: at("currency"),
        message:
          `A package is priced in its session's currency (${offering.currency}).`,
      });
      return;
    }
    const singly = option.sessions * offering.priceMinor;
    const problem = priceIssue(
      option.priceMinor,
      offering.currency,
      MAX_PACKAGE_PRICE_MINOR,
    ) ?? (option.priceMinor > singly
      ? `${option.sessions} sessions cost ${
        shown(singly, offering.currency)
      } booked one by one, so the package can be at most that.`
      : null);
    if (problem) issues.push({ path: at("priceMinor"), message: problem });
  });
  return issues;
}

/** The whole offering's fields, checked together: options depend on the price. */
export const offeringFieldsSchema = z.strictObject(offeringFieldShape)
  .superRefine(
    (offering, context) => {
      const price = priceIssue(
        offering.priceMinor,
        offering.currency,
        MAX_SESSION_PRICE_MINOR,
      );
      if (price) {
        context.addIssue({
          code: "custom",
          path: ["priceMinor"],
          message: price,
        });
      }
      for (const issue of packageOptionIssues(offering)) {
        context.addIssue({ code: "custom", ...issue });
      }
    },
  );

export type OfferingFields = z.output<typeof offeringFieldsSchema>;

/** An offering as stored and as every read returns it. */
export const offeringSchema = z.object({
  id: z.string(),
  expertId: z.string(),
  ...offeringFieldShape,
  packageOptions: z.array(packageOptionSchema).optional().describe(
    "Packages of this session type a learner may buy; the store always fills it (absent only on records older than package options).",
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Offering = z.output<typeof offeringSchema>;
/**
 * An offering as every read and write of the store returns it: options
 * and the recording flag always present.
 */
export type LoadedOffering = Offering & {
  packageOptions: PackageOption[];
  recordingOffered: boolean;
};

/** What `createOffering` accepts. */
export const offeringInputSchema = z.strictObject({
  ...offeringFieldShape,
  kind: kindSchema.default("session"),
  description: offeringFieldShape.description.default(""),
  sessions: retiredSessionsSchema,
  active: offeringFieldShape.active.default(true),
  recordingOffered: z.boolean().default(false).describe(
    "Offer to record sessions (learners agree, or not, when booking); default no.",
  ),
  packageOptions: offeringFieldShape.packageOptions.default([]),
});
export type OfferingInput = z.input<typeof offeringInputSchema>;

/**
 * What `updateOffering` accepts: any of the fields. An offering as read may
 * be sent back whole: `id` and `expertId` must then be the stored ones, and
 * the timestamps are ignored.
 */
export const offeringPatchSchema = z.strictObject({
  ...offeringFieldShape,
  sessions: retiredSessionsSchema,
  id: idSchema.meta({ description: "Read-only: the offering's own id." }),
  expertId: idSchema.meta({ description: "Read-only: the expert's own id." }),
  createdAt: z.unknown().meta({ description: READ_ONLY_IGNORED }),
  updatedAt: z.unknown().meta({ description: READ_ONLY_IGNORED }),
}).partial();
export type OfferingPatch = z.input<typeof offeringPatchSchema>;

/** The package options of `offering` (none on records made before them). */
export function packageOptionsOf(
  offering: Pick<Offering, "packageOptions">,
): PackageOption[] {
  return offering.packageOptions ?? [];
}

/**
 * The hourly rate a profile shows: the cheapest active session scaled to 60
 * minutes; null when nothing is active. Offerings in different currencies
 * are compared in US dollars at the reference rates search uses
 * (`toUsdMinor`).
 */
export function hourlyRateFromOfferings(
  offerings: readonly Offering[],
): Money | null {
  const hourly = (offering: Offering) =>
    Math.round(offering.priceMinor * 60 / offering.durationMinutes);
  const candidates = offerings.filter((offering) => offering.active);
  if (candidates.length === 0) return null;
  const inUsd = (offering: Offering) =>
    toUsdMinor({ amountMinor: hourly(offering), currency: offering.currency });
  const cheapest = candidates.reduce((best, offering) =>
    inUsd(offering) < inUsd(best) ? offering : best
  );
  return {
    amountMinor: Math.max(1, hourly(cheapest)),
    currency: cheapest.currency,
  };
}

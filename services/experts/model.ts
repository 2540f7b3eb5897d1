/**
 * The expert profile and the expert search query: zod schemas and the types
 * inferred from them. Shared concepts (time zone, language, money, id) come
 * from services/platform, so a value another feature accepts is accepted
 * here too.
 *
 * Stored profiles are read with `storedExpertProfileSchema`, whose time zone
 * is any string: a zone written before zones were canonical (`Asia/Calcutta`,
 * `US/Eastern`) still reads, and `migrateExpertTimeZones` rewrites it. Every
 * write validates with `expertProfileSchema`'s canonical `timeZoneSchema`.
 */
import { z } from "zod";
import { categorySlugSchema } from "@/services/categories/mod.ts";
import { moneySchema } from "@/services/platform/money.ts";
import { httpsUrlSchema } from "@/services/platform/plain_text.ts";
import {
  amountMinorSchema,
  cursorSchema,
  idSchema,
  languageCodeSchema,
  pageLimitSchema,
  timeZoneSchema,
} from "@/services/platform/model.ts";

export const ratingSchema = z.object({
  average: z.number().min(0).max(5),
  count: z.number().int().nonnegative(),
});

/** What a profile is listed "from" (see pricing.ts). */
export const startingPriceSchema = moneySchema.extend({
  amountMinor: amountMinorSchema,
  durationMinutes: z.number().int().min(1).max(24 * 60),
});

export const expertProfileSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1, "Add a name.").max(
    100,
    "Use at most 100 characters.",
  ),
  headline: z.string().trim().min(1, "Add a headline.").max(
    160,
    "Use at most 160 characters.",
  ),
  bio: z.string().trim().min(1, "Add a short bio.").max(
    4000,
    "Use at most 4,000 characters.",
  ),
  photoUrl: z.string().trim().regex(
    /^(https:\/\/|\/)/,
    "Use an https:// URL or a site path starting with /.",
  ).max(500).nullable(),
  categoryIds: z.array(categorySlugSchema).min(1, "Choose a category.").max(
    10,
    "Choose at most 10 categories.",
  ),
  skills: z.array(
    z.string().trim().min(1, "Remove the empty skill.").max(
      40,
      "Keep each skill to 40 characters.",
    ),
  ).max(20, "List at most 20 skills."),
  languages: z.array(languageCodeSchema).min(1, "Choose a language.").max(
    10,
    "Choose at most 10 languages.",
  ),
  yearsExperience: z.number("Enter a whole number of years.").int(
    "Enter a whole number of years.",
  ).min(0, "Enter 0 or more years.").max(70, "Enter at most 70 years."),
  hourlyRate: moneySchema.extend({ amountMinor: amountMinorSchema }),
  /** The cheapest active offering's price; set when offerings change. */
  startingPrice: startingPriceSchema.nullable().optional(),
  rating: ratingSchema,
  location: z.string().trim().min(1, "Add where you are based.").max(
    100,
    "Use at most 100 characters.",
  ),
  timeZone: timeZoneSchema,
  published: z.boolean(),
  createdAt: z.iso.datetime(),
  /** The expert's LinkedIn or own website (https only); absent on demo experts. */
  linkedinOrWebsite: httpsUrlSchema.nullable().optional(),
  /** Storage key of an uploaded photo (photoUrl then points at it). */
  photoFileKey: z.string().max(200).nullable().optional(),
  /** Set while the expert's account is suspended (see moderation.ts). */
  hiddenWhileSuspended: z.boolean().optional(),
});

export type ExpertProfile = z.infer<typeof expertProfileSchema>;

/**
 * A time zone as stored: any name, canonical or not. Reads must not fail on
 * a zone stored before zones were canonical; writes use `timeZoneSchema`.
 */
export const storedTimeZoneSchema = z.string();

/** A profile as read from KV (see the module comment). */
export const storedExpertProfileSchema = expertProfileSchema.extend({
  timeZone: storedTimeZoneSchema,
});

export const expertInputSchema = expertProfileSchema.omit({
  id: true,
  createdAt: true,
}).extend({
  photoUrl: expertProfileSchema.shape.photoUrl.default(null),
  rating: ratingSchema.default({ average: 0, count: 0 }),
  published: z.boolean().default(true),
});

export type ExpertInput = z.input<typeof expertInputSchema>;

/** What lists show: the profile without the long bio and bookkeeping fields. */
export const expertSummarySchema = expertProfileSchema.pick({
  id: true,
  name: true,
  headline: true,
  photoUrl: true,
  categoryIds: true,
  skills: true,
  languages: true,
  yearsExperience: true,
  hourlyRate: true,
  startingPrice: true,
  rating: true,
  location: true,
});

export type ExpertSummary = z.infer<typeof expertSummarySchema>;

/** Trims a profile to what a result card needs. */
export function toExpertSummary(expert: ExpertProfile): ExpertSummary {
  return {
    id: expert.id,
    name: expert.name,
    headline: expert.headline,
    photoUrl: expert.photoUrl,
    categoryIds: expert.categoryIds,
    skills: expert.skills,
    languages: expert.languages,
    yearsExperience: expert.yearsExperience,
    hourlyRate: expert.hourlyRate,
    ...(expert.startingPrice ? { startingPrice: expert.startingPrice } : {}),
    rating: expert.rating,
    location: expert.location,
  };
}

// ---------------------------------------------------------------------------
// The search query

export const EXPERT_SORTS = [
  "relevance",
  "rating",
  "price_asc",
  "price_desc",
  "newest",
  "soonest",
] as const;
export type ExpertSort = typeof EXPERT_SORTS[number];

/** The "available within" filter's choices, and each one's length. */
export const AVAILABLE_WITHIN = ["7d"] as const;
export type AvailableWithin = typeof AVAILABLE_WITHIN[number];
export const AVAILABLE_WITHIN_MS: Record<AvailableWithin, number> = {
  "7d": 7 * 24 * 3_600_000,
};

/** Search pages are smaller than other lists: each card is a whole profile. */
export const SEARCH_LIMIT_MAX = 50;
export const SEARCH_LIMIT_DEFAULT = 12;

/** Query strings send empty fields as ""; treat them as absent. */
function blankAsMissing(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}

function queryField<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankAsMissing, schema.optional());
}

/**
 * The expert search filters. Parsed from URL query strings (by the API and
 * the browse page), so numbers are coerced from strings.
 *
 * minPrice and maxPrice are US cents, compared with the price each profile
 * is listed at (`listedPrice`: its cheapest session). Prices are in several
 * currencies, so each is converted to US cents at the approximate reference
 * rates in money.ts (`toUsdMinor`) before it is compared or sorted: a
 * maxPrice of 10000 ($100) keeps ₹8,000 (≈ $96) and drops €100 (≈ $108).
 */
export const expertSearchSchema = z.object({
  category: queryField(categorySlugSchema),
  q: queryField(z.string().trim().max(100)),
  minRating: queryField(z.coerce.number().min(0).max(5)),
  minPrice: queryField(z.coerce.number().int().nonnegative()).describe(
    "Lowest listed price (each expert's cheapest session) in US cents. Prices in other currencies are converted to USD at approximate reference rates before comparing.",
  ),
  maxPrice: queryField(z.coerce.number().int().positive()).describe(
    "Highest listed price (each expert's cheapest session) in US cents. Prices in other currencies are converted to USD at approximate reference rates before comparing.",
  ),
  language: queryField(languageCodeSchema),
  available: queryField(z.enum(AVAILABLE_WITHIN)).describe(
    'Only experts with a free session time within this window: "7d" is the next 7 days.',
  ),
  sort: z.preprocess(blankAsMissing, z.enum(EXPERT_SORTS).default("relevance"))
    .describe(
      '"soonest" puts the expert with the earliest free session time first; experts with no free time come last.',
    ),
  cursor: queryField(cursorSchema),
  limit: z.preprocess(
    blankAsMissing,
    pageLimitSchema.max(SEARCH_LIMIT_MAX).meta({
      description: `Results per page, 1 to ${SEARCH_LIMIT_MAX}.`,
    }).default(SEARCH_LIMIT_DEFAULT),
  ),
}).refine(
  (filters) =>
    filters.minPrice === undefined || filters.maxPrice === undefined ||
    filters.minPrice <= filters.maxPrice,
  { message: "maxPrice must be at least minPrice.", path: ["maxPrice"] },
);

/** Search filters as callers pass them (strings from a URL are fine). */
export type ExpertSearch = z.input<typeof expertSearchSchema>;
/** Search filters after parsing: numbers are numbers, defaults filled in. */
export type ParsedExpertSearch = z.output<typeof expertSearchSchema>;

export interface ExpertSearchResult {
  experts: ExpertProfile[];
  /**
   * Each listed expert's next free start (UTC ISO) by id, null when none is
   * known; as of the last background refresh, not this instant.
   */
  nextFree: Record<string, string | null>;
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** How many experts match in all, across every page. */
  total: number;
}

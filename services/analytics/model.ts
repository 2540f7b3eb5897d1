/**
 * The shapes of the first-party analytics log: which events exist, what each
 * carries, and the limits that keep an event small enough for a KV key.
 *
 * Only non-essential, consented usage is logged here (page views, profile
 * views, a booking opened). Paid and completed bookings and reviews are
 * records of their own features and are never copied into this log.
 */
import { z } from "zod";
import { idSchema } from "@/services/platform/model.ts";

export const ANALYTICS_EVENT_TYPES = [
  "page_view",
  "profile_view",
  "booking_started",
] as const;
export type AnalyticsEventType = typeof ANALYTICS_EVENT_TYPES[number];
export const analyticsEventTypeSchema = z.enum(ANALYTICS_EVENT_TYPES);

/** Longer paths are cut: a path is part of a roll-up key (2 KiB limit). */
export const MAX_PATH_LENGTH = 200;
/** A host name is at most 253 characters (RFC 1035). */
export const MAX_HOST_LENGTH = 253;
/** Visitor ids are random tokens made by the browser script. */
export const visitorIdSchema = z.string().regex(
  /^[A-Za-z0-9_-]{16,64}$/,
  "The visitor id must be 16 to 64 letters, digits, - or _.",
);

/**
 * A site path as counted: starts with "/", no query or fragment (they may
 * carry personal data such as reset tokens), at most MAX_PATH_LENGTH.
 */
export const analyticsPathSchema = z.string().trim().startsWith(
  "/",
  "The path must start with /.",
).max(2000).transform((path) =>
  path.replace(/[?#].*$/, "").slice(0, MAX_PATH_LENGTH) || "/"
);

/** A referrer's host name only (never the full URL), lower case. */
export const referrerHostSchema = z.string().trim().toLowerCase().max(
  MAX_HOST_LENGTH,
).regex(/^[a-z0-9.-]*(:\d{1,5})?$/, "The referrer must be a host name.");

const common = {
  visitorId: visitorIdSchema,
  userId: idSchema.optional(),
};

/** What a caller records; the time is the app clock's when not given. */
export const analyticsEventInputSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("page_view"),
    path: analyticsPathSchema,
    referrerHost: referrerHostSchema.optional(),
    ...common,
  }),
  z.object({
    type: z.literal("profile_view"),
    subjectId: idSchema,
    path: analyticsPathSchema.optional(),
    ...common,
  }),
  z.object({
    type: z.literal("booking_started"),
    subjectId: idSchema,
    offeringId: idSchema.optional(),
    path: analyticsPathSchema.optional(),
    ...common,
  }),
]);
export type AnalyticsEventInput = z.input<typeof analyticsEventInputSchema>;

/** One stored event. */
export const analyticsEventSchema = z.object({
  id: z.string(),
  type: analyticsEventTypeSchema,
  time: z.date(),
  subjectId: idSchema.optional(),
  offeringId: idSchema.optional(),
  path: z.string().optional(),
  referrerHost: z.string().optional(),
  visitorId: visitorIdSchema,
  userId: idSchema.optional(),
});
export type AnalyticsEvent = z.infer<typeof analyticsEventSchema>;

/** One day of a roll-up: `day` is the UTC date, YYYY-MM-DD. */
export interface DailyCount {
  day: string;
  count: number;
}

/** The longest period one query walks day by day (about ten years). */
export const MAX_RANGE_DAYS = 3700;

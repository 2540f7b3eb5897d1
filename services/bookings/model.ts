/**
 * What a booking is: a learner's paid session with an expert at one time,
 * and a hold (the same time claimed for ten minutes while the learner tops
 * up their wallet). The zod schemas here are the one statement of the
 * shapes (the store reads with them, the API documents them); the types are
 * inferred from them.
 *
 * A booking copies what it was sold under, so later changes to the offering,
 * the expert's buffers or the commission never change a booking already
 * made: price, currency, commission rate, length, buffers, both time
 * zones and the reminder hours are fixed when it is made (a hold's, when
 * the learner booked: what they were told).
 */
import { z } from "zod";
import { instantSchema } from "@/services/availability/mod.ts";
import { idSchema } from "@/services/platform/model.ts";
import { currencySchema } from "@/services/platform/money.ts";
import { multiLine } from "@/services/platform/plain_text.ts";

export const BOOKING_STATUSES = [
  "confirmed",
  "cancelled",
  "completed",
  "no_show",
  "disputed",
] as const;
export type BookingStatus = typeof BOOKING_STATUSES[number];
export const bookingStatusSchema = z.enum(BOOKING_STATUSES);

/**
 * A session that took place and pays the expert: completed, or the
 * learner's no-show. Its earnings are released after the dispute window,
 * and until then the learner may report a problem.
 */
export function isSettled(booking: { status: BookingStatus }): boolean {
  return booking.status === "completed" || booking.status === "no_show";
}

/** A hold converts into a booking, or lapses (its time was lost). */
export const HOLD_STATUSES = ["open", "converted", "lapsed"] as const;
export type HoldStatus = typeof HOLD_STATUSES[number];

/** How long a hold keeps the time while the learner pays. */
export const HOLD_MINUTES = 10;
export const HOLD_MS = HOLD_MINUTES * 60_000;

/** The longest note a learner may leave for the expert. */
export const MAX_NOTE_LENGTH = 1000;

/** The learner's note for the expert: plain text, what they want to cover. */
export const noteSchema = multiLine(0, MAX_NOTE_LENGTH);

/** Who did something to a booking. */
export const PARTIES = ["learner", "expert"] as const;
export type Party = typeof PARTIES[number];

const at = z.iso.datetime();

/** The settings a booking's cancellations and moves follow. */
export const bookingPolicySchema = z.object({
  cancelFullRefundHours: z.number().nonnegative(),
  lateCancelRefundPercent: z.number().min(0).max(100),
  rescheduleMinHours: z.number().nonnegative(),
  maxReschedules: z.number().int().nonnegative(),
});
export type BookingPolicy = z.infer<typeof bookingPolicySchema>;

/** What a booking (or a hold) was made under; fixed once made. */
const termsShape = {
  id: idSchema,
  learnerId: idSchema,
  expertId: idSchema,
  offeringId: idSchema,
  offeringTitle: z.string(),
  start: at.describe("UTC ISO instant the session starts."),
  end: at.describe("UTC ISO instant the session ends."),
  durationMinutes: z.number().int().positive(),
  bufferBeforeMinutes: z.number().int().nonnegative().describe(
    "The expert's buffer before the session when it was booked.",
  ),
  bufferAfterMinutes: z.number().int().nonnegative(),
  priceMinor: z.number().int().positive(),
  currency: currencySchema,
  commissionPercent: z.number().min(0).max(100).describe(
    "The platform's commission in force when the booking was made.",
  ),
  policy: bookingPolicySchema.optional().describe(
    "The cancellation and reschedule policy in force when the booking was made; it decides refunds and moves for this booking whatever the settings say later. Absent on bookings made before it was kept with the booking (the current settings apply).",
  ),
  expertTimeZone: z.string(),
  learnerTimeZone: z.string(),
  reminderHoursBefore: z.array(z.number().int().positive()).optional()
    .describe(
      "Hours before the start at which both people are reminded, as the settings had them when the session was booked (largest first). Absent on bookings made before it was kept with the booking.",
    ),
  note: z.string().max(MAX_NOTE_LENGTH).describe(
    "The learner's note for the expert (plain text).",
  ),
  recordingConsent: z.boolean().optional().describe(
    "True when the learner agreed, when booking, that the session may be recorded (only offered when the offering offers recording); absent means no.",
  ),
  createdAt: at,
};

export const cancellationSchema = z.object({
  by: z.enum(PARTIES),
  at,
  reason: z.string(),
  refundMinor: z.number().int().nonnegative().describe(
    "What went back to the learner: to the wallet, or (see `refundedTo`) as the session credit back to its package.",
  ),
  refundedTo: z.enum(["wallet", "package"]).optional().describe(
    'Where the refund went; "package" when a session booked with a package credit gave its credit back. Absent means the wallet.',
  ),
  expertMinor: z.number().int().nonnegative().describe(
    "What the expert was paid for the late cancellation, before commission.",
  ),
});
export type Cancellation = z.infer<typeof cancellationSchema>;

export const DISPUTE_OUTCOMES = ["refund", "release", "split"] as const;
export type DisputeOutcome = typeof DISPUTE_OUTCOMES[number];

export const disputeSchema = z.object({
  reason: z.string(),
  openedAt: at,
  resolution: z.object({
    outcome: z.enum(DISPUTE_OUTCOMES),
    learnerMinor: z.number().int().nonnegative().describe(
      "What went back to the learner.",
    ),
    note: z.string(),
    by: idSchema,
    at,
  }).nullable(),
});
export type Dispute = z.infer<typeof disputeSchema>;

export const bookingSchema = z.object({
  ...termsShape,
  status: bookingStatusSchema,
  packageId: idSchema.optional().describe(
    "Paid with a credit of this package (the price is the credit's value); absent when paid from the wallet.",
  ),
  rescheduleCount: z.number().int().nonnegative(),
  cancellation: cancellationSchema.nullable(),
  completedAt: at.nullable(),
  expertEarningsMinor: z.number().int().nonnegative().nullable().describe(
    "What completion moved to the expert's pending earnings (after commission).",
  ),
  releaseAt: at.nullable().describe(
    "When the dispute window ends and the earnings become available.",
  ),
  releasedAt: at.nullable(),
  dispute: disputeSchema.nullable(),
  updatedAt: at,
}).meta({ id: "Booking" });
export type Booking = z.infer<typeof bookingSchema>;

export const holdSchema = z.object({
  ...termsShape,
  status: z.enum(HOLD_STATUSES),
  expiresAt: at,
  topUpId: idSchema.nullable().describe("The top-up paying the difference."),
  lapsedReason: z.string().nullable(),
}).meta({ id: "BookingHold" });
export type Hold = z.infer<typeof holdSchema>;

/** What a learner sends to book. */
export const bookingRequestSchema = z.strictObject({
  offeringId: idSchema,
  expertId: idSchema.optional().describe(
    "The offering's expert; optional, it saves a look-up.",
  ),
  start: instantSchema.describe(
    'The session\'s start, an ISO instant from the slots list, e.g. "2026-03-30T09:00:00Z".',
  ),
  note: noteSchema.optional(),
  recordingConsent: z.boolean().optional().describe(
    "Agree that the session may be recorded; only kept when the offering offers recording (`recordingOffered`).",
  ),
  packageId: idSchema.optional().describe(
    "Pay with a credit of this package of the caller's (for this offering) instead of the wallet.",
  ),
  hold: z.boolean().optional().describe(
    "When the wallet is short: hold the time for 10 minutes and open a checkout for the difference.",
  ),
});
export type BookingRequest = z.input<typeof bookingRequestSchema>;

/** A stored claim on a grid cell of someone's time. */
export interface CellClaim {
  /** The booking or hold holding the cell. */
  id: string;
  /** Set for a hold: the epoch ms it expires at, after which the cell is free. */
  until?: number;
}

export const BOOKING_EVENT_TYPES = [
  "booked",
  "cancelled",
  "rescheduled",
  "completed",
  "no_show",
  "released",
  "disputed",
  "dispute_resolved",
] as const;

/** An entry of a booking's own history (audit of who did what). */
export const bookingEventSchema = z.object({
  id: z.string(),
  bookingId: z.string(),
  at,
  type: z.enum(BOOKING_EVENT_TYPES),
  actorId: z.string().nullable().describe("Who; null for the system."),
  details: z.record(z.string(), z.string()),
}).meta({ id: "BookingEvent" });
export type BookingEvent = z.infer<typeof bookingEventSchema>;

/**
 * The response shapes of the booking operations, built from the bookings
 * feature's own schemas (a booking is `bookingSchema`, a hold
 * `holdSchema`), and the descriptions of their refusals.
 */
import { z } from "zod";
import { bookingSchema, holdSchema } from "@/services/bookings/mod.ts";
import { errorDoc } from "./route.ts";
import { nextCursorSchema } from "./schemas.ts";

export const booking = bookingSchema;
export const hold = holdSchema;

export const bookingResponse = z.object({ booking });

export const bookingsPage = z.object({
  bookings: z.array(booking),
  nextCursor: nextCursorSchema,
});

export const actionsSchema = z.object({
  cancelRefundMinor: z.number().int().nonnegative().nullable().describe(
    "What cancelling now would give back to the learner (per the policy in force); null when the caller cannot cancel it.",
  ),
  canReschedule: z.boolean(),
  canDispute: z.boolean().describe(
    "The learner may report a problem (within the window after completion).",
  ),
}).meta({ id: "BookingActions" });

export const insufficientFunds = errorDoc(
  "The wallet is short (error: insufficient_funds): `details` gives `shortMinor` and `currency` (as strings). With `hold: true` the time is held for 10 minutes, `checkoutUrl` opens a top-up for the difference and `holdId` names the hold; the booking (with the hold's id) is made when it is paid.",
);

export const slotTaken = errorDoc(
  "The time is taken (error: slot_unavailable), the learner already has a session then (learner_busy), or the booking changed meanwhile (conflict). Nothing was charged.",
);

export const unbookable = errorDoc(
  "Invalid input (validation_error), or a start the expert's rules refuse (error: unbookable; `details.reason` names the rule: in_past, inside_notice, beyond_horizon, off_grid, outside_availability, clock_change, daily_limit, paused).",
);

/**
 * The bookings feature's public entry: everything outside services/bookings/
 * imports from here. A learner books an expert's session paid from the
 * wallet in one atomic commit that claims both people's time (book.ts,
 * commit.ts, claim.ts); a short wallet can hold the time while a top-up is
 * paid (holds.ts); either side cancels or moves it per the policy
 * (cancel.ts, reschedule.ts, policy.ts); background work settles it by
 * the call's attendance once the call has closed (completed, a learner's
 * no-show, or an expert's absence refunded) and releases the expert's
 * earnings after the dispute window (completion.ts);
 * admins decide disputes (disputes.ts). Both people are emailed each change
 * with an iCalendar invitation (notifications.ts, ical.ts). Every booking
 * is also readable by its start or by when it was made, whoever's
 * (timeline.ts). KV keys: store.ts.
 *
 * Wiring: list `bookingDueWorkJob` and `holdSettleJob` in runtime.ts's JOBS,
 * `bookingDueWorkCron` in main.ts's CRONS and `backfillBookingTimeIndexes`
 * in its STARTUP_MIGRATIONS.
 */
export {
  type Booking,
  BOOKING_EVENT_TYPES,
  BOOKING_STATUSES,
  type BookingEvent,
  bookingEventSchema,
  type BookingPolicy,
  type BookingRequest,
  bookingRequestSchema,
  bookingSchema,
  type BookingStatus,
  bookingStatusSchema,
  type Cancellation,
  DISPUTE_OUTCOMES,
  type DisputeOutcome,
  type Hold,
  HOLD_MINUTES,
  HOLD_MS,
  HOLD_STATUSES,
  holdSchema,
  isSettled,
  MAX_NOTE_LENGTH,
  type Party,
} from "./model.ts";
export {
  BookingFundsError,
  HoldLapsedError,
  LearnerBusyError,
  SlotUnavailableError,
  UnbookableError,
} from "./errors.ts";
export {
  type BookingOutcome,
  bookSession,
  type HoldCheckout,
  type Learner,
} from "./book.ts";
export {
  confirmHold,
  getOwnHold,
  type HoldOutcome,
  holdSettleJob,
  settleHold,
} from "./holds.ts";
export {
  cancelBooking,
  type CancelRequest,
  cancelRequestSchema,
} from "./cancel.ts";
export {
  rescheduleBooking,
  type RescheduleRequest,
  rescheduleRequestSchema,
} from "./reschedule.ts";
export {
  CANCEL_RULES,
  cancellationQuote,
  type CancelQuote,
  type CancelRule,
  policyOf,
} from "./policy.ts";
export {
  bookingDueWorkCron,
  bookingDueWorkJob,
  EXPERT_ABSENT_REASON,
  processDueWork,
  runDueStep,
} from "./completion.ts";
export {
  disputeBooking,
  type DisputeRequest,
  disputeRequestSchema,
  type ResolutionRequest,
  resolutionRequestSchema,
  resolveDispute,
} from "./disputes.ts";
export {
  adminListBookings,
  type AdminQuery,
  adminQuerySchema,
  type BookingActions,
  getBookingFor,
  listBookings,
  listBookingsBetween,
  listQuerySchema,
  MAX_BOOKINGS_BETWEEN,
  MAX_SLOT_WINDOW_DAYS,
  offeringSlots,
  slotQuerySchema,
} from "./queries.ts";
export {
  backfillBookingTimeIndexes,
  bookingsMadeBetween,
  bookingsStartingBetween,
  countBookingsMadeBetween,
  type TimelineOptions,
} from "./timeline.ts";
export {
  completionDueAt,
  countExpertCancellations,
  listBookingEvents,
} from "./store.ts";
export {
  calendarFeedFor,
  type CalendarFeedStatus,
  createCalendarFeed,
  getCalendarFeedStatus,
  revokeCalendarFeed,
} from "./calendar_feed.ts";
export { bookingPeople, type BookingPerson } from "./people.ts";

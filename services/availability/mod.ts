/**
 * The availability feature's public entry: everything outside
 * services/availability/ imports from here. An expert's hours in their own
 * time zone (model.ts), stored one record per expert (store.ts), the pure
 * slot engine (slots.ts, with one module per rule in rules/), and the slot
 * use cases over the store (expert_slots.ts).
 */
export {
  type Availability,
  AVAILABILITY_DEFAULTS,
  type AvailabilityInput,
  availabilityInputSchema,
  instantSchema,
  type Interval,
  intervalSchema,
  INVALID_AVAILABILITY,
  localDateSchema,
  MAX_BUFFER_MINUTES,
  MAX_DAILY_LIMIT,
  MAX_HORIZON_DAYS,
  MAX_INTERVALS_PER_DAY,
  MAX_NOTICE_MINUTES,
  MAX_OVERRIDES,
  type Override,
  timeOfDaySchema,
  type Weekday,
  WEEKDAYS,
  type Weekly,
} from "./model.ts";
export {
  AVAILABILITY_CHANGED,
  type AvailabilityEntry,
  availabilityKey,
  bookingsPaused,
  defaultAvailability,
  getAvailability,
  getAvailabilityEntry,
  saveAvailability,
  type SaveOptions,
} from "./store.ts";
export {
  type BookableResult,
  computeSlots,
  isBookableStart,
  type Slot,
  type SlotQuery,
  type SlotRules,
  UNBOOKABLE_MESSAGES,
  UNBOOKABLE_REASONS,
  type UnbookableReason,
} from "./slots.ts";
export {
  checkExpertStart,
  type ExpertSlotRules,
  expertSlots,
} from "./expert_slots.ts";
export { type BusyInput, occupiedSpan } from "./rules/buffers.ts";
export type { BookedPerLocalDay } from "./rules/daily_limit.ts";
export { DEFAULT_GRID_MINUTES } from "./rules/grid.ts";
export type { Span } from "./spans.ts";
export { type InstantInput, localDateOf } from "./zone_clock.ts";

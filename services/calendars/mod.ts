/**
 * The calendars feature's public entry: everything outside
 * services/calendars/ imports from here. An expert links the secret iCal
 * address of a calendar kept elsewhere; its busy times block their slots.
 *
 * Wiring: list `calendarRefreshJob` in runtime.ts's JOBS,
 * `calendarRefreshCron` in main.ts's CRONS and `sealStoredCalendarUrls` in
 * its STARTUP_MIGRATIONS.
 */
export {
  BUSY_COUNT_DAYS,
  BUSY_HORIZON_DAYS,
  type BusyRange,
  CalendarError,
  type CalendarInput,
  calendarInputSchema,
  type CalendarStatus,
  type ExternalCalendar,
  maskCalendarUrl,
  MAX_BUSY_RANGES,
  MAX_CALENDARS_PER_EXPERT,
  MAX_LABEL_LENGTH,
  REFRESH_INTERVAL_MS,
  RefreshTooSoonError,
  STATUS_OK,
} from "./model.ts";
export {
  addCalendar,
  busyTimes,
  busyTimesMs,
  type CalendarFetchOptions,
  calendarFetchProvider,
  refreshCalendar,
  type RefreshOptions,
  removeCalendar,
} from "./calendars.ts";
export { listCalendars } from "./store.ts";
export {
  type CalendarOverview,
  calendarOverview,
  refreshCalendarNow,
} from "./listing.ts";
export { sealStoredCalendarUrls } from "./url_sealing.ts";
export {
  calendarRefreshCron,
  calendarRefreshJob,
  enqueueDueRefreshes,
} from "./refresh_job.ts";

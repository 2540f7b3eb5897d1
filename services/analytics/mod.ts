/**
 * The analytics feature's public entry: a small first-party event log of
 * consented usage (page views, profile views, bookings opened) with daily
 * roll-ups, and the funnels built from it. Nothing here is a third-party
 * tracker, and nothing is logged for a visitor who has not allowed it
 * (the web layer checks the consent cookie before calling in).
 *
 * Retention: raw events expire after `analyticsRetentionDays` (settings);
 * the retention job calls `purgeAnalyticsBefore` for what KV has not
 * expired yet. Daily counters hold no personal data and are kept.
 */
export {
  ANALYTICS_EVENT_TYPES,
  type AnalyticsEvent,
  type AnalyticsEventInput,
  analyticsEventInputSchema,
  type AnalyticsEventType,
  analyticsEventTypeSchema,
  analyticsPathSchema,
  type DailyCount,
  MAX_PATH_LENGTH,
  MAX_RANGE_DAYS,
  referrerHostSchema,
  visitorIdSchema,
} from "./model.ts";
export {
  dailyCounts,
  dayOf,
  daysBetween,
  listAnalyticsEvents,
  purgeAnalyticsBefore,
  recordAnalyticsEvent,
  SITE_WIDE,
  topPages,
  totalCount,
} from "./store.ts";
export {
  conversionPercent,
  type Funnel,
  FUNNEL_STEPS,
  profileFunnel,
  siteFunnel,
} from "./funnel.ts";

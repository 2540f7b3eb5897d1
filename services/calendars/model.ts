/**
 * External busy calendars: the shapes and limits.
 *
 * An expert links the secret iCal address of a calendar they keep elsewhere
 * (Google, Outlook, Apple); TapTime fetches it in the background and keeps
 * only when the expert is busy — start and end of each busy stretch, merged,
 * no titles or other details — so slot computation can leave those times
 * out.
 *
 * The address is a secret capability: anyone holding it reads the whole
 * calendar. Fetching needs it back, so it cannot be hashed: it is sealed at
 * rest with the app's secret box (see ./url_sealing.ts), and never leaves
 * the service whole: every read returns only its host.
 */
import { z } from "zod";
import { idSchema } from "@/services/platform/model.ts";

/** How many external calendars one expert may link. */
export const MAX_CALENDARS_PER_EXPERT = 5;

/** Busy times are kept from a day before the fetch … */
export const BUSY_PAST_MS = 24 * 3_600_000;
/** … up to this far ahead (bookings go no further than the horizon). */
export const BUSY_HORIZON_DAYS = 90;

/**
 * At most this many merged busy ranges are kept per calendar, the
 * earliest first. Stored as numbers, 2,000 ranges take about 36 KB, well
 * under Deno KV's 64 KiB value limit together with the rest of the record.
 */
export const MAX_BUSY_RANGES = 2_000;

/** A calendar is fetched at most this often, in the background or on request. */
export const REFRESH_INTERVAL_MS = 15 * 60_000;

/** How far ahead the busy times an expert is shown are counted. */
export const BUSY_COUNT_DAYS = 60;

export const MAX_LABEL_LENGTH = 60;
export const MAX_URL_LENGTH = 2_000;
export const URL_TOO_LONG_MESSAGE = `The address is too long (at most ${
  MAX_URL_LENGTH.toLocaleString("en")
} characters).`;

/** The hint that ends messages about a wrong address. */
export const CALENDAR_HELP =
  "Copy the secret address in iCal format from your calendar's settings.";

/**
 * A calendar problem in plain words (fetching, reading or the address),
 * shown to the expert as it is.
 */
export class CalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CalendarError";
  }
}

/**
 * A refresh asked for within 15 minutes of the last fetch: the calendar
 * server would be asked too often. Says when to try again.
 */
export class RefreshTooSoonError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      `This calendar was read less than ${
        REFRESH_INTERVAL_MS / 60_000
      } minutes ago. Try again in ${minutes} ${
        minutes === 1 ? "minute" : "minutes"
      }.`,
    );
    this.name = "RefreshTooSoonError";
  }
}

/** What an expert gives to link a calendar. */
export const calendarInputSchema = z.object({
  url: z.string({ error: "Paste the calendar's secret iCal address." })
    .trim().min(1, "Paste the calendar's secret iCal address.")
    .max(MAX_URL_LENGTH, URL_TOO_LONG_MESSAGE),
  name: z.string().trim().max(
    MAX_LABEL_LENGTH,
    `Keep the name to ${MAX_LABEL_LENGTH} characters.`,
  ).optional(),
});
export type CalendarInput = z.input<typeof calendarInputSchema>;

/** One busy stretch: UTC instants, start before end. */
export interface BusyRange {
  start: string;
  end: string;
}

/** "ok", or what went wrong the last time, in plain words. */
export type CalendarStatus = string;
export const STATUS_OK = "ok";

/**
 * A linked calendar as stored. Its busy ranges live under their own key
 * (see store.ts) as epoch milliseconds in pairs — start, end, start, end —
 * compact enough for the range cap above to fit one KV value.
 */
export const storedCalendarSchema = z.object({
  id: idSchema,
  expertId: idSchema,
  /**
   * The address, sealed for this calendar (./url_sealing.ts). Records
   * written before sealing hold it plain until the start-up migration.
   */
  url: z.string(),
  /** The address's host, kept plain to show (it is no secret). */
  host: z.string().optional(),
  label: z.string(),
  createdAt: z.string(),
  /** The last fetch attempt, successful or not. */
  lastFetchedAt: z.string().nullable(),
  lastStatus: z.string(),
  /** Something the expert should know although the fetch worked. */
  warning: z.string().nullable(),
  etag: z.string().nullable(),
  lastModified: z.string().nullable(),
  busyCount: z.number().int().nonnegative(),
  /**
   * The end (epoch ms) of the window the busy ranges were read for, and
   * the zone floating times were read in. A 304 keeps the ranges only
   * while they still reach far enough ahead and the zone is unchanged;
   * otherwise the next fetch is unconditional.
   */
  busyUntil: z.number().nullable(),
  readZone: z.string().nullable(),
  /** When the background refresh next wants it (epoch ms). */
  dueAt: z.number(),
});
export type StoredCalendar = z.infer<typeof storedCalendarSchema>;

/** A linked calendar as reads return it: only the address's host. */
export interface ExternalCalendar {
  id: string;
  expertId: string;
  /** The host, e.g. `calendar.google.com`. */
  host: string;
  /** The host and "…", e.g. `calendar.google.com/…`. */
  maskedUrl: string;
  name: string;
  createdAt: string;
  lastFetchedAt: string | null;
  /** "ok", or what went wrong the last time, in plain words. */
  lastStatus: CalendarStatus;
  warning: string | null;
  /** How many busy ranges the last successful fetch found. */
  busyCount: number;
  /** When a refresh may be asked for again (the 15-minute rule). */
  refreshableAt: string;
}

/** `calendar.google.com/…`: enough to recognise, useless to fetch. */
export function maskCalendarUrl(url: string): string {
  try {
    return `${new URL(url).host}/…`;
  } catch {
    return "…";
  }
}

/** The host of an address, or "" when it is none. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "";
  }
}

/** The host to show: kept beside the sealed address, or read from a plain one. */
export function storedHost(stored: StoredCalendar): string {
  return stored.host ?? hostOf(stored.url);
}

/** When the 15-minute rule next lets `stored` be fetched (epoch ms). */
export function refreshableAtMs(stored: StoredCalendar): number {
  return stored.lastFetchedAt
    ? Date.parse(stored.lastFetchedAt) + REFRESH_INTERVAL_MS
    : 0;
}

/** The record as reads return it. */
export function toExternalCalendar(stored: StoredCalendar): ExternalCalendar {
  const host = storedHost(stored);
  return {
    id: stored.id,
    expertId: stored.expertId,
    host,
    maskedUrl: host ? `${host}/…` : "…",
    name: stored.label,
    createdAt: stored.createdAt,
    lastFetchedAt: stored.lastFetchedAt,
    lastStatus: stored.lastStatus,
    warning: stored.warning,
    busyCount: stored.busyCount,
    refreshableAt: new Date(refreshableAtMs(stored)).toISOString(),
  };
}

/** A name for a calendar from its address when the expert gives none. */
export function defaultCalendarLabel(url: URL): string {
  const host = url.hostname.toLowerCase();
  if (host === "calendar.google.com" || host.endsWith(".google.com")) {
    return "Google Calendar";
  }
  if (
    host.startsWith("outlook.") || host.endsWith(".outlook.com") ||
    host.endsWith(".office365.com") || host === "outlook.live.com"
  ) {
    return "Outlook";
  }
  if (host.endsWith(".icloud.com")) return "Apple Calendar";
  return host;
}

/**
 * Linking external calendars and reading the expert's busy times from them.
 *
 * Adding a calendar fetches it at once, so the expert learns straight away
 * whether the address works; a failing first fetch is a ValidationError
 * (400) in plain words and nothing is stored. Later fetches (the background
 * refresh, see ./refresh_job.ts) record their outcome on the link instead:
 * a calendar that stops answering keeps its last known busy times — a
 * stale block is safer than a double booking — and shows the expert why.
 *
 * Floating times and all-day events are read in the expert's zone (their
 * profile's), unless the calendar names its own (see ./busy.ts).
 */
import { getExpert, queueNextFreeRefresh } from "@/services/experts/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { newId } from "@/services/platform/kv.ts";
import {
  defineProviderSlot,
  providerFor,
} from "@/services/platform/providers.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { busyFromIcs, isKnownZone, mergeRanges } from "./busy.ts";
import {
  fetchCalendar,
  type FetchCalendarOptions,
  parseCalendarUrl,
} from "./fetch_calendar.ts";
import {
  BUSY_HORIZON_DAYS,
  BUSY_PAST_MS,
  type BusyRange,
  CalendarError,
  type CalendarInput,
  calendarInputSchema,
  defaultCalendarLabel,
  type ExternalCalendar,
  MAX_BUSY_RANGES,
  MAX_CALENDARS_PER_EXPERT,
  REFRESH_INTERVAL_MS,
  STATUS_OK,
  type StoredCalendar,
  toExternalCalendar,
} from "./model.ts";
import { openCalendarUrl, sealCalendarUrl } from "./url_sealing.ts";
import {
  getStoredCalendar,
  listStoredCalendars,
  readBusyPairs,
  stageInsert,
  stageRemove,
  updateCalendar,
  versionKey,
} from "./store.ts";

/**
 * How a fetch may go: `allowLoopback` is for tests that serve calendars
 * from this machine (and lets them use plain http://); the limits default
 * to 10 s and 2 MB.
 */
export type CalendarFetchOptions = Omit<
  FetchCalendarOptions,
  "etag" | "lastModified"
>;

/**
 * The fetch options bound to a database: none in the app (the guard on).
 * An HTTP test binds `{ allowLoopback: true }` to its own database so the
 * API and the pages can reach its local calendar server; nothing in the
 * configuration can.
 */
export const calendarFetchProvider = defineProviderSlot<CalendarFetchOptions>(
  "calendar fetch options",
  () => ({}),
);

/** The bound options, with what the caller passed on top. */
function fetchOptionsFor<T extends CalendarFetchOptions>(
  kv: Deno.Kv,
  options: T,
): T {
  return { ...providerFor(kv, calendarFetchProvider), ...options };
}

const DAY_MS = 86_400_000;
const HORIZON_MS = BUSY_HORIZON_DAYS * DAY_MS;

/** The zone the expert's floating and all-day events are read in. */
async function expertZone(kv: Deno.Kv, expertId: string): Promise<string> {
  const zone = (await getExpert(kv, expertId))?.timeZone;
  return zone && isKnownZone(zone) ? zone : "UTC";
}

interface Read {
  pairs: number[];
  busyCount: number;
  busyUntil: number;
  warning: string | null;
}

/** Busy pairs from calendar text, and what the expert should know. */
async function readBusy(
  text: string,
  now: number,
  zone: string,
): Promise<Read> {
  const busyUntil = now + HORIZON_MS;
  const result = await busyFromIcs(text, {
    from: now - BUSY_PAST_MS,
    to: busyUntil,
    zone,
    maxRanges: MAX_BUSY_RANGES,
  });
  const notes: string[] = [];
  if (result.truncated) {
    const last = result.ranges[result.ranges.length - 1];
    notes.push(
      `The calendar has more than ${
        MAX_BUSY_RANGES.toLocaleString("en")
      } busy times in the next ${BUSY_HORIZON_DAYS} days; only those until ${
        new Date(last[1]).toISOString().slice(0, 10)
      } block bookings.`,
    );
  }
  if (result.expansionCapped) {
    notes.push(
      "Some repeating events repeat too often to read in full; not every instance blocks bookings.",
    );
  }
  if (result.skipped > 0) {
    notes.push(
      result.skipped === 1
        ? "One event could not be read and does not block bookings."
        : `${result.skipped} events could not be read and do not block bookings.`,
    );
  }
  return {
    pairs: result.ranges.flat(),
    busyCount: result.ranges.length,
    busyUntil,
    warning: notes.length ? notes.join(" ") : null,
  };
}

/** The URL's problem as a 400 on the `url` field. */
function urlProblem(error: CalendarError): ValidationError {
  return new ValidationError(error.message, { url: [error.message] });
}

/** Refuses a duplicate address or one link too many. */
async function checkRoom(
  kv: Deno.Kv,
  existing: StoredCalendar[],
  url: string,
): Promise<void> {
  // One that no longer opens cannot be compared; it shows its own problem.
  const linked = await Promise.all(
    existing.map((calendar) => openCalendarUrl(kv, calendar).catch(() => "")),
  );
  if (linked.includes(url)) {
    throw new ConflictError("That calendar is already linked.");
  }
  if (existing.length >= MAX_CALENDARS_PER_EXPERT) {
    throw new ConflictError(
      `You can link at most ${MAX_CALENDARS_PER_EXPERT} calendars; remove one first.`,
    );
  }
}

/**
 * Links a calendar for `expertId` after a first successful fetch. Throws
 * ValidationError (under `url`) for an address that is malformed, refused
 * or not a readable calendar, ConflictError for a duplicate or past
 * MAX_CALENDARS_PER_EXPERT.
 */
export async function addCalendar(
  kv: Deno.Kv,
  expertId: string,
  input: CalendarInput,
  passed: CalendarFetchOptions = {},
): Promise<ExternalCalendar> {
  const options = fetchOptionsFor(kv, passed);
  const parsed = parseInput(
    calendarInputSchema,
    input,
    "Check the calendar address.",
  );
  let url: URL;
  try {
    url = parseCalendarUrl(parsed.url);
  } catch (error) {
    if (error instanceof CalendarError) throw urlProblem(error);
    throw error;
  }
  // Plain http would show the secret to everyone on the way.
  if (url.protocol === "http:" && !options.allowLoopback) {
    throw urlProblem(
      new CalendarError(
        "Use the address that starts with https:// or webcal://; plain http:// would send your secret address unprotected.",
      ),
    );
  }
  // Fail fast before fetching; checked again when writing.
  await checkRoom(kv, await listStoredCalendars(kv, expertId), url.href);

  const now = clockFor(kv).now().getTime();
  const zone = await expertZone(kv, expertId);
  let fetched;
  let read: Read;
  try {
    fetched = await fetchCalendar(url.href, options);
    if (fetched.status !== "fetched") {
      throw new CalendarError("The calendar server sent no calendar.");
    }
    read = await readBusy(fetched.text, now, zone);
  } catch (error) {
    if (error instanceof CalendarError) throw urlProblem(error);
    throw error;
  }

  const at = new Date(now).toISOString();
  const id = newId();
  const calendar: StoredCalendar = {
    id,
    expertId,
    url: await sealCalendarUrl(kv, id, url.href),
    host: url.host,
    label: parsed.name || defaultCalendarLabel(url),
    createdAt: at,
    lastFetchedAt: at,
    lastStatus: STATUS_OK,
    warning: read.warning,
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    busyCount: read.busyCount,
    busyUntil: read.busyUntil,
    readZone: zone,
    dueAt: now + REFRESH_INTERVAL_MS,
  };
  await untilCommitted(async () => {
    const version = await kv.get(versionKey(expertId));
    await checkRoom(kv, await listStoredCalendars(kv, expertId), url.href);
    const op = stageInsert(kv.atomic().check(version), calendar, read.pairs);
    return (await op.commit()).ok ? true : RETRY;
  }, {
    conflictMessage: "Your calendars changed at the same time; try again.",
  });
  await queueNextFreeRefresh(kv, expertId);
  return toExternalCalendar(calendar);
}

/** Unlinks one of the expert's calendars; NotFoundError if not theirs. */
export async function removeCalendar(
  kv: Deno.Kv,
  expertId: string,
  calendarId: string,
): Promise<void> {
  await untilCommitted(async () => {
    const found = await getStoredCalendar(kv, calendarId);
    if (!found || found.calendar.expertId !== expertId) {
      throw new NotFoundError("That calendar is not linked.");
    }
    const at = clockFor(kv).now().toISOString();
    const op = stageRemove(kv.atomic().check(found.entry), found.calendar, at);
    return (await op.commit()).ok ? true : RETRY;
  });
  await queueNextFreeRefresh(kv, expertId);
}

export interface RefreshOptions extends CalendarFetchOptions {
  /** Skip the fetch when the last one is more recent than this (ms). */
  minIntervalMs?: number;
}

/**
 * Fetches a linked calendar again and records the outcome: new busy times
 * (or none changed, on a 304), or the problem in plain words with the last
 * busy times kept. Returns the link as it now stands, or null when it was
 * removed meanwhile.
 */
export async function refreshCalendar(
  kv: Deno.Kv,
  calendarId: string,
  passed: RefreshOptions = {},
): Promise<ExternalCalendar | null> {
  const options = fetchOptionsFor(kv, passed);
  const found = await getStoredCalendar(kv, calendarId);
  if (!found) return null;
  const stored = found.calendar;
  const now = clockFor(kv).now().getTime();
  const last = stored.lastFetchedAt ? Date.parse(stored.lastFetchedAt) : null;
  if (options.minIntervalMs && last && now - last < options.minIntervalMs) {
    return toExternalCalendar(stored);
  }
  const zone = await expertZone(kv, stored.expertId);
  // A 304 may keep the ranges only if they still reach far enough ahead.
  const conditional = stored.readZone === zone && stored.busyUntil !== null &&
    stored.busyUntil >= now + HORIZON_MS - DAY_MS;
  const { minIntervalMs: _, ...fetchOptions } = options;
  let outcome: Partial<StoredCalendar> = {};
  let pairs: number[] | undefined;
  try {
    const fetched = await fetchCalendar(await openCalendarUrl(kv, stored), {
      ...fetchOptions,
      etag: conditional ? stored.etag : null,
      lastModified: conditional ? stored.lastModified : null,
    });
    outcome = { lastStatus: STATUS_OK };
    if (fetched.status === "fetched") {
      const read = await readBusy(fetched.text, now, zone);
      pairs = read.pairs;
      outcome = {
        lastStatus: STATUS_OK,
        warning: read.warning,
        etag: fetched.etag,
        lastModified: fetched.lastModified,
        busyCount: read.busyCount,
        busyUntil: read.busyUntil,
        readZone: zone,
      };
    }
  } catch (error) {
    if (!(error instanceof CalendarError)) throw error;
    outcome = { lastStatus: error.message };
  }
  const updated = await updateCalendar(kv, calendarId, (current) => ({
    ...current,
    ...outcome,
    lastFetchedAt: new Date(now).toISOString(),
    dueAt: now + REFRESH_INTERVAL_MS,
  }), pairs);
  if (updated && pairs) await queueNextFreeRefresh(kv, updated.expertId);
  return updated && toExternalCalendar(updated);
}

function toMs(value: Date | string, field: string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new ValidationError(`The ${field} time is not a valid instant.`, {
      [field]: ["Use an ISO 8601 instant such as 2030-03-20T09:00:00Z."],
    });
  }
  return ms;
}

/**
 * The expert's busy time from all linked calendars within [from, to), as
 * merged epoch-millisecond ranges: what slot computation leaves out.
 */
export async function busyTimesMs(
  kv: Deno.Kv,
  expertId: string,
  from: number,
  to: number,
): Promise<[number, number][]> {
  const ranges: [number, number][] = [];
  for (const pairs of await readBusyPairs(kv, expertId)) {
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      const start = Math.max(pairs[i], from);
      const end = Math.min(pairs[i + 1], to);
      if (end > start) ranges.push([start, end]);
    }
  }
  return mergeRanges(ranges);
}

/** `busyTimesMs` with UTC ISO strings, for the API and pages. */
export async function busyTimes(
  kv: Deno.Kv,
  expertId: string,
  from: Date | string,
  to: Date | string,
): Promise<BusyRange[]> {
  const ranges = await busyTimesMs(
    kv,
    expertId,
    toMs(from, "from"),
    toMs(to, "to"),
  );
  return ranges.map(([start, end]) => ({
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
  }));
}

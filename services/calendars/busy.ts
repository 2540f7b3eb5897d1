/**
 * Reading busy times out of an iCalendar file, with ical.js.
 *
 * What counts as busy: every VEVENT that is neither cancelled
 * (`STATUS:CANCELLED`) nor marked free (`TRANSP:TRANSPARENT`, or Outlook's
 * `X-MICROSOFT-CDO-BUSYSTATUS:FREE`), and the busy periods of VFREEBUSY
 * components (what "free/busy only" shares publish). Tentative events
 * count as busy: a double booking costs more than a slot left out.
 *
 * Time zones:
 * - a time with a TZID uses the file's VTIMEZONE of that name (Outlook's
 *   "W. Europe Standard Time" included); a TZID without a VTIMEZONE is
 *   read as an IANA name when it is one;
 * - UTC times are UTC;
 * - floating times and all-day dates are read in the calendar's own zone
 *   (`X-WR-TIMEZONE`, which Google and Apple write) or, when it names
 *   none, the expert's zone; an all-day event is busy from midnight to
 *   midnight there, DST days included.
 *
 * Recurring events are expanded (RRULE, RDATE, EXDATE, and RECURRENCE-ID
 * overrides, which replace the instance they name — moved, cancelled or
 * made free) only up to the end of the window, with a cap on iterations
 * per event and per file so a hostile or enormous file costs bounded time.
 */
import ICAL from "ical.js";
import { CalendarError } from "./model.ts";

type Time = InstanceType<typeof ICAL.Time>;
type Component = InstanceType<typeof ICAL.Component>;
type Event = InstanceType<typeof ICAL.Event>;

/**
 * Iterations of one recurring event, and of the whole file. ical.js takes
 * some 10–40 µs an iteration (more in zones defined by VTIMEZONE), so the
 * file's cap bounds a refresh to about a second of CPU, and reading yields
 * to the event loop between events so requests are served meanwhile. Daily
 * and weekly series are fast-forwarded to the window (`fastForward`): a
 * calendar of a few hundred series stays far below either cap.
 */
export const MAX_ITERATIONS_PER_EVENT = 5_000;
export const MAX_ITERATIONS_PER_CALENDAR = 25_000;

/** How long reading runs before letting other work in. */
const SLICE_MS = 20;

export interface BusyOptions {
  /** The window, epoch ms: only busy time within it is returned. */
  from: number;
  to: number;
  /** IANA zone for floating times and all-day dates (the expert's). */
  zone: string;
  /** Most ranges returned, the earliest kept (default: no cap). */
  maxRanges?: number;
}

export interface BusyResult {
  /** Merged, sorted, clipped to the window: [start, end] epoch ms. */
  ranges: [number, number][];
  /** More ranges existed than `maxRanges`. */
  truncated: boolean;
  /** Events that could not be read (bad dates, impossible rules). */
  skipped: number;
  /** Some repeating events were not expanded to the window's end. */
  expansionCapped: boolean;
}

const DAY_MS = 86_400_000;

const zoneCache = new Map<string, boolean>();

/** True when the runtime knows `name` as an IANA zone. */
export function isKnownZone(name: string): boolean {
  let known = zoneCache.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    zoneCache.set(name, known);
  }
  return known;
}

/** Sorts and merges ranges that overlap or touch. */
export function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = ranges.filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Parses the text into its VCALENDAR components, or explains why not. */
function calendarsOf(text: string): Component[] {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("<")) {
    throw new CalendarError(
      "The address returned a web page, not a calendar. Copy the secret address in iCal format from your calendar's settings.",
    );
  }
  if (!/^BEGIN:VCALENDAR\s*$/im.test(trimmed)) {
    throw new CalendarError(
      "The address did not return a calendar in iCal format. Copy the secret address in iCal format from your calendar's settings.",
    );
  }
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CalendarError(
      `The calendar could not be read: ${reason.slice(0, 200)}.`,
    );
  }
  // One component parses to one jCal array, several to a list of them.
  const list = Array.isArray(parsed) && typeof parsed[0] === "string"
    ? [parsed]
    : parsed as unknown[];
  const calendars = list.map((jcal) => new ICAL.Component(jcal as unknown[]))
    .filter((component) => component.name === "vcalendar");
  if (calendars.length === 0) {
    throw new CalendarError(
      "The address did not return a calendar in iCal format.",
    );
  }
  return calendars;
}

/** Reads busy time from calendars, one VCALENDAR at a time. */
class BusyReader {
  readonly ranges: [number, number][] = [];
  skipped = 0;
  expansionCapped = false;
  private iterations = 0;
  private sliceStarted = performance.now();

  constructor(
    private readonly options: BusyOptions,
    /** Zone for floating times and dates in the calendar being read. */
    private zone: string,
  ) {}

  async read(calendar: Component): Promise<void> {
    const declared = calendar.getFirstPropertyValue("x-wr-timezone");
    this.zone = typeof declared === "string" && isKnownZone(declared.trim())
      ? declared.trim()
      : this.options.zone;
    const byUid = new Map<string, Component[]>();
    const withoutUid: Component[][] = [];
    for (const vevent of calendar.getAllSubcomponents("vevent")) {
      const uid = String(vevent.getFirstPropertyValue("uid") ?? "");
      if (!uid) withoutUid.push([vevent]);
      else if (byUid.has(uid)) byUid.get(uid)!.push(vevent);
      else byUid.set(uid, [vevent]);
    }
    for (const group of [...byUid.values(), ...withoutUid]) {
      if (performance.now() - this.sliceStarted > SLICE_MS) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        this.sliceStarted = performance.now();
      }
      try {
        this.readEventGroup(group);
      } catch {
        this.skipped++;
      }
    }
    for (const freebusy of calendar.getAllSubcomponents("vfreebusy")) {
      this.readFreeBusy(freebusy);
    }
  }

  /** The events sharing one UID: series, overrides, or plain events. */
  private readEventGroup(group: Component[]): void {
    const overrides = group.filter((c) => c.hasProperty("recurrence-id"));
    for (const override of overrides) {
      // An override stands for itself: moved, cancelled or made free.
      if (isBusy(override)) {
        const event = new ICAL.Event(override, { exceptions: [] });
        this.add(event.startDate, event.endDate, tzidOf(override));
      }
    }
    // Feeds that reuse a UID for unrelated events are read event by event.
    for (const master of group) {
      if (master.hasProperty("recurrence-id") || !isBusy(master)) continue;
      const event = new ICAL.Event(master, { exceptions: overrides });
      if (event.isRecurring()) this.expand(event);
      else this.add(event.startDate, event.endDate, tzidOf(master));
    }
  }

  private expand(event: Event): void {
    const tzid = tzidOf(event.component);
    const hasExceptions = Object.keys(event.exceptions).length > 0;
    // ical.js recomputes an event's duration on every read: read it once.
    const duration = event.duration;
    const lengthMs = this.instant(event.endDate, tzid) -
      this.instant(event.startDate, tzid);
    // An instance starting before this cannot reach the window (a day of
    // slack for a DST change inside it).
    const earliest = this.options.from - Math.max(0, lengthMs) - DAY_MS;
    const iterator = event.iterator(this.fastForward(event, tzid));
    for (let count = 0;; count++) {
      if (
        count >= MAX_ITERATIONS_PER_EVENT ||
        this.iterations++ >= MAX_ITERATIONS_PER_CALENDAR
      ) {
        this.expansionCapped = true;
        return;
      }
      const occurrence = iterator.next();
      if (!occurrence) return;
      const start = this.instant(occurrence, tzid);
      if (start >= this.options.to) return;
      if (start < earliest && !hasExceptions) continue;
      if (!hasExceptions) {
        const end = occurrence.clone();
        end.addDuration(duration);
        this.addInstants(start, this.instant(end, tzid));
        continue;
      }
      // Overridden instances were read with the overrides.
      if (occurrence.toString() in event.exceptions) continue;
      const utcId = occurrence.convertToZone(ICAL.Timezone.utcTimezone);
      if (utcId.toString() in event.exceptions) continue;
      // What is left may still be shifted by a RANGE=THISANDFUTURE override.
      const details = event.getOccurrenceDetails(occurrence);
      if (details.item !== event && !isBusy(details.item.component)) continue;
      this.add(
        details.startDate,
        details.endDate,
        tzidOf(details.item.component),
      );
    }
  }

  /**
   * A later start for expanding a long-running daily or weekly series: the
   * original start moved ahead by whole intervals (so every later instance
   * is the same), to a point ending two days and one interval before the
   * window. ical.js yields the start it is given as an instance even when
   * the rule's BYDAY would not, so that point must end before the window.
   * Series counted with COUNT, or with RDATEs or several rules, start
   * where they start.
   */
  private fastForward(event: Event, tzid: string | null): Time | undefined {
    const rules = event.component.getAllProperties("rrule");
    if (rules.length !== 1 || event.component.hasProperty("rdate")) {
      return undefined;
    }
    const rule = rules[0].getFirstValue() as InstanceType<typeof ICAL.Recur>;
    if (rule.count || (rule.freq !== "DAILY" && rule.freq !== "WEEKLY")) {
      return undefined;
    }
    const start = event.startDate;
    const periodDays = (rule.interval || 1) * (rule.freq === "WEEKLY" ? 7 : 1);
    const durationMs = this.instant(event.endDate, tzid) -
      this.instant(start, tzid);
    const aheadMs = this.options.from - 2 * DAY_MS - Math.max(0, durationMs) -
      this.instant(start, tzid);
    const periods = Math.floor(aheadMs / DAY_MS / periodDays) - 1;
    if (!(periods > 0)) return undefined;
    return start.clone().adjust(periods * periodDays, 0, 0, 0);
  }

  private readFreeBusy(component: Component): void {
    for (const property of component.getAllProperties("freebusy")) {
      const type = String(property.getParameter("fbtype") ?? "BUSY");
      if (type.toUpperCase() === "FREE") continue;
      for (const value of property.getValues()) {
        try {
          const period = value as InstanceType<typeof ICAL.Period>;
          this.add(period.start, period.getEnd(), null);
        } catch {
          this.skipped++;
        }
      }
    }
  }

  private add(start: Time | null, end: Time | null, tzid: string | null): void {
    if (!start || !end) return;
    this.addInstants(this.instant(start, tzid), this.instant(end, tzid));
  }

  private addInstants(from: number, to: number): void {
    if (!Number.isFinite(from) || !Number.isFinite(to)) {
      this.skipped++;
      return;
    }
    const clippedStart = Math.max(from, this.options.from);
    const clippedEnd = Math.min(to, this.options.to);
    if (clippedEnd > clippedStart) this.ranges.push([clippedStart, clippedEnd]);
  }

  /**
   * The instant (epoch ms) a time stands for; `tzid` is the TZID its
   * property named. See the module comment.
   */
  private instant(time: Time, tzid: string | null): number {
    const wall = {
      year: time.year,
      month: time.month,
      day: time.day,
    };
    if (time.isDate) {
      return Temporal.PlainDate.from(wall).toZonedDateTime({
        timeZone: this.zone,
      }).epochMilliseconds;
    }
    if (time.zone && time.zone.tzid !== "floating") {
      return time.toUnixTime() * 1000;
    }
    // Floating: a TZID without a VTIMEZONE if it is an IANA name, else the
    // calendar's zone.
    const zone = tzid && isKnownZone(tzid) ? tzid : this.zone;
    return Temporal.PlainDateTime.from({
      ...wall,
      hour: time.hour,
      minute: time.minute,
      second: time.second,
    }).toZonedDateTime(zone).epochMilliseconds;
  }
}

/** The TZID parameter of the component's DTSTART, if any. */
function tzidOf(component: Component): string | null {
  const tzid = component.getFirstProperty("dtstart")?.getParameter("tzid");
  return typeof tzid === "string" && tzid ? tzid : null;
}

/** False for cancelled events and events marked free. */
function isBusy(component: Component): boolean {
  const value = (name: string) =>
    String(component.getFirstPropertyValue(name) ?? "").trim().toUpperCase();
  if (value("status") === "CANCELLED") return false;
  if (value("transp") === "TRANSPARENT") return false;
  if (value("x-microsoft-cdo-busystatus") === "FREE") return false;
  return true;
}

/**
 * The busy time in `text` (an iCalendar file) within the window, merged.
 * Throws a CalendarError when the text is not a readable calendar;
 * individual unreadable events are skipped and counted instead.
 */
export async function busyFromIcs(
  text: string,
  options: BusyOptions,
): Promise<BusyResult> {
  const reader = new BusyReader(options, options.zone);
  for (const calendar of calendarsOf(text)) await reader.read(calendar);
  const merged = mergeRanges(reader.ranges);
  const max = options.maxRanges ?? Infinity;
  return {
    ranges: merged.slice(0, max),
    truncated: merged.length > max,
    skipped: reader.skipped,
    expansionCapped: reader.expansionCapped,
  };
}

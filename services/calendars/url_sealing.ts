/**
 * Sealing the secret calendar addresses at rest. Whoever holds an address
 * reads the expert's whole calendar, and TapTime must read it back for
 * every fetch, so it cannot be hashed: it is sealed with the app's secret
 * box, bound to its calendar (a sealed address copied onto another record
 * does not open there). Records stored before sealing hold the address
 * plain; fetching still reads them (`openCalendarUrl`), and the start-up
 * step below seals them all, each in an atomic checked on the record.
 */
import { isSealed, secretBoxFor } from "@/services/platform/secrets.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import type { MigrationResult } from "@/services/platform/startup.ts";
import {
  CalendarError,
  hostOf,
  type StoredCalendar,
  storedCalendarSchema,
} from "./model.ts";
import { calendarKey, CALENDARS } from "./store.ts";

/** What a sealed address is bound to: its calendar. */
const purpose = (calendarId: string) => `calendar-url:${calendarId}`;

/** The address sealed for calendar `calendarId`. */
export async function sealCalendarUrl(
  kv: Deno.Kv,
  calendarId: string,
  url: string,
): Promise<string> {
  return await (await secretBoxFor(kv)).seal(url, purpose(calendarId));
}

/**
 * The calendar's address in the clear (one stored before sealing as it
 * was). A CalendarError when it no longer opens (the encryption key was
 * replaced): the expert must link the calendar again.
 */
export async function openCalendarUrl(
  kv: Deno.Kv,
  calendar: Pick<StoredCalendar, "id" | "url">,
): Promise<string> {
  if (!isSealed(calendar.url)) return calendar.url;
  try {
    return await (await secretBoxFor(kv)).open(
      calendar.url,
      purpose(calendar.id),
    );
  } catch {
    throw new CalendarError(
      "TapTime can no longer read this calendar's address. Remove the calendar and add it again.",
    );
  }
}

/**
 * Seals every plain calendar address (and keeps its host beside it, to
 * show); idempotent. A record that is not a calendar link is reported and
 * left alone.
 */
export async function sealStoredCalendarUrls(
  kv: Deno.Kv,
): Promise<MigrationResult> {
  let migrated = 0;
  const unresolved: MigrationResult["unresolved"] = [];
  for await (const listed of kv.list({ prefix: [CALENDARS] })) {
    const id = String(listed.key[1]);
    const parsed = storedCalendarSchema.safeParse(listed.value);
    if (!parsed.success) {
      unresolved.push({ id, problem: "not a calendar link" });
      continue;
    }
    if (isSealed(parsed.data.url)) continue;
    const sealed = await untilCommitted(async () => {
      const entry = await kv.get(calendarKey(id));
      const current = storedCalendarSchema.safeParse(entry.value);
      if (!current.success || isSealed(current.data.url)) return false;
      const calendar: StoredCalendar = {
        ...current.data,
        host: current.data.host ?? hostOf(current.data.url),
        url: await sealCalendarUrl(kv, id, current.data.url),
      };
      const op = kv.atomic().check(entry).set(calendarKey(id), calendar);
      return (await op.commit()).ok ? true : RETRY;
    });
    if (sealed) migrated++;
  }
  return { migrated, unresolved };
}

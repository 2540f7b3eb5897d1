/**
 * Preselects the browser's time zone in a server-rendered time-zone select
 * (signup): a static module, not an island, so the page hydrates nothing
 * and ships no list. The page describes the select in a JSON data block
 * (`TIME_ZONE_DETECT_ID`, written by components/form/TimeZoneField.tsx):
 * which select, the zone the server chose (a visitor's own choice is never
 * overridden), and the older spellings a browser may report mapped to the
 * names the list holds. Without JavaScript the select keeps its default.
 */

/** The id of the page's data block; components/form/TimeZoneField.tsx writes it. */
export const TIME_ZONE_DETECT_ID = "time-zone-detect";

/** What the data block holds. */
export interface TimeZoneDetectData {
  selectId: string;
  initial: string;
  aliases: Record<string, string>;
}

function detect(): void {
  const text = document.getElementById(TIME_ZONE_DETECT_ID)?.textContent;
  if (!text) return;
  const { selectId, initial, aliases } = JSON.parse(text) as TimeZoneDetectData;
  const select = document.getElementById(selectId);
  if (!(select instanceof HTMLSelectElement) || select.value !== initial) {
    return;
  }
  const detected = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!detected) return;
  const zone = aliases[detected] ?? detected;
  if ([...select.options].some((option) => option.value === zone)) {
    select.value = zone;
  }
}

if (typeof document !== "undefined") detect();

/**
 * The time-zone picker: a server-rendered `<select>` of the canonical IANA
 * names (the tz database's, the only ones the account schema stores), so it
 * works without JavaScript and ships no list to the browser. Where asked
 * (signup), a few lines of static script (web/scripts/time_zone_detect.ts)
 * preselect the zone the browser reports, mapping the runtime's older
 * spellings (`Asia/Calcutta`) to the listed name; what they need travels in
 * a JSON data block, so nothing hydrates.
 */
import {
  canonicalTimeZoneOf,
  timeZoneNames,
} from "@/services/platform/model.ts";
import { ClientScript } from "@/framework/runtime.ts";
import { renderMarkup, trustedMarkup } from "@/framework/markup.ts";
import {
  TIME_ZONE_DETECT_ID,
  type TimeZoneDetectData,
} from "@/web/scripts/time_zone_detect.ts";
import type { FieldProps } from "./Field.tsx";
import { SelectField } from "./inputs.tsx";

let options: { value: string; label: string }[] | null = null;
let aliases: Record<string, string> | null = null;

/** Every canonical zone, labelled with spaces ("America/New York"). */
function zoneOptions(): { value: string; label: string }[] {
  options ??= timeZoneNames().map((zone) => ({
    value: zone,
    label: zone.replaceAll("_", " "),
  }));
  return options;
}

/**
 * The runtime's zone names that are not canonical, each with its canonical
 * name. Browsers report zones with the same ICU data, so this covers what
 * they detect; it is a few dozen entries, not the whole list.
 */
function zoneAliases(): Record<string, string> {
  if (!aliases) {
    const found: Record<string, string> = {};
    for (const zone of Intl.supportedValuesOf("timeZone")) {
      const canonical = canonicalTimeZoneOf(zone);
      if (canonical && canonical !== zone) found[zone] = canonical;
    }
    aliases = found;
  }
  return aliases;
}

let optionsMarkup: string | null = null;
/** Where each zone's opening tag ends in the kept markup (-1: not listed). */
const optionEnds = new Map<string, number>();

/**
 * The ~420 options rendered once (a form renders them in a fraction of the
 * time), with `selected` written onto the chosen one. Zone names hold no
 * character that HTML escapes, so the chosen one is found as written.
 */
function renderedZoneOptions(selected: string) {
  optionsMarkup ??= renderMarkup(
    zoneOptions().map((option) => (
      <option value={option.value}>{option.label}</option>
    )),
  );
  let end = optionEnds.get(selected);
  if (end === undefined) {
    const chosen = `<option value="${selected}">`;
    const at = optionsMarkup.indexOf(chosen);
    end = at === -1 ? -1 : at + chosen.length - 1;
    if (optionEnds.size >= 1_000) optionEnds.clear();
    optionEnds.set(selected, end);
  }
  if (end === -1) return trustedMarkup(optionsMarkup);
  // Slices of the kept markup, not a copy of it: the page joins them anyway.
  return trustedMarkup(
    optionsMarkup.slice(0, end) + " selected" + optionsMarkup.slice(end),
  );
}

/** The data block's text; `<` escaped so it cannot end the element. */
function detectData(data: TimeZoneDetectData): string {
  return JSON.stringify(data).replace(/</g, "\\u003c");
}

export function TimeZoneField(
  props: Omit<FieldProps, "optional"> & {
    /** The zone to show selected (what the visitor sent, or their saved zone). */
    value: string;
    /** Preselect the browser's own zone once the page loads (signup only). */
    detect?: boolean;
  },
) {
  const { value, detect = false } = props;
  // A zone saved under an older spelling shows as its canonical name.
  const selected = canonicalTimeZoneOf(value) ?? value;
  return (
    <>
      <SelectField
        {...props}
        value={selected}
        options={zoneOptions()}
        renderedOptions={renderedZoneOptions(selected)}
      />
      {detect && (
        <>
          <script
            type="application/json"
            id={TIME_ZONE_DETECT_ID}
            // deno-lint-ignore react-no-danger
            dangerouslySetInnerHTML={{
              __html: detectData({
                selectId: props.id ?? props.name,
                initial: selected,
                aliases: zoneAliases(),
              }),
            }}
          />
          <ClientScript name="time-zone-detect" />
        </>
      )}
    </>
  );
}

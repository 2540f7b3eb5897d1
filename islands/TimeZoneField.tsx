import { useEffect, useState } from "preact/hooks";
// Plain markup with no server-only imports, so safe to ship to the browser.
import { controlAttributes, Field } from "@/components/FormField.tsx";

export interface TimeZoneFieldProps {
  /** The form field name; also the select's id. */
  name: string;
  label: string;
  /** The zone to show selected (what the visitor sent, or their saved zone). */
  value: string;
  /** Preselect the browser's own zone once the page loads (signup only). */
  detect?: boolean;
  error?: string;
  hint?: string;
}

/** Every IANA zone this runtime knows, plus UTC (which the list omits). */
function timeZones(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

/**
 * A time-zone select. The server renders the full list, so it works without
 * JavaScript; once hydrated it preselects the zone the browser reports, which
 * is right for almost everyone and still editable.
 */
export default function TimeZoneField(
  { name, label, value, detect = false, error, hint }: TimeZoneFieldProps,
) {
  const [selected, setSelected] = useState(value);
  const zones = timeZones();

  useEffect(() => {
    if (!detect) return;
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (browserZone && zones.includes(browserZone)) setSelected(browserZone);
  }, []);

  return (
    <Field name={name} label={label} hint={hint} error={error}>
      <select
        {...controlAttributes({ name, hint, error })}
        value={selected}
        onChange={(event) => setSelected(event.currentTarget.value)}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone} selected={zone === selected}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
      </select>
    </Field>
  );
}

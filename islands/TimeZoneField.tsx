import { useEffect, useState } from "preact/hooks";

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

  const describedBy = [hint && `${name}-hint`, error && `${name}-error`]
    .filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label for={name} class="block text-sm font-semibold text-slate-900">
        {label}
      </label>
      <select
        id={name}
        name={name}
        value={selected}
        onChange={(event) => setSelected(event.currentTarget.value)}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy}
        class={`mt-1.5 block w-full rounded-lg border bg-white px-3 py-2.5 text-base text-slate-900 shadow-sm ${
          error ? "border-red-700" : "border-slate-400"
        }`}
      >
        {zones.map((zone) => (
          <option key={zone} value={zone} selected={zone === selected}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${name}-hint`} class="mt-1 text-sm text-slate-700">{hint}</p>
      )}
      {error && (
        <p id={`${name}-error`} class="mt-1.5 text-sm font-medium text-red-800">
          <span aria-hidden="true">⚠️</span> {error}
        </p>
      )}
    </div>
  );
}

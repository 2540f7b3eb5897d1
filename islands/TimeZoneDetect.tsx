import { useEffect } from "preact/hooks";

export interface TimeZoneDetectProps {
  /** The id of the server-rendered time-zone `<select>`. */
  selectId: string;
  /** The zone the server selected; a visitor's own choice is never overridden. */
  initial: string;
  /** Older spellings the browser may report → the names the list holds. */
  aliases: Record<string, string>;
}

/**
 * Preselects the browser's time zone in the server-rendered select next to
 * it, which is right for almost everyone and still editable. Renders
 * nothing; without JavaScript the select simply keeps its default.
 */
export default function TimeZoneDetect(
  { selectId, initial, aliases }: TimeZoneDetectProps,
) {
  useEffect(() => {
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
  }, []);
  return null;
}

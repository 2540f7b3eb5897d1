/**
 * One free time as a choosable chip (a visually hidden radio), the same on
 * the server-rendered list and in the booking island.
 */
import { timeIn } from "./time.ts";

export function SlotOption(
  { start, zone, checked, onChoose }: {
    start: string;
    zone: string;
    checked?: boolean;
    /** In the island: remember the choice. */
    onChoose?: () => void;
  },
) {
  return (
    <label class="block cursor-pointer">
      <input
        type="radio"
        name="start"
        value={start}
        checked={checked}
        onChange={onChoose}
        class="peer sr-only"
        required
      />
      <span class="block rounded-lg border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900 peer-checked:border-brand-700 peer-checked:bg-brand-700 peer-checked:text-white peer-focus-visible:ring-2 peer-focus-visible:ring-brand-700 peer-focus-visible:ring-offset-2">
        {timeIn(start, zone)}
      </span>
    </label>
  );
}

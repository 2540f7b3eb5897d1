/**
 * What a visitor typed, ticked or chose inside an island's server-rendered
 * markup before its script started (a slow connection leaves a page usable
 * for seconds before it is interactive).
 *
 * Hydration does not read form state: Preact sets a textarea back to the
 * value its component renders, and the island's state never hears of the
 * rest, so its next render undoes them (a chosen radio is cleared, and a
 * required group then stops the form from sending). `noteEarlyInput` is
 * read just before hydrating; `replayEarlyInput` just after puts each
 * control back and sends the events the visitor's own input sends, so the
 * island's handlers take the input as if it came after the island started.
 *
 * File inputs are left out: a file cannot be put back, and islands that
 * watch one check it when they start.
 */

type Control = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** One control the visitor changed, and how they left it. */
export interface EarlyInput {
  control: Control;
  value: string;
  checked: boolean;
  /** For a `<select>`: which options were selected. */
  selected: boolean[];
}

/** Inputs whose value is not the visitor's to change. */
const NOT_TYPED = new Set([
  "hidden",
  "file",
  "submit",
  "button",
  "reset",
  "image",
]);

/** The controls under `root` that differ from how the server rendered them. */
export function noteEarlyInput(root: ParentNode): EarlyInput[] {
  const changed: EarlyInput[] = [];
  for (const control of root.querySelectorAll("input, textarea, select")) {
    if (control instanceof HTMLSelectElement) {
      const options = [...control.options];
      const defaults = defaultSelection(control);
      if (options.some((option, i) => option.selected !== defaults[i])) {
        changed.push({
          control,
          value: control.value,
          checked: false,
          selected: options.map((option) => option.selected),
        });
      }
    } else if (control instanceof HTMLTextAreaElement) {
      if (control.value !== control.defaultValue) {
        changed.push({
          control,
          value: control.value,
          checked: false,
          selected: [],
        });
      }
    } else if (control instanceof HTMLInputElement) {
      if (NOT_TYPED.has(control.type)) continue;
      const ticks = control.type === "checkbox" || control.type === "radio";
      // A radio left unchecked by choosing another in its group is put
      // back by checking that other one.
      const moved = ticks
        ? control.checked !== control.defaultChecked &&
          (control.type === "checkbox" || control.checked)
        : control.value !== control.defaultValue;
      if (moved) {
        changed.push({
          control,
          value: control.value,
          checked: control.checked,
          selected: [],
        });
      }
    }
  }
  return changed;
}

/**
 * Which options a select shows selected before anyone touches it: those
 * marked `selected`, else (one choice, none marked) the first that is not
 * disabled, which the browser selects by itself.
 */
function defaultSelection(select: HTMLSelectElement): boolean[] {
  const options = [...select.options];
  const marked = options.map((option) => option.defaultSelected);
  if (select.multiple || marked.some(Boolean)) return marked;
  const first = options.findIndex((option) => !option.disabled);
  return options.map((_, i) => i === first);
}

/** Puts each noted control back as the visitor left it and tells the island. */
export function replayEarlyInput(inputs: readonly EarlyInput[]): void {
  for (const { control, value, checked, selected } of inputs) {
    // Hydration may have replaced an element rather than reused it.
    if (!control.isConnected) continue;
    if (control instanceof HTMLSelectElement) {
      [...control.options].forEach((option, i) => {
        option.selected = selected[i] ?? false;
      });
    } else if (
      control instanceof HTMLInputElement &&
      (control.type === "checkbox" || control.type === "radio")
    ) {
      control.checked = checked;
    } else {
      control.value = value;
    }
    control.dispatchEvent(new Event("input", { bubbles: true }));
    control.dispatchEvent(new Event("change", { bubbles: true }));
  }
}

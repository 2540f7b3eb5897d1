/** The profile completeness meter of the expert's profile page. */
import type { Completeness } from "@/services/applications/mod.ts";
import { Icon } from "@/components/Icon.tsx";

/** The profile's completeness: a labelled progress bar and what to add next. */
export function CompletenessChecklist(
  { completeness }: { completeness: Completeness },
) {
  return (
    <div class="space-y-3">
      <label for="completeness" class="block font-semibold text-slate-900">
        {`Your profile is ${completeness.percent}% complete`}
      </label>
      <progress
        id="completeness"
        max={100}
        value={completeness.percent}
        class="h-3 w-full overflow-hidden rounded-full accent-brand-700"
      >
        {`${completeness.percent}%`}
      </progress>
      <ul class="space-y-2">
        {completeness.items.map((item) => (
          <li key={item.id} class="flex gap-2">
            {item.done
              ? (
                <Icon
                  name="circle-check"
                  class="mt-0.5 h-5 w-5 text-emerald-700"
                />
              )
              : <Icon name="circle" class="mt-0.5 h-5 w-5 text-slate-500" />}
            <span>
              <span class="font-medium text-slate-900">{item.label}</span>
              <span class="sr-only">{item.done ? " (done)" : " (to do)"}</span>
              {!item.done && (
                <span class="block text-sm text-slate-700">{item.hint}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The onboarding's progress indicator: "Step 2 of 4" in words, then an
 * ordered list of the steps, each marked done or not, the current one with
 * aria-current="step". Steps the learner may open (up to where they
 * resume) are links; later ones are plain text.
 */
import {
  ONBOARDING_STEPS,
  type OnboardingProgress as Progress,
  type OnboardingStep,
} from "@/services/learners/mod.ts";
import { onboardingHref, STEP_LABELS, stepNumber } from "./steps.ts";

export function OnboardingProgress(
  { progress, current }: { progress: Progress; current: OnboardingStep },
) {
  const reachable = stepNumber(progress.step);
  return (
    <nav aria-labelledby="onboarding-progress-heading" class="space-y-3">
      <p
        id="onboarding-progress-heading"
        class="text-sm font-semibold text-brand-800"
      >
        {`Step ${stepNumber(current)} of ${ONBOARDING_STEPS.length}`}
        <span class="sr-only">{`: ${STEP_LABELS[current]}`}</span>
      </p>
      <ol class="grid grid-cols-4 gap-2">
        {ONBOARDING_STEPS.map((step, index) => {
          const isCurrent = step === current;
          const done = progress.completed[step];
          const box =
            `flex h-full flex-col gap-1 rounded-lg border-t-4 px-1 pt-2 text-xs font-medium sm:text-sm ${
              isCurrent
                ? "border-brand-700 text-brand-900"
                : done
                ? "border-emerald-700 text-slate-800"
                : "border-slate-300 text-slate-700"
            }`;
          const label = (
            <>
              <span aria-hidden="true" class="font-bold">
                {done && !isCurrent ? "✓" : index + 1}
              </span>
              <span>
                {STEP_LABELS[step]}
                <span class="sr-only">
                  {done ? " (done)" : " (not done yet)"}
                </span>
              </span>
            </>
          );
          return (
            <li key={step}>
              {index + 1 <= reachable || done
                ? (
                  <a
                    href={onboardingHref(step)}
                    aria-current={isCurrent ? "step" : undefined}
                    class={`${box} hover:bg-slate-50`}
                  >
                    {label}
                  </a>
                )
                : (
                  <span
                    aria-current={isCurrent ? "step" : undefined}
                    class={box}
                  >
                    {label}
                  </span>
                )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

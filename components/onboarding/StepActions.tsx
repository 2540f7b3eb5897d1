/**
 * The buttons under an onboarding step. Continue comes first in the form,
 * so pressing Enter continues; Back saves too (nothing typed is lost), and
 * Skip leaves the flow for the dashboard, keeping what was entered.
 */
import { Button } from "@/components/Button.tsx";

export function StepActions(
  { continueLabel = "Continue", back, skipLabel }: {
    continueLabel?: string;
    /** Whether there is a step to go back to. */
    back: boolean;
    skipLabel: string;
  },
) {
  return (
    <div class="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-5">
      <Button name="action" value="continue">{continueLabel}</Button>
      {back && (
        <Button name="action" value="back" variant="secondary">Back</Button>
      )}
      <div class="sm:ml-auto">
        <Button name="action" value="skip" variant="ghost" formNoValidate>
          {skipLabel}
        </Button>
      </div>
    </div>
  );
}

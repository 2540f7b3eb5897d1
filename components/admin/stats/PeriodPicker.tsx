/**
 * Choosing the statistics' period: the 7, 30 and 90-day presets as links
 * (the current one marked) and a from/to form for any other days, with its
 * errors beside the fields.
 */
import { Button } from "@/components/Button.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { Tabs } from "@/components/money/Table.tsx";
import { PERIOD_PRESETS } from "@/services/platform_stats/mod.ts";

export interface PeriodChoice {
  /** What the form shows (as sent, so a mistake can be corrected). */
  from: string;
  to: string;
  /** The preset in force, or null for chosen dates. */
  preset: number | null;
}

export function PeriodPicker(
  { action, choice, errors, today }: {
    /** The page the choice reloads. */
    action: string;
    choice: PeriodChoice;
    errors: Partial<Record<"from" | "to" | "days", string>>;
    today: string;
  },
) {
  return (
    <div class="space-y-4">
      <Tabs
        label="Period"
        items={PERIOD_PRESETS.map((days) => ({
          href: `${action}?days=${days}`,
          label: `Last ${days} days`,
          current: choice.preset === days,
        }))}
      />
      <form
        method="get"
        action={action}
        noValidate
        class="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      >
        <TextField
          type="date"
          name="from"
          label="From"
          optional={false}
          value={choice.from}
          max={today}
          error={errors.from ?? errors.days}
        />
        <TextField
          type="date"
          name="to"
          label="To (inclusive)"
          optional={false}
          value={choice.to}
          max={today}
          error={errors.to}
        />
        <Button>Show these days</Button>
      </form>
      <p class="text-sm text-slate-700">Days are UTC calendar days.</p>
    </div>
  );
}

/**
 * The goals step's fields: a few rows of a goal and an optional target
 * date. One more empty row than filled ones (at least three, at most the
 * five allowed), so a learner can always add one without JavaScript.
 */
import { Fieldset } from "@/components/form/Field.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { MAX_GOALS } from "@/services/learners/mod.ts";
const MIN_ROWS = 3;

export interface GoalRow {
  text: string;
  targetDate: string;
}

/** The rows to show for `goals`, padded with empty ones. */
export function goalRows(goals: readonly GoalRow[]): GoalRow[] {
  const rows = goals.slice(0, MAX_GOALS);
  const wanted = Math.min(MAX_GOALS, Math.max(MIN_ROWS, rows.length + 1));
  while (rows.length < wanted) rows.push({ text: "", targetDate: "" });
  return rows;
}

export function GoalRows(
  { rows, errors }: { rows: GoalRow[]; errors: Record<string, string> },
) {
  return (
    <Fieldset
      id="goals"
      legend="What do you want to achieve?"
      size="base"
      hint={`One sentence each, e.g. "Give a talk in English without notes". At least one, up to ${MAX_GOALS}; a target date is optional.`}
      error={errors.goals}
      class="space-y-4"
    >
      {rows.map((goal, index) => (
        <div
          key={index}
          class="grid gap-3 sm:grid-cols-[3fr_1fr]"
        >
          <TextField
            name={`goal-${index}`}
            label={`Goal ${index + 1}`}
            required={index === 0}
            value={goal.text}
            error={errors[`goal-${index}`]}
          />
          <TextField
            name={`goal-${index}-date`}
            label={`Target date for goal ${index + 1}`}
            type="date"
            value={goal.targetDate}
            error={errors[`goal-${index}-date`]}
          />
        </div>
      ))}
    </Fieldset>
  );
}

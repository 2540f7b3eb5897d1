/**
 * The learner's goals on their home, each with its milestones and a
 * progress bar (the share ticked off). Plain forms posting to the home
 * (`intent`: add, done, undo, remove), so it all works without JavaScript;
 * the page redirects back to the goal after each change.
 */
import type { GoalProgress } from "@/services/progress/mod.ts";
import {
  MAX_MILESTONE_TEXT,
  MAX_MILESTONES_PER_GOAL,
} from "@/services/progress/mod.ts";
import { Button } from "@/components/Button.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { formatDate, plural } from "@/web/format.ts";

/** What the learner typed and why it was refused, for one goal's form. */
export interface MilestoneFormState {
  goalId: string;
  text: string;
  error: string;
}

export const MILESTONE_INTENTS = ["add", "done", "undo", "remove"] as const;
export type MilestoneIntent = typeof MILESTONE_INTENTS[number];

/** The anchor of a goal on the home. */
export function goalAnchor(goalId: string): string {
  return `goal-${goalId}`;
}

/** A native progress bar, drawn in the site's colours. */
export const PROGRESS_CLASS =
  "block h-3 w-full appearance-none overflow-hidden rounded-full bg-slate-200 [&::-moz-progress-bar]:bg-teal-700 [&::-webkit-progress-bar]:bg-slate-200 [&::-webkit-progress-value]:bg-teal-700";

function ProgressBar(
  { goal, headingId }: { goal: GoalProgress; headingId: string },
) {
  const summary = goal.total === 0
    ? "No milestones yet"
    : `${goal.done} of ${
      plural(goal.total, "milestone")
    } done (${goal.percent}%)`;
  return (
    <div>
      <progress
        value={goal.percent}
        max={100}
        aria-labelledby={headingId}
        aria-describedby={`${headingId}-summary`}
        class={PROGRESS_CLASS}
      >
        {`${goal.percent}%`}
      </progress>
      <p id={`${headingId}-summary`} class="mt-1 text-sm text-slate-700">
        {summary}
      </p>
    </div>
  );
}

function Hidden({ goalId, milestoneId, intent }: {
  goalId: string;
  milestoneId?: string;
  intent: MilestoneIntent;
}) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="goal" value={goalId} />
      {milestoneId && (
        <input type="hidden" name="milestone" value={milestoneId} />
      )}
    </>
  );
}

function GoalItem(
  { goal, form }: { goal: GoalProgress; form: MilestoneFormState | null },
) {
  const anchor = goalAnchor(goal.goalId);
  // A refused add comes back in its form, even on a full goal.
  const full = goal.total >= MAX_MILESTONES_PER_GOAL && !form;
  const fieldId = `${anchor}-text`;
  return (
    <li id={anchor} class="space-y-3 py-4 first:pt-0 last:pb-0">
      <h3 id={`${anchor}-heading`} class="font-semibold text-slate-900">
        {goal.text}
        {goal.targetDate && (
          <span class="font-normal text-slate-700">
            {` (by ${formatDate(goal.targetDate)})`}
          </span>
        )}
      </h3>
      <ProgressBar goal={goal} headingId={`${anchor}-heading`} />
      {goal.milestones.length > 0 && (
        <ul class="space-y-2">
          {goal.milestones.map((milestone) => (
            <li
              key={milestone.id}
              class="flex items-start justify-between gap-3 rounded-lg border border-slate-200 p-2"
            >
              <form method="post" class="min-w-0 flex-1">
                <Hidden
                  goalId={goal.goalId}
                  milestoneId={milestone.id}
                  intent={milestone.done ? "undo" : "done"}
                />
                <button
                  type="submit"
                  class="flex w-full min-w-0 items-start gap-3 rounded-md p-1 text-left hover:bg-slate-50"
                >
                  <span
                    aria-hidden="true"
                    class={`mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded border-2 text-xs font-bold ${
                      milestone.done
                        ? "border-teal-700 bg-teal-700 text-white"
                        : "border-slate-500 bg-white"
                    }`}
                  >
                    {milestone.done ? "✓" : ""}
                  </span>
                  <span
                    class={`min-w-0 break-words ${
                      milestone.done ? "text-slate-600 line-through" : ""
                    }`}
                  >
                    {milestone.text}
                  </span>
                  <span class="sr-only">
                    {milestone.done
                      ? ": done. Mark as not done"
                      : ": to do. Mark as done"}
                  </span>
                </button>
              </form>
              <form method="post" class="shrink-0">
                <Hidden
                  goalId={goal.goalId}
                  milestoneId={milestone.id}
                  intent="remove"
                />
                <button
                  type="submit"
                  class="rounded-md px-2 py-1 text-sm font-medium text-slate-700 underline hover:bg-slate-100"
                >
                  Remove
                  <span class="sr-only">{` “${milestone.text}”`}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {full
        ? (
          <p class="text-sm text-slate-700">
            {`This goal has the most milestones a goal can have (${MAX_MILESTONES_PER_GOAL}).`}
          </p>
        )
        : (
          <form
            method="post"
            class="flex flex-col gap-2 sm:flex-row sm:items-end"
          >
            <Hidden goalId={goal.goalId} intent="add" />
            <div class="min-w-0 flex-1">
              <TextField
                name="text"
                id={fieldId}
                label="New milestone"
                required
                maxLength={MAX_MILESTONE_TEXT}
                value={form?.text}
                error={form?.error}
              />
            </div>
            <Button variant="secondary">
              Add milestone
              <span class="sr-only">{` to “${goal.text}”`}</span>
            </Button>
          </form>
        )}
    </li>
  );
}

/** Each goal with its milestones; `form` carries a refused add back. */
export function GoalList(
  { goals, form }: {
    goals: GoalProgress[];
    form: MilestoneFormState | null;
  },
) {
  return (
    <ul class="divide-y divide-slate-200">
      {goals.map((goal) => (
        <GoalItem
          key={goal.goalId}
          goal={goal}
          form={form?.goalId === goal.goalId ? form : null}
        />
      ))}
    </ul>
  );
}

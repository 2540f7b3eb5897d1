import type { Handlers, PageProps } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import {
  type CategoryWithChildren,
  listCategories,
} from "@/services/categories/mod.ts";
import {
  getOnboarding,
  type Level,
  LEVELS,
  saveOnboarding,
} from "@/services/learners/mod.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/FormField.tsx";
import { Notice } from "@/components/Notice.tsx";
import { readForm } from "@/components/forms.ts";
import { Card, HomeShell } from "@/components/account/HomeShell.tsx";
import { formFailure } from "@/components/account/flow.ts";
import { seeOther } from "@/components/account/navigation.ts";
import { errorFor, Field } from "@/components/expert/controls.tsx";

/** Goals a learner may set at once. */
const GOAL_ROWS = 5;

interface OnboardingValues {
  goals: { text: string; targetDate: string }[];
  /** Category id → level; absent means "not interested". */
  levels: Record<string, Level>;
}

interface OnboardingData {
  tree: CategoryWithChildren[];
  values: OnboardingValues;
  errors: Record<string, string>;
  /** Whether the learner has answered before (editing, not first time). */
  returning: boolean;
}

function padGoals(goals: OnboardingValues["goals"]): OnboardingValues["goals"] {
  const rows = goals.slice(0, GOAL_ROWS);
  while (rows.length < GOAL_ROWS) rows.push({ text: "", targetDate: "" });
  return rows;
}

/** The posted form: goal rows, and a level select per category. */
function readOnboardingForm(
  form: FormData,
  tree: CategoryWithChildren[],
): OnboardingValues {
  const goals = Array.from({ length: GOAL_ROWS }, (_, index) => ({
    text: String(form.get(`goal-${index}`) ?? ""),
    targetDate: String(form.get(`goal-${index}-date`) ?? ""),
  }));
  const levels: Record<string, Level> = {};
  for (const category of tree.flatMap((c) => [c, ...c.subcategories])) {
    const level = form.get(`level-${category.id}`);
    if ((LEVELS as readonly unknown[]).includes(level)) {
      levels[category.id] = level as Level;
    }
  }
  return { goals, levels };
}

const LEVEL_OPTIONS = [
  { value: "", label: "Not interested" },
  { value: "beginner", label: "Interested: beginner" },
  { value: "intermediate", label: "Interested: intermediate" },
  { value: "advanced", label: "Interested: advanced" },
];

export const handler: Handlers<OnboardingData, AppState> = {
  async GET(_req, ctx) {
    const { kv, user } = ctx.state;
    const saved = await getOnboarding(kv, user!.id);
    return ctx.render({
      tree: await listCategories(kv),
      values: {
        goals: padGoals(
          (saved?.goals ?? []).map((goal) => ({
            text: goal.text,
            targetDate: goal.targetDate ?? "",
          })),
        ),
        levels: saved?.levels ?? {},
      },
      errors: {},
      returning: saved !== null,
    });
  },

  async POST(req, ctx) {
    const { kv, user } = ctx.state;
    const tree = await listCategories(kv);
    const values = readOnboardingForm(await readForm(req), tree);
    // Empty rows are left out; indexes map service errors back to rows.
    const rows = values.goals
      .map((goal, row) => ({ goal, row }))
      .filter(({ goal }) => goal.text.trim() !== "" || goal.targetDate !== "");
    try {
      await saveOnboarding(kv, user!.id, {
        goals: rows.map(({ goal }) => ({
          text: goal.text,
          ...(goal.targetDate ? { targetDate: goal.targetDate } : {}),
        })),
        interests: Object.keys(values.levels),
        levels: values.levels,
      });
    } catch (error) {
      const failure = formFailure(error);
      const errors: Record<string, string> = {};
      for (const [field, message] of Object.entries(failure.errors)) {
        const goal = /^goals\.(\d+)\.(text|targetDate)$/.exec(field);
        if (goal) {
          const row = rows[Number(goal[1])]?.row ?? 0;
          errors[goal[2] === "text" ? `goal-${row}` : `goal-${row}-date`] =
            message;
        } else errors[field] = message;
      }
      return ctx.render({
        tree,
        values,
        errors,
        returning: (await getOnboarding(kv, user!.id)) !== null,
      }, { status: failure.status });
    }
    return seeOther("/dashboard?onboarded=1");
  },
};

/** Learner onboarding: goals, interests and a level per interest. */
export default function Onboarding(
  { data, state, url }: PageProps<OnboardingData, AppState>,
) {
  const { tree, values, errors, returning } = data;
  const goalsError = errors.goals;
  const interestsError = errors.interests ??
    (errorFor(errors, "levels")
      ? "Choose a level for each interest."
      : undefined);
  return (
    <HomeShell
      user={state.user!}
      pathname={url.pathname}
      title="Learning goals"
      siteUrl={state.siteUrl}
    >
      <Card
        title={returning ? "Your goals and interests" : "Let's get you started"}
        id="onboarding"
      >
        <p>
          Tell us what you want to learn. We use it to recommend experts, and
          you can change it at any time.
        </p>
        <form
          method="post"
          action="/dashboard/onboarding"
          noValidate
          class="space-y-8"
        >
          <FormErrorSummary errors={errors} />
          <fieldset
            aria-describedby={goalsError ? "goals-error" : "goals-hint"}
            class="space-y-4"
          >
            <legend class="text-base font-semibold text-slate-900">
              1. Your learning goals
            </legend>
            <p id="goals-hint" class="text-sm text-slate-700">
              One sentence each, at least one and up to{" "}
              {GOAL_ROWS}; a target date is optional.
            </p>
            {goalsError && (
              <p id="goals-error" class="text-sm font-medium text-red-800">
                <span aria-hidden="true">⚠️</span> {goalsError}
              </p>
            )}
            {values.goals.map((goal, index) => (
              <div
                key={index}
                class="grid gap-3 sm:grid-cols-[3fr_1fr]"
              >
                <Field
                  id={`goal-${index}`}
                  name={`goal-${index}`}
                  label={`Goal ${index + 1}`}
                  required={index === 0}
                  value={goal.text}
                  error={errors[`goal-${index}`]}
                />
                <Field
                  id={`goal-${index}-date`}
                  name={`goal-${index}-date`}
                  label={`Target date for goal ${index + 1}`}
                  type="date"
                  value={goal.targetDate}
                  error={errors[`goal-${index}-date`]}
                />
              </div>
            ))}
          </fieldset>
          <fieldset
            aria-describedby={interestsError
              ? "interests-error"
              : "interests-hint"}
            class="space-y-4"
          >
            <legend class="text-base font-semibold text-slate-900">
              2. Your interests and level
            </legend>
            <p id="interests-hint" class="text-sm text-slate-700">
              For each topic you want to learn, say where you are today. Choose
              at least one and up to 10.
            </p>
            {interestsError && (
              <p id="interests-error" class="text-sm font-medium text-red-800">
                <span aria-hidden="true">⚠️</span> {interestsError}
              </p>
            )}
            <div class="grid gap-4 sm:grid-cols-2">
              {tree.map((category) => (
                <div
                  key={category.id}
                  class="space-y-2 rounded-lg border border-slate-200 p-3"
                >
                  {[category, ...category.subcategories].map((topic) => (
                    <Field
                      key={topic.id}
                      id={`level-${topic.id}`}
                      name={`level-${topic.id}`}
                      label={topic.parentId
                        ? `${category.name}: ${topic.name}`
                        : `${category.icon} ${topic.name}`}
                      type="select"
                      required
                      options={LEVEL_OPTIONS}
                      value={values.levels[topic.id] ?? ""}
                      error={errors[`levels.${topic.id}`]}
                    />
                  ))}
                </div>
              ))}
            </div>
          </fieldset>
          <Button>Save and see my recommendations</Button>
        </form>
      </Card>
      {returning && (
        <Notice tone="info">
          Saving replaces your earlier answers.
        </Notice>
      )}
    </HomeShell>
  );
}

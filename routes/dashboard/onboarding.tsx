import { define } from "@/web/define.ts";
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
import { CategoryIcon } from "@/components/CategoryIcon.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import { Fieldset } from "@/components/form/Field.tsx";
import { SelectField, TextField } from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import { errorFor, readForm } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";
import { requireUser } from "@/web/user.ts";

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

export const handler = define.handlers<OnboardingData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const saved = await getOnboarding(kv, user.id);
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
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const tree = await listCategories(kv);
    const values = readOnboardingForm(await readForm(req), tree);
    // Empty rows are left out; indexes map service errors back to rows.
    const rows = values.goals
      .map((goal, row) => ({ goal, row }))
      .filter(({ goal }) => goal.text.trim() !== "" || goal.targetDate !== "");
    try {
      await saveOnboarding(kv, user.id, {
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
        returning: (await getOnboarding(kv, user.id)) !== null,
      }, { status: failure.status });
    }
    return seeOther("/dashboard?onboarded=1");
  },
});

/** Learner onboarding: goals, interests and a level per interest. */
export default define.page<typeof handler>(function Onboarding(
  { data },
) {
  const { tree, values, errors, returning } = data;
  const goalsError = errors.goals;
  const interestsError = errors.interests ??
    (errorFor(errors, "levels")
      ? "Choose a level for each interest."
      : undefined);
  return (
    <>
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
          <Fieldset
            id="goals"
            legend="1. Your learning goals"
            size="base"
            hint={`One sentence each, at least one and up to ${GOAL_ROWS}; a target date is optional.`}
            error={goalsError}
            class="space-y-4"
          >
            {values.goals.map((goal, index) => (
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
          <Fieldset
            id="interests"
            legend="2. Your interests and level"
            size="base"
            hint="For each topic you want to learn, say where you are today. Choose at least one and up to 10."
            error={interestsError}
            class="space-y-4"
          >
            <div class="grid gap-4 sm:grid-cols-2">
              {tree.map((category) => (
                <div
                  key={category.id}
                  class="rounded-lg border border-slate-200 p-3"
                >
                  <Fieldset
                    id={`topics-${category.id}`}
                    size="base"
                    legend={
                      <span class="flex items-center gap-2">
                        <CategoryIcon
                          icon={category.icon}
                          class="h-5 w-5 text-brand-700"
                        />
                        {category.name}
                      </span>
                    }
                    class="space-y-2"
                  >
                    {[category, ...category.subcategories].map((topic) => (
                      <SelectField
                        key={topic.id}
                        name={`level-${topic.id}`}
                        label={topic.parentId ? topic.name : "Overall"}
                        options={LEVEL_OPTIONS}
                        value={values.levels[topic.id] ?? ""}
                        error={errors[`levels.${topic.id}`]}
                      />
                    ))}
                  </Fieldset>
                </div>
              ))}
            </div>
          </Fieldset>
          <Button>Save and see my recommendations</Button>
        </form>
      </Card>
      {returning && (
        <Notice tone="info">
          Saving replaces your earlier answers.
        </Notice>
      )}
    </>
  );
});

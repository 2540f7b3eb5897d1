/**
 * The learner onboarding, one step per page (`?step=goals|interests|levels|
 * review`): each step saves the draft, so leaving and coming back (plain
 * /dashboard/onboarding) lands on the first unfinished step with what was
 * entered. Continue saves and moves on, Back saves and goes back, Skip
 * keeps what was entered and leaves for the dashboard; the review saves the
 * finished answers. Refused input comes back with the message beside its
 * field and everything typed kept. Works without JavaScript.
 */
import { define } from "@/web/define.ts";
import {
  type CategoryWithChildren,
  listCategories,
} from "@/services/categories/mod.ts";
import {
  ASSESSMENT_LENGTH,
  type DraftChange,
  finishOnboarding,
  getOnboardingProgress,
  type LevelChoice,
  MAX_GOALS,
  MAX_INTERESTS,
  type OnboardingProgress as Progress,
  type OnboardingStep,
  saveOnboardingDraft,
  skipOnboarding,
} from "@/services/learners/mod.ts";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { OnboardingProgress } from "@/components/onboarding/OnboardingProgress.tsx";
import { StepActions } from "@/components/onboarding/StepActions.tsx";
import {
  type GoalRow,
  GoalRows,
  goalRows,
} from "@/components/onboarding/GoalRows.tsx";
import { InterestChips } from "@/components/onboarding/InterestChips.tsx";
import { LevelQuestions } from "@/components/onboarding/LevelQuestions.tsx";
import {
  categoryNames,
  OnboardingReview,
} from "@/components/onboarding/OnboardingReview.tsx";
import {
  followingStep,
  isOnboardingStep,
  onboardingHref,
  previousStep,
  stepNumber,
} from "@/components/onboarding/steps.ts";
import { readForm } from "@/web/forms.ts";
import { formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";
import { requireUser } from "@/web/user.ts";
import { ValidationError } from "@/services/platform/errors.ts";

/** What the step's form shows: the saved answers, or what was just sent. */
interface StepValues {
  goals: GoalRow[];
  interests: string[];
  levels: Record<string, LevelChoice>;
  assessments: Record<string, boolean[]>;
}

interface OnboardingData {
  step: OnboardingStep;
  progress: Progress;
  tree: CategoryWithChildren[];
  values: StepValues;
  errors: Record<string, string>;
  message: string | null;
}

function savedValues(progress: Progress): StepValues {
  const { answers } = progress;
  return {
    goals: answers.goals.map((goal) => ({
      text: goal.text,
      targetDate: goal.targetDate ?? "",
    })),
    interests: answers.interests,
    levels: answers.levels,
    assessments: answers.assessments,
  };
}

/**
 * The posted step as form values, and the draft change it asks for. Empty
 * goal rows are left out; `rows` maps the change's goal indexes back to
 * rows, so a message lands beside its own row.
 */
function readStep(
  step: OnboardingStep,
  form: FormData,
  progress: Progress,
): { values: StepValues; change: DraftChange; rows: number[] } {
  const values = savedValues(progress);
  const rows: number[] = [];
  if (step === "goals") {
    values.goals = Array.from({ length: MAX_GOALS }, (_, index) => ({
      text: String(form.get(`goal-${index}`) ?? ""),
      targetDate: String(form.get(`goal-${index}-date`) ?? ""),
    }));
    const goals = values.goals.flatMap((goal, row) => {
      if (goal.text.trim() === "" && goal.targetDate === "") return [];
      rows.push(row);
      return [{
        text: goal.text,
        ...(goal.targetDate ? { targetDate: goal.targetDate } : {}),
      }];
    });
    return { values, change: { goals }, rows };
  }
  if (step === "interests") {
    values.interests = form.getAll("interests").map(String);
    return { values, change: { interests: values.interests }, rows };
  }
  if (step === "levels") {
    const levels: Record<string, LevelChoice> = {};
    const assessments: Record<string, boolean[]> = {};
    for (const id of progress.answers.interests) {
      // Checked by the service; an odd value is refused beside its field.
      levels[id] = String(form.get(`level-${id}`) ?? "") as LevelChoice;
      assessments[id] = Array.from(
        { length: ASSESSMENT_LENGTH },
        (_, index) => form.get(`answer-${id}-${index}`) === "yes",
      );
    }
    values.levels = { ...values.levels, ...levels };
    values.assessments = { ...values.assessments, ...assessments };
    return { values, change: { levels, assessments }, rows };
  }
  return { values, change: {}, rows };
}

/** The service's field names as the step's fields (`goals.1.text` → `goal-3`). */
function stepErrors(
  errors: Record<string, string>,
  rows: number[],
): Record<string, string> {
  const mapped: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const goal = /^goals\.(\d+)\.(text|targetDate)$/.exec(field);
    if (goal) {
      const row = rows[Number(goal[1])] ?? 0;
      mapped[goal[2] === "text" ? `goal-${row}` : `goal-${row}-date`] = message;
    } else mapped[field] = message;
  }
  return mapped;
}

/** The step asked for, or null (then the learner resumes where they were). */
function requestedStep(url: URL): OnboardingStep | null {
  const step = url.searchParams.get("step");
  return isOnboardingStep(step) ? step : null;
}

export const handler = define.handlers<OnboardingData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const progress = await getOnboardingProgress(kv, user.id);
    const asked = requestedStep(ctx.url);
    // A later step than the learner has reached waits for the earlier ones.
    if (asked && stepNumber(asked) > stepNumber(progress.step)) {
      return seeOther(onboardingHref(progress.step));
    }
    return ctx.render({
      step: asked ?? progress.step,
      progress,
      tree: await listCategories(kv),
      values: savedValues(progress),
      errors: {},
      message: null,
    });
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const form = await readForm(req);
    const progress = await getOnboardingProgress(kv, user.id);
    const step = requestedStep(ctx.url) ?? progress.step;
    const action = String(form.get("action") ?? "continue");
    const { values, change, rows } = readStep(step, form, progress);

    if (action === "skip") {
      // Leaving keeps what is valid; the learner asked to go, not to fix.
      if (step !== "review") {
        await saveOnboardingDraft(kv, user.id, change).catch((error) => {
          if (!(error instanceof ValidationError)) throw error;
        });
      }
      await skipOnboarding(kv, user.id, step);
      return seeOther("/dashboard?skipped=1");
    }
    try {
      if (step === "review") {
        if (action !== "back") {
          await finishOnboarding(kv, user.id);
          return seeOther("/dashboard?onboarded=1");
        }
      } else {
        await saveOnboardingDraft(kv, user.id, change, { complete: step });
      }
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render({
        step,
        progress,
        tree: await listCategories(kv),
        values,
        errors: stepErrors(failure.errors, rows),
        message: failure.message ??
          (step === "review"
            ? "A step still needs an answer: change it below."
            : null),
      }, { status: failure.status });
    }
    return seeOther(
      onboardingHref(
        action === "back" ? previousStep(step) ?? step : followingStep(step),
      ),
    );
  },
});

const STEP_TITLES: Record<OnboardingStep, string> = {
  goals: "Your learning goals",
  interests: "Choose your interests",
  levels: "Where are you today?",
  review: "Check your answers",
};

/** Learner onboarding: goals, interests, a level per interest, review. */
export default define.page<typeof handler>(function Onboarding(
  { data, url },
) {
  const { step, progress, tree, values, errors, message } = data;
  const finished = progress.status === "finished";
  const names = categoryNames(tree);
  return (
    <>
      {progress.status === "skipped" && !url.searchParams.has("step") && (
        <Notice tone="info">
          Welcome back: here is where you left off.
        </Notice>
      )}
      <Card title={STEP_TITLES[step]} id="onboarding">
        <OnboardingProgress progress={progress} current={step} />
        {step === "goals" && !finished && (
          <p>
            Four short steps help us recommend the right experts. You can skip
            and come back any time; what you enter is kept.
          </p>
        )}
        {message && <Notice tone="error">{message}</Notice>}
        <form
          method="post"
          action={onboardingHref(step)}
          noValidate
          class="space-y-6"
        >
          <FormErrorSummary errors={errors} />
          {step === "goals" && (
            <GoalRows rows={goalRows(values.goals)} errors={errors} />
          )}
          {step === "interests" && (
            <InterestChips
              tree={tree}
              selected={values.interests}
              error={errors.interests}
              max={MAX_INTERESTS}
            />
          )}
          {step === "levels" && (
            <>
              <p>
                For each interest, tick what is true for you and choose your
                level, or let your answers decide.
              </p>
              {progress.answers.interests.map((id) => (
                <LevelQuestions
                  key={id}
                  id={id}
                  name={names.get(id) ?? id}
                  choice={values.levels[id] ?? "answers"}
                  answers={values.assessments[id] ?? []}
                  errors={errors}
                />
              ))}
            </>
          )}
          {step === "review" && (
            <OnboardingReview answers={progress.answers} tree={tree} />
          )}
          <StepActions
            back={step !== "goals"}
            continueLabel={step === "review"
              ? "Save and see my recommendations"
              : "Continue"}
            skipLabel={finished ? "Finish later" : "Skip for now"}
          />
        </form>
      </Card>
    </>
  );
});

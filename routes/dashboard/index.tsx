/**
 * The learner's home: a prompt to start or finish onboarding until it is
 * done; their next sessions (with the call's join button) and last ones
 * (with their rating or a link to rate); their goals with milestones to
 * tick off; the numbers of their learning; experts to book again, saved
 * experts, and recommended ones. Milestone changes are plain forms posting
 * here (`intent`: add, done, undo, remove) and come back to the goal.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import { listCategories } from "@/services/categories/mod.ts";
import {
  getOnboardingAndProgress,
  type LearnerProfile,
  type OnboardingProgress,
  type Recommendation,
  recommendExperts,
} from "@/services/learners/mod.ts";
import {
  addMilestone,
  type LearnerHome,
  learnerHome,
  removeMilestone,
  setMilestoneDone,
} from "@/services/progress/mod.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { ExpertCard } from "@/components/ExpertCard.tsx";
import { Notice } from "@/components/Notice.tsx";
import { AccountStatus } from "@/components/account/AccountStatus.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { levelName } from "@/components/onboarding/LevelQuestions.tsx";
import { categoryNames } from "@/components/onboarding/OnboardingReview.tsx";
import {
  ONBOARDING_PATH,
  STEP_LABELS,
  stepNumber,
} from "@/components/onboarding/steps.ts";
import {
  PastSessions,
  UpcomingSessions,
} from "@/components/learner/Sessions.tsx";
import {
  goalAnchor,
  GoalList,
  MILESTONE_INTENTS,
  type MilestoneFormState,
  type MilestoneIntent,
} from "@/components/learner/Goals.tsx";
import { LearningStatsCard } from "@/components/learner/LearningStats.tsx";
import {
  BookAgainList,
  SAVED_EXPERTS_PATH,
  SavedExpertList,
} from "@/components/learner/Experts.tsx";

interface DashboardData {
  progress: Pick<OnboardingProgress, "status" | "step" | "hasDraft">;
  profile: LearnerProfile | null;
  /** Category id → name, for interests and hours per category. */
  names: Record<string, string>;
  recommendations: Recommendation[];
  home: LearnerHome;
  /** A refused milestone form: what was typed and why. */
  form: MilestoneFormState | null;
  /** A change that could not be made, said above the goals. */
  problem: string | null;
}

/** What each milestone change says when the learner is back on the page. */
const DONE_MESSAGES: Record<MilestoneIntent, string> = {
  add: "Milestone added.",
  done: "Milestone ticked off. Well done!",
  undo: "Milestone marked as not done.",
  remove: "Milestone removed.",
};

async function load(
  ctx: FreshContext<AppState>,
  form: MilestoneFormState | null = null,
  problem: string | null = null,
): Promise<DashboardData> {
  const { kv } = ctx.state;
  const user = requireUser(ctx.state);
  const [{ profile, progress }, categories] = await Promise.all([
    getOnboardingAndProgress(kv, user.id),
    listCategories(kv),
  ]);
  const known = { onboarding: profile };
  const [home, recommendations] = await Promise.all([
    learnerHome(kv, user, known),
    profile ? recommendExperts(kv, user.id, undefined, known) : [],
  ]);
  return {
    progress: {
      status: progress.status,
      step: progress.step,
      hasDraft: progress.hasDraft,
    },
    profile,
    names: Object.fromEntries(categoryNames(categories)),
    recommendations,
    home,
    form,
    problem,
  };
}

export const handler = define.handlers<DashboardData>({
  async GET(_req, ctx) {
    return ctx.render(await load(ctx));
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const fields = readFields(await readForm(req), [
      "intent",
      "goal",
      "milestone",
      "text",
    ]);
    const intent = MILESTONE_INTENTS.find((known) => known === fields.intent);
    if (!intent) {
      return ctx.render(
        await load(ctx, null, "That change isn't available. Reload the page."),
        { status: 400 },
      );
    }
    try {
      if (intent === "add") {
        await addMilestone(kv, user.id, fields.goal, { text: fields.text });
      } else if (intent === "remove") {
        await removeMilestone(kv, user.id, fields.goal, fields.milestone);
      } else {
        await setMilestoneDone(
          kv,
          user.id,
          fields.goal,
          fields.milestone,
          intent === "done",
        );
      }
    } catch (error) {
      const failure = formFailure(error);
      if (failure.status >= 500) throw error;
      const fieldError = failure.errors.text;
      return ctx.render(
        await load(
          ctx,
          fieldError
            ? { goalId: fields.goal, text: fields.text, error: fieldError }
            : null,
          fieldError ? null : failure.message ?? "That change failed.",
        ),
        { status: failure.status },
      );
    }
    return seeOther(
      `/dashboard?milestone=${intent}#${goalAnchor(fields.goal)}`,
    );
  },
});

/** Start or finish onboarding: what the learner did so far decides the words. */
function OnboardingPrompt(
  { progress }: { progress: DashboardData["progress"] },
) {
  if (progress.status === "new") {
    return (
      <Card title="Tell us what you want to learn" id="onboarding-prompt">
        <p>
          Four short steps: your goals, the topics you're interested in, your
          level in each, and a last check. We'll recommend experts that fit.
        </p>
        <ButtonLink href={ONBOARDING_PATH}>Get started</ButtonLink>
      </Card>
    );
  }
  return (
    <Card
      title="Finish telling us what you want to learn"
      id="onboarding-prompt"
    >
      <p>
        {`You stopped at step ${stepNumber(progress.step)} of 4 (${
          STEP_LABELS[progress.step].toLowerCase()
        }). What you entered is kept; finish to get recommendations that fit.`}
      </p>
      <ButtonLink href={ONBOARDING_PATH}>
        Continue where you left off
      </ButtonLink>
    </Card>
  );
}

const link = "font-semibold text-brand-800 underline";

/** The learner's home: sessions, goals, numbers and experts. */
export default define.page<typeof handler>(function LearnerDashboard(
  { data, state, url },
) {
  const user = requireUser(state);
  const { progress, profile, names, recommendations, home, form, problem } =
    data;
  const done = MILESTONE_INTENTS.find((intent) =>
    intent === url.searchParams.get("milestone")
  );
  const savedNotice = url.searchParams.get("saved");
  return (
    <>
      {url.searchParams.has("onboarded") && (
        <Notice tone="success">
          Thanks! Your goals and interests are saved.
        </Notice>
      )}
      {url.searchParams.has("skipped") && (
        <Notice tone="info">
          Skipped for now. What you entered is kept: finish any time below.
        </Notice>
      )}
      {savedNotice === "removed" && (
        <Notice tone="success">Removed from your saved experts.</Notice>
      )}
      <AccountStatus user={user} />
      {!profile && <OnboardingPrompt progress={progress} />}
      <UpcomingSessions sessions={home.upcoming} zone={user.timeZone} />
      {profile && (
        <Card title="Your goals" id="goals">
          {done && <Notice tone="success">{DONE_MESSAGES[done]}</Notice>}
          {problem && <Notice tone="error">{problem}</Notice>}
          {progress.hasDraft && (
            <Notice tone="info">
              You have changes not saved yet.{" "}
              <a href={ONBOARDING_PATH} class="font-semibold underline">
                Continue editing
              </a>
            </Notice>
          )}
          <p class="text-sm text-slate-700">
            Break each goal into milestones and tick them off as you go.
          </p>
          <GoalList goals={home.goals} form={form} />
          <p class="text-sm text-slate-700">
            <span class="font-semibold text-slate-900">Learning:</span>{" "}
            {profile.interests.map((id) =>
              `${names[id] ?? id} (${
                levelName(profile.levels[id] ?? "beginner").toLowerCase()
              })`
            ).join(", ")}
          </p>
          <p>
            <a href={ONBOARDING_PATH} class={link}>
              Edit your goals and interests
            </a>
          </p>
        </Card>
      )}
      <LearningStatsCard stats={home.stats} categoryNames={names} />
      <PastSessions sessions={home.past} zone={user.timeZone} />
      {home.bookAgain.length > 0 && (
        <Card title="Book again" id="book-again">
          <p class="text-sm text-slate-700">
            Experts of your recent sessions that went well.
          </p>
          <BookAgainList suggestions={home.bookAgain} />
        </Card>
      )}
      <Card title="Saved experts" id="saved-experts">
        {home.saved.length > 0
          ? (
            <SavedExpertList
              saved={home.saved}
              next="/dashboard#saved-experts"
            />
          )
          : (
            <p>
              Save experts from their profile to find them here again.
            </p>
          )}
        <p class="flex flex-wrap gap-4">
          {home.saved.length > 0 && (
            <a href={SAVED_EXPERTS_PATH} class={link}>
              All your saved experts
            </a>
          )}
          <a href="/experts" class={link}>Browse experts</a>
        </p>
      </Card>
      {profile && (
        <Card title="Recommended for you" id="recommendations">
          {recommendations.length > 0
            ? (
              <ul class="grid gap-5 sm:grid-cols-2">
                {recommendations.map(({ expert, reason, reasons }) => (
                  <li key={expert.id} class="flex flex-col gap-2">
                    <ExpertCard expert={expert} />
                    <p class="text-sm text-slate-800">
                      <span class="font-semibold text-slate-900">
                        Why we suggest {expert.name}:
                      </span>{" "}
                      {`${reason}.`}
                      {reasons.length > 1 &&
                        ` Also: ${reasons.slice(1).join("; ")}.`}
                    </p>
                  </li>
                ))}
              </ul>
            )
            : (
              <p>
                No experts match your interests yet. Try more topics, or browse
                everyone.
              </p>
            )}
          <p class="flex flex-wrap gap-4">
            <a href={ONBOARDING_PATH} class={link}>
              Edit your goals and interests
            </a>
            <a href="/experts" class={link}>Browse all experts</a>
          </p>
        </Card>
      )}
    </>
  );
});

/**
 * The learner's home: a prompt to start or finish onboarding until it is
 * done; then their goals and interests, and recommended experts each with
 * the reason they were recommended.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { listCategories } from "@/services/categories/mod.ts";
import {
  getOnboarding,
  getOnboardingProgress,
  type LearnerProfile,
  type OnboardingProgress,
  type Recommendation,
  recommendExperts,
} from "@/services/learners/mod.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { ExpertCard } from "@/components/ExpertCard.tsx";
import { formatDate } from "@/web/format.ts";
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

interface DashboardData {
  progress: Pick<OnboardingProgress, "status" | "step" | "hasDraft">;
  profile: LearnerProfile | null;
  /** Interest id → name, for the interests line. */
  names: Record<string, string>;
  recommendations: Recommendation[];
}

export const handler = define.handlers<DashboardData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const [profile, progress] = await Promise.all([
      getOnboarding(kv, user.id),
      getOnboardingProgress(kv, user.id),
    ]);
    return ctx.render({
      progress: {
        status: progress.status,
        step: progress.step,
        hasDraft: progress.hasDraft,
      },
      profile,
      names: profile
        ? Object.fromEntries(categoryNames(await listCategories(kv)))
        : {},
      recommendations: profile ? await recommendExperts(kv, user.id) : [],
    });
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

/** The learner's home: onboarding first, then goals and recommended experts. */
export default define.page<typeof handler>(function LearnerDashboard(
  { data, state, url },
) {
  const user = requireUser(state);
  const { progress, profile, names, recommendations } = data;
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
      <AccountStatus user={user} />
      {!profile && <OnboardingPrompt progress={progress} />}
      {profile && (
        <Card title="Your goals" id="goals">
          {progress.hasDraft && (
            <Notice tone="info">
              You have changes not saved yet.{" "}
              <a href={ONBOARDING_PATH} class="font-semibold underline">
                Continue editing
              </a>
            </Notice>
          )}
          <ul class="list-disc space-y-1 pl-5">
            {profile.goals.map((goal, index) => (
              <li key={index}>
                {goal.text}
                {goal.targetDate && (
                  <span class="text-slate-700">
                    {` (by ${formatDate(goal.targetDate)})`}
                  </span>
                )}
              </li>
            ))}
          </ul>
          <p class="text-sm text-slate-700">
            <span class="font-semibold text-slate-900">Learning:</span>{" "}
            {profile.interests.map((id) =>
              `${names[id] ?? id} (${
                levelName(profile.levels[id] ?? "beginner").toLowerCase()
              })`
            ).join(", ")}
          </p>
        </Card>
      )}
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
            <a
              href={ONBOARDING_PATH}
              class="font-semibold text-brand-800 underline"
            >
              Edit your goals and interests
            </a>
            <a href="/experts" class="font-semibold text-brand-800 underline">
              Browse all experts
            </a>
          </p>
        </Card>
      )}
    </>
  );
});

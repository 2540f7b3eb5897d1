/**
 * The learner's home: onboarding first; then their goals, and recommended
 * experts each with the reasons they were recommended.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import {
  getOnboarding,
  type LearnerProfile,
  type Recommendation,
  recommendExperts,
} from "@/services/learners/mod.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { ExpertCard } from "@/components/ExpertCard.tsx";
import { formatDate } from "@/web/format.ts";
import { Notice } from "@/components/Notice.tsx";
import { AccountStatus } from "@/components/account/AccountStatus.tsx";
import { Card } from "@/components/account/HomeShell.tsx";

interface DashboardData {
  onboarded: boolean;
  goals: LearnerProfile["goals"];
  recommendations: Recommendation[];
}

export const handler = define.handlers<DashboardData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const profile = await getOnboarding(kv, user.id);
    const onboarded = profile !== null;
    return ctx.render({
      onboarded,
      goals: profile?.goals ?? [],
      recommendations: onboarded ? await recommendExperts(kv, user.id) : [],
    });
  },
});

/** The learner's home: onboarding first, then recommended experts. */
export default define.page<typeof handler>(function LearnerDashboard(
  { data, state, url },
) {
  const user = requireUser(state);
  const { onboarded, goals, recommendations } = data;
  return (
    <>
      {url.searchParams.has("onboarded") && (
        <Notice tone="success">
          Thanks! Your goals and interests are saved.
        </Notice>
      )}
      <AccountStatus user={user} />
      {!onboarded && (
        <Card title="Tell us what you want to learn" id="onboarding-prompt">
          <p>
            Three quick questions: your goals, the topics you're interested in,
            and your level in each. We'll recommend experts that fit.
          </p>
          <ButtonLink href="/dashboard/onboarding">Get started</ButtonLink>
        </Card>
      )}
      {onboarded && goals.length > 0 && (
        <Card title="Your goals" id="goals">
          <ul class="list-disc space-y-1 pl-5">
            {goals.map((goal, index) => (
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
        </Card>
      )}
      {onboarded && (
        <Card title="Recommended for you" id="recommendations">
          {recommendations.length > 0
            ? (
              <ul class="grid gap-5 sm:grid-cols-2">
                {recommendations.map(({ expert, reasons }) => (
                  <li key={expert.id} class="flex flex-col gap-2">
                    <ExpertCard expert={expert} />
                    {reasons.length > 0 && (
                      <p class="text-sm text-slate-700">
                        <span class="font-semibold text-slate-900">
                          Why we suggest {expert.name}:
                        </span>{" "}
                        {reasons.join("; ")}.
                      </p>
                    )}
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
              href="/dashboard/onboarding"
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

import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { getOnboarding } from "@/services/learners/mod.ts";
import {
  type Recommendation,
  recommendExperts,
} from "@/services/learners/mod.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { ExpertGrid } from "@/components/ExpertCard.tsx";
import { Notice } from "@/components/Notice.tsx";
import { AccountStatus } from "@/components/account/AccountStatus.tsx";
import { Card } from "@/components/account/HomeShell.tsx";

interface DashboardData {
  onboarded: boolean;
  recommendations: Recommendation[];
}

export const handler = define.handlers<DashboardData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const onboarded = (await getOnboarding(kv, user.id)) !== null;
    return ctx.render({
      onboarded,
      recommendations: onboarded ? await recommendExperts(kv, user.id) : [],
    });
  },
});

/** The learner's home: onboarding first, then recommended experts. */
export default define.page<typeof handler>(function LearnerDashboard(
  { data, state, url },
) {
  const user = requireUser(state);
  const { onboarded, recommendations } = data;
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
      {onboarded && (
        <Card title="Recommended for you" id="recommendations">
          {recommendations.length > 0
            ? (
              <ExpertGrid
                experts={recommendations.map((item) => item.expert)}
                columns={2}
              />
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

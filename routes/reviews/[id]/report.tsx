/**
 * Reporting a review to the moderators: the review, and a form asking what
 * is wrong with it. Any signed-in user may report a visible review once;
 * the review stays up until an admin decides. A review nobody can see is
 * not found.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { firstErrors, readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { Container } from "@/components/Layout.tsx";
import { Seo } from "@/components/Seo.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { Button } from "@/components/Button.tsx";
import { Notice } from "@/components/Notice.tsx";
import { TextAreaField } from "@/components/form/inputs.tsx";
import { ReviewItem, reviewsHref } from "@/components/reviews/ReviewList.tsx";
import { RateLimitedError } from "@/services/auth/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";
import {
  getReview,
  MAX_REPORT_REASON,
  type PublicReview,
  reportReview,
  toPublicReview,
} from "@/services/reviews/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

interface ReportData {
  review: PublicReview;
  expertName: string;
  done: boolean;
  reason: string;
  errors: Record<string, string>;
  problem: string | null;
}

async function load(
  ctx: FreshContext<AppState>,
  rest: Omit<ReportData, "review" | "expertName">,
): Promise<ReportData | null> {
  const review = await getReview(ctx.state.kv, ctx.params.id);
  if (!review || review.status !== "visible") return null;
  const expert = await getExpert(ctx.state.kv, review.expertId);
  return {
    review: toPublicReview(review),
    expertName: expert?.name ?? "the expert",
    ...rest,
  };
}

export const handler = define.handlers<ReportData>({
  async GET(_req, ctx) {
    const data = await load(ctx, {
      done: ctx.url.searchParams.get("done") === "reported",
      reason: "",
      errors: {},
      problem: null,
    });
    return data ? ctx.render(data) : ctx.renderNotFound();
  },

  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const { reason } = readFields(await readForm(req), ["reason"]);
    const again = async (
      status: number,
      problem: string,
      errors: Record<string, string> = {},
    ) => {
      const data = await load(ctx, { done: false, reason, errors, problem });
      return data ? ctx.render(data, { status }) : ctx.renderNotFound();
    };
    try {
      await reportReview(ctx.state.kv, user.id, ctx.params.id, { reason });
    } catch (error) {
      if (error instanceof NotFoundError) return ctx.renderNotFound();
      if (error instanceof ValidationError) {
        return again(400, error.message, firstErrors(error.fieldErrors));
      }
      if (error instanceof ConflictError) return again(409, error.message);
      if (error instanceof RateLimitedError) {
        return again(429, error.message);
      }
      throw error;
    }
    return seeOther(`/reviews/${ctx.params.id}/report?done=reported`);
  },
});

export default define.page<typeof handler>(function ReportPage(
  { data, state },
) {
  const back = reviewsHref(data.review.expertId);
  return (
    <Container width="narrow" class="space-y-6 py-10">
      <Seo
        title="Report a review"
        description="Tell the moderators what is wrong with a review."
        siteUrl={state.siteUrl}
        path={`/reviews/${data.review.id}/report`}
        noindex
      />
      <h1 class="text-2xl font-bold text-slate-900">Report a review</h1>
      {data.done && (
        <Notice tone="success" title="Reported">
          Thanks for telling us. An admin will look at the review and decide
          whether it stays up.
        </Notice>
      )}
      {data.problem && (
        <Notice tone="error" title="Not reported">{data.problem}</Notice>
      )}
      <Card id="the-review" title={`A review of ${data.expertName}`}>
        <ReviewItem review={data.review} expertName={data.expertName} />
      </Card>
      {!data.done && (
        <Card id="report" title="What is wrong with it?">
          <p>
            Reviews are about a session that took place. Tell us if this one is
            abusive, shares private details, is spam or is not about the
            session. The review stays up until an admin decides.
          </p>
          <form method="post" class="space-y-4">
            <TextAreaField
              name="reason"
              label="Reason"
              rows={3}
              maxLength={MAX_REPORT_REASON}
              required
              value={data.reason}
              error={data.errors.reason}
            />
            <Button variant="secondary">Report the review</Button>
          </form>
        </Card>
      )}
      <p>
        <a href={back} class="text-brand-800 underline">
          Back to the reviews
        </a>
      </p>
    </Container>
  );
});

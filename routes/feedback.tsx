import { define } from "@/web/define.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { enforceRateLimit, RATE_LIMITS } from "@/services/auth/mod.ts";
import { feedbackInputSchema, saveFeedback } from "@/services/content/mod.ts";
import { Button, ButtonLink } from "@/components/Button.tsx";
import { FormCard, FormErrorSummary } from "@/components/form/FormCard.tsx";
import { TextAreaField, TextField } from "@/components/form/inputs.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { StarRatingField } from "@/components/form/StarRatingField.tsx";
import { Seo } from "@/components/Seo.tsx";
import {
  type FormPageData,
  readForm,
  submitForm,
  wasSent,
} from "@/web/forms.ts";

const FIELDS = ["rating", "message", "email", "page"] as const;
type FeedbackField = typeof FIELDS[number];

const MESSAGES: Record<FeedbackField, string> = {
  rating: "Please choose a rating from 1 to 5 stars.",
  message: "Please keep your message under 2,000 characters.",
  email: "Please enter a valid email address, or leave it empty.",
  page:
    "We couldn't tell which page this is about; please mention it in your message.",
};

type FeedbackData = FormPageData<FeedbackField>;

/** Only same-site paths are kept: the field must never hold a full URL. */
function sitePath(value: string | null): string {
  return value && /^\/(?!\/)/.test(value) ? value.slice(0, 500) : "";
}

export const handler = define.handlers<FeedbackData>({
  GET(_req, ctx) {
    const query = ctx.url.searchParams;
    return ctx.render({
      sent: wasSent(ctx.url),
      values: {
        rating: "",
        message: "",
        email: "",
        page: sitePath(query.get("page")),
      },
      errors: {},
    });
  },

  async POST(req, ctx) {
    return submitForm(ctx, await readForm(req), {
      fields: FIELDS,
      schema: feedbackInputSchema,
      messages: MESSAGES,
      extra: {},
      async save(input) {
        await enforceRateLimit(
          ctx.state.kv,
          RATE_LIMITS.feedbackPerIp,
          requestMeta(ctx).ip,
        );
        return saveFeedback(ctx.state.kv, input);
      },
    });
  },
});

export default define.page<typeof handler>(function FeedbackPage(
  { data, state },
) {
  const { sent, values, errors } = data;
  return (
    <>
      <Seo
        title={sent ? "Thanks for your feedback" : "Give feedback"}
        description="Tell us how TapTime is working for you. Every rating and comment is read by our team."
        siteUrl={state.siteUrl}
        path="/feedback"
        noindex={sent}
      />
      <PageHeader
        eyebrow="Feedback"
        title={sent ? "Thank you for your feedback" : "How are we doing?"}
        intro={sent
          ? undefined
          : "A quick rating helps us improve TapTime. Add a comment if you like; everything except the rating is optional."}
      />
      <Container width="narrow" class="py-10">
        {sent
          ? (
            <div class="space-y-6">
              <Notice tone="success" title="Feedback received">
                Thanks for taking the time. Our team reads every response.
              </Notice>
              <div class="flex flex-wrap gap-3">
                <ButtonLink href="/">Back to the home page</ButtonLink>
                <ButtonLink href="/experts" variant="secondary">
                  Browse experts
                </ButtonLink>
              </div>
            </div>
          )
          : (
            <div class="space-y-6">
              <FormErrorSummary errors={errors} refusal={data.refusal} />
              <FormCard action="/feedback" labelledBy="feedback-form-heading">
                <h2
                  id="feedback-form-heading"
                  class="text-lg font-semibold text-slate-900"
                >
                  Your feedback
                </h2>
                {values.page && (
                  <input type="hidden" name="page" value={values.page} />
                )}
                {values.page && (
                  <p class="text-sm text-slate-700">
                    About the page{" "}
                    <code class="rounded bg-slate-100 px-1.5 py-0.5 text-slate-900">
                      {values.page}
                    </code>
                  </p>
                )}
                {errors.page && (
                  <p class="text-sm font-medium text-red-800">{errors.page}</p>
                )}
                <StarRatingField
                  name="rating"
                  legend="Your rating"
                  value={values.rating}
                  error={errors.rating}
                />
                <TextAreaField
                  name="message"
                  label="What could be better, or what do you like?"
                  value={values.message}
                  error={errors.message}
                  maxLength={2000}
                  rows={5}
                />
                <TextField
                  name="email"
                  type="email"
                  label="Email address"
                  hint="Only if you'd like us to reply."
                  value={values.email}
                  error={errors.email}
                  autocomplete="email"
                />
                <Button size="lg">Send feedback</Button>
              </FormCard>
            </div>
          )}
      </Container>
    </>
  );
});

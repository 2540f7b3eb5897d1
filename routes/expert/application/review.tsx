import type { AppState } from "@/state.ts";
import { define } from "@/web/define.ts";
import {
  type ApplicationView,
  reapplyFrom,
  reopenApplication,
  submitApplication,
} from "@/services/applications/mod.ts";
import { now } from "@/services/platform/clock.ts";
import { formatDate } from "@/web/format.ts";
import { readForm } from "@/web/forms.ts";
import { type Category, listCategories } from "@/services/categories/mod.ts";
import { listOfferings, type Offering } from "@/services/offerings/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { Button } from "@/components/Button.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";
import { ApplicationFrame } from "@/components/expert/application.tsx";
import { getExpert } from "@/services/experts/mod.ts";
import { ApplicationSummary } from "@/components/expert/ApplicationSummary.tsx";
import {
  isEditable,
  loadApplication,
  stepHref,
  WIZARD_STEPS,
} from "@/web/application_wizard.ts";
import { requireUser } from "@/web/user.ts";

interface ReviewData {
  application: ApplicationView;
  categories: Category[];
  offerings: Offering[];
  /** Whether the live profile is public (an admin may have unpublished it). */
  profilePublished: boolean;
  /** Why submitting failed: the service's message and what is missing. */
  problem: { message: string; missing: string[] } | null;
}

async function reviewData(
  ctx: { state: AppState },
  problem: ReviewData["problem"],
): Promise<ReviewData> {
  const { kv } = ctx.state;
  const user = requireUser(ctx.state);
  return {
    application: await loadApplication(ctx),
    categories: (await listCategories(kv, { includeRetired: true }))
      .flatMap((category) => [category, ...category.subcategories]),
    offerings: await listOfferings(kv, user.id),
    profilePublished: (await getExpert(kv, user.id))?.published ?? false,
    problem,
  };
}

const FIELD_LABELS: Record<string, string> = {
  headline: "Profile: headline",
  bio: "Profile: about you",
  yearsExperience: "Profile: years of experience",
  languages: "Profile: languages",
  categoryIds: "Expertise: categories",
  skills: "Expertise: skills",
  offerings: "Offerings: at least one offering",
  documents: "Credentials: at least one document",
  email: "Email address",
};

export const handler = define.handlers<ReviewData>({
  async GET(_req, ctx) {
    return ctx.render(await reviewData(ctx, null));
  },

  async POST(req, ctx) {
    const reopening = (await readForm(req)).get("action") === "reopen";
    try {
      if (reopening) {
        await reopenApplication(ctx.state.kv, requireUser(ctx.state).id);
        return seeOther("/expert/application/profile?reopened=1");
      }
      await submitApplication(ctx.state.kv, requireUser(ctx.state).id);
    } catch (error) {
      const failure = formFailure(error);
      const missing = error instanceof ValidationError
        ? Object.entries(error.fieldErrors)
          // A reason the message already gives isn't listed again.
          .filter(([, messages]) => messages[0] !== error.message)
          .map(([field, messages]) =>
            `${FIELD_LABELS[field] ?? field}: ${messages[0]}`
          )
        : [];
      return ctx.render(
        await reviewData(ctx, {
          message: error instanceof Error ? error.message : "",
          missing,
        }),
        { status: failure.status },
      );
    }
    return seeOther("/expert/application/review?submitted=1");
  },
});

/** Step 5: everything at a glance, and the submit button. */
export default define.page<typeof handler>(function ReviewStep(
  { data, state, url },
) {
  const { application, categories, offerings, profilePublished, problem } =
    data;
  const editable = isEditable(application.status);
  const emailVerified = requireUser(state).emailVerified;
  const incomplete = WIZARD_STEPS.filter((step) =>
    step.id !== "review" && !application.steps[step.id]
  );
  return (
    <ApplicationFrame
      pathname={url.pathname}
      siteUrl={state.siteUrl}
      application={application}
      profilePublished={profilePublished}
      current="review"
      notice={url.searchParams.has("submitted")
        ? { tone: "success", text: "Your application was submitted." }
        : null}
    >
      {problem && (
        <Notice tone="error" title="Your application can't be submitted yet">
          <p>{problem.message}</p>
          {problem.missing.length > 0 && (
            <ul class="mt-2 list-disc pl-6">
              {problem.missing.map((item) => <li key={item}>{item}</li>)}
            </ul>
          )}
        </Notice>
      )}
      <Card title="Your application" id="summary">
        <ApplicationSummary
          application={application}
          categories={categories}
          offerings={offerings}
          documentHref={(id) => `/expert/application/documents/${id}`}
        />
      </Card>
      {editable && !emailVerified && !problem && (
        <Notice tone="info" title="Confirm your email address">
          <p>
            Confirm your email address first: open the link we emailed you, or
            send a new one from{" "}
            <a href="/account#email" class="font-semibold underline">
              your account page
            </a>. A public profile must reach you.
          </p>
        </Notice>
      )}
      <ApplyAgain application={application} />
      {editable && (
        <Card title="Submit for review" id="submit">
          {incomplete.length > 0
            ? (
              <p>
                Still to do:{" "}
                {incomplete.map((step, index) => (
                  <span key={step.id}>
                    {index > 0 && ", "}
                    <a class="font-semibold underline" href={stepHref(step.id)}>
                      {step.label}
                    </a>
                  </span>
                ))}
                .
              </p>
            )
            : (
              <p>
                Everything is filled in. Once submitted, your application is
                locked until an admin has reviewed it.
              </p>
            )}
          <form method="post" action="/expert/application/review">
            <Button>Submit application</Button>
          </form>
        </Card>
      )}
    </ApplicationFrame>
  );
});

/**
 * For a rejected application: when its expert may apply again, and once
 * that has come, the button that starts again from these answers.
 */
function ApplyAgain({ application }: { application: ApplicationView }) {
  const from = reapplyFrom(application);
  if (from === null) return null;
  const open = now().getTime() >= from.getTime();
  return (
    <Card title="Apply again" id="apply-again">
      {open
        ? (
          <>
            <p>
              You can apply again now. Your answers, offerings and documents are
              kept: improve them with the reviewer's note in mind, then submit
              again.
            </p>
            <form method="post" action="/expert/application/review">
              <input type="hidden" name="action" value="reopen" />
              <Button>Start a new application</Button>
            </form>
          </>
        )
        : (
          <p>
            You can apply again from{" "}
            <strong>{formatDate(from.toISOString())}</strong>. Come back then to
            start a new application from your answers.
          </p>
        )}
    </Card>
  );
}

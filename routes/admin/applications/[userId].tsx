import { define } from "@/web/define.ts";
import {
  type ApplicationView,
  approveApplication,
  getApplication,
  rejectApplication,
  republishExpert,
  requestChanges,
  unpublishExpert,
} from "@/services/applications/mod.ts";
import { getUser } from "@/services/auth/mod.ts";
import type { PublicUser } from "@/services/auth/mod.ts";
import { type Category, listCategories } from "@/services/categories/mod.ts";
import { NotFoundError } from "@/services/platform/errors.ts";
import { type ExpertProfile, getExpert } from "@/services/experts/mod.ts";
import { listOfferings, type Offering } from "@/services/offerings/mod.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { Button } from "@/components/Button.tsx";
import { TextAreaField } from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import { readFields, readForm } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { formatInstant } from "@/web/format.ts";
import { formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";
import { PrivatePageSeo } from "@/components/Seo.tsx";
import { STATUS_LABELS } from "@/web/application_wizard.ts";
import { requireUser } from "@/web/user.ts";
import { ApplicationSummary } from "@/components/expert/ApplicationSummary.tsx";

interface ReviewData {
  application: ApplicationView;
  applicant: Pick<PublicUser, "name" | "email" | "emailVerified"> | null;
  expert: ExpertProfile | null;
  categories: Category[];
  offerings: Offering[];
  note: string;
  errors: Record<string, string>;
  message: string | null;
}

const DECISIONS = {
  approve: approveApplication,
  reject: rejectApplication,
  "request-changes": requestChanges,
  unpublish: unpublishExpert,
  republish: republishExpert,
} as const;

const DONE: Record<string, string> = {
  approve: "Approved: the profile is public and the expert was emailed.",
  reject: "Rejected: the expert was emailed.",
  "request-changes": "Changes requested: the expert was emailed.",
  unpublish: "Unpublished: the profile is hidden from learners.",
  republish: "Published again.",
};

async function reviewData(
  kv: Deno.Kv,
  userId: string,
  form: Pick<ReviewData, "note" | "errors" | "message"> = {
    note: "",
    errors: {},
    message: null,
  },
): Promise<ReviewData | null> {
  let application: ApplicationView;
  try {
    application = await getApplication(kv, userId);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
  const user = await getUser(kv, userId);
  return {
    application,
    applicant: user
      ? {
        name: user.name,
        email: user.email,
        emailVerified: user.emailVerified,
      }
      : null,
    expert: await getExpert(kv, userId),
    categories: (await listCategories(kv, { includeRetired: true }))
      .flatMap((category) => [category, ...category.subcategories]),
    offerings: await listOfferings(kv, userId),
    ...form,
  };
}

export const handler = define.handlers<ReviewData>({
  async GET(_req, ctx) {
    const data = await reviewData(ctx.state.kv, ctx.params.userId);
    return data ? ctx.render(data) : ctx.renderNotFound();
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const { userId } = ctx.params;
    const { decision, note } = readFields(await readForm(req), [
      "decision",
      "note",
    ]);
    if (!(await reviewData(kv, userId))) return ctx.renderNotFound();
    const decide = DECISIONS[decision as keyof typeof DECISIONS];
    if (!decide) {
      return ctx.render(
        (await reviewData(kv, userId, {
          note,
          errors: {},
          message: "Choose one of the decisions.",
        }))!,
        { status: 400 },
      );
    }
    try {
      await decide(
        kv,
        requireUser(ctx.state).id,
        userId,
        { note },
        requestMeta(ctx),
      );
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render(
        (await reviewData(kv, userId, {
          note,
          errors: failure.errors.note ? { note: failure.errors.note } : {},
          message: failure.message ??
            (failure.errors.note ? null : Object.values(failure.errors)[0]) ??
            null,
        }))!,
        { status: failure.status },
      );
    }
    return seeOther(`/admin/applications/${userId}?done=${decision}`);
  },
});

/** One application: everything it holds, its history, and the decisions. */
export default define.page<typeof handler>(function ReviewApplication(
  { data, state, url },
) {
  const {
    application,
    applicant,
    expert,
    categories,
    offerings,
    note,
    errors,
    message,
  } = data;
  const done = DONE[url.searchParams.get("done") ?? ""];
  const name = applicant?.name ?? application.userId;
  const base = `/admin/applications/${application.userId}`;
  const title = `Application from ${name}`;
  return (
    <>
      <PrivatePageSeo
        title={title}
        siteUrl={state.siteUrl}
        path={url.pathname}
      />
      <h2 class="text-2xl font-bold tracking-tight break-words text-slate-900">
        {title}
      </h2>
      {done && <Notice tone="success">{done}</Notice>}
      {message && <Notice tone="error">{message}</Notice>}
      <Card title="Applicant" id="applicant">
        <dl class="grid gap-2 sm:grid-cols-[10rem_1fr]">
          <dt class="font-semibold">Name</dt>
          <dd>{name}</dd>
          <dt class="font-semibold">Email</dt>
          <dd class="break-words">
            {applicant?.email ?? "Unknown"}
            {applicant && " · "}
            {applicant && (applicant.emailVerified
              ? <span class="text-emerald-800">verified</span>
              : (
                <span class="font-semibold text-amber-800">
                  not confirmed yet
                </span>
              ))}
          </dd>
          <dt class="font-semibold">Status</dt>
          <dd>
            {STATUS_LABELS[application.status]}
            {expert && (expert.published ? " · public" : " · unpublished")}
          </dd>
          <dt class="font-semibold">Submitted</dt>
          <dd>
            {application.submittedAt
              ? formatInstant(application.submittedAt)
              : "Not yet"}
          </dd>
        </dl>
        <a
          href="/admin/applications"
          class="font-semibold text-brand-800 underline"
        >
          Back to the queue
        </a>
      </Card>
      <Card title="Application" id="application">
        <ApplicationSummary
          application={application}
          categories={categories}
          offerings={offerings}
          documentHref={(id) => `${base}/documents/${id}`}
        />
      </Card>
      {application.reviewerNotes.length > 0 && (
        <Card title="History" id="history">
          <ol class="space-y-3">
            {application.reviewerNotes.map((entry) => (
              <li key={entry.at}>
                <p class="font-semibold">
                  {`${formatInstant(entry.at)}: ${
                    entry.decision.replace("_", " ")
                  }`}
                </p>
                {entry.note && (
                  <p class="whitespace-pre-line text-slate-800">{entry.note}</p>
                )}
              </li>
            ))}
          </ol>
        </Card>
      )}
      {application.status === "pending" && applicant &&
        !applicant.emailVerified && (
        <Notice tone="info" title="Email address not confirmed">
          The expert hasn't confirmed their email address yet, so the
          application can't be approved until they do. You can still ask for
          changes or reject it.
        </Notice>
      )}
      {application.status === "pending" && (
        <Card title="Decision" id="decision">
          <form method="post" action={base} noValidate class="space-y-4">
            <TextAreaField
              name="note"
              label="Note to the expert"
              rows={4}
              maxLength={2000}
              value={note}
              error={errors.note}
              hint="Required to reject or request changes; optional to approve. The expert receives it by email."
            />
            <div class="flex flex-wrap gap-3">
              <Button name="decision" value="approve">Approve</Button>
              <Button
                name="decision"
                value="request-changes"
                variant="secondary"
              >
                Request changes
              </Button>
              <Button name="decision" value="reject" variant="secondary">
                Reject
              </Button>
            </div>
          </form>
        </Card>
      )}
      {application.status === "approved" && expert && (
        <Card
          title={expert.published ? "Unpublish" : "Publish again"}
          id="visibility"
        >
          <form method="post" action={base} noValidate class="space-y-4">
            <input
              type="hidden"
              name="decision"
              value={expert.published ? "unpublish" : "republish"}
            />
            <TextAreaField
              name="note"
              label="Note to the expert"
              rows={3}
              required={expert.published}
              maxLength={2000}
              value={note}
              error={errors.note}
              hint={expert.published
                ? "Why the profile is hidden, e.g. after complaints."
                : undefined}
            />
            <Button variant={expert.published ? "secondary" : "primary"}>
              {expert.published ? "Unpublish profile" : "Publish profile again"}
            </Button>
          </form>
        </Card>
      )}
    </>
  );
});

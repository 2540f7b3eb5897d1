/**
 * /account/privacy: the signed-in user's data. The policy and terms version
 * they accepted (and accepting a newer one), asking for an export of
 * everything we hold about them, and deleting the account (with what must
 * happen first, re-authentication, and the date it takes effect).
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { clearSessionCookie } from "@/auth/cookies.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import type { PublicUser } from "@/services/auth/mod.ts";
import {
  type Acceptance,
  acceptPolicy,
  cancelDeletion,
  type DataExportView,
  DELETION_GRACE_DAYS,
  DeletionBlockedError,
  type DeletionStatus,
  deletionStatus,
  EXPORTS_PER_DAY,
  listOwnExports,
  policyAcceptance,
  requestDeletion,
  requestExport,
} from "@/services/privacy/mod.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import { CodeField, PasswordField } from "@/components/form/inputs.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { formatInstant, formatSize } from "@/web/format.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { failureInit, formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";

interface PrivacyData {
  user: PublicUser;
  acceptance: {
    accepted: Acceptance | null;
    current: boolean;
    version: string;
  };
  exports: DataExportView[];
  deletion: DeletionStatus;
  errors: Partial<Record<"password" | "code", string>>;
  notice: { tone: "success" | "error"; text: string } | null;
  /** Set once a deletion was scheduled: the page then says goodbye. */
  scheduled: string | null;
}

const DONE: Record<string, string> = {
  export:
    "We're preparing your export. We'll email you a download link when it's ready (usually within minutes).",
  accepted: "Thank you: your acceptance is recorded.",
  kept: "Your account is no longer scheduled for deletion.",
};

async function pageData(
  kv: Deno.Kv,
  user: PublicUser,
): Promise<Omit<PrivacyData, "errors" | "notice" | "scheduled">> {
  return {
    user,
    acceptance: await policyAcceptance(kv, user.id),
    exports: await listOwnExports(kv, user.id),
    deletion: await deletionStatus(kv, user.id),
  };
}

export const handler = define.handlers<PrivacyData>({
  async GET(_req, ctx) {
    const user = requireUser(ctx.state);
    const done = DONE[ctx.url.searchParams.get("done") ?? ""];
    return ctx.render({
      ...await pageData(ctx.state.kv, user),
      errors: {},
      notice: done ? { tone: "success", text: done } : null,
      scheduled: null,
    });
  },

  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const { kv } = ctx.state;
    const { action, password, code } = readFields(await readForm(req), [
      "action",
      "password",
      "code",
    ]);
    const meta = requestMeta(ctx);
    try {
      if (action === "export") {
        await requestExport(kv, user.id, meta);
        return seeOther("/account/privacy?done=export");
      }
      if (action === "accept") {
        await acceptPolicy(kv, user.id);
        return seeOther("/account/privacy?done=accepted");
      }
      if (action === "keep") {
        await cancelDeletion(kv, user.id, meta);
        return seeOther("/account/privacy?done=kept");
      }
      if (action === "delete") {
        const request = await requestDeletion(
          kv,
          user.id,
          {
            password: password || undefined,
            code: code || undefined,
          },
          meta,
          ctx.state.session?.createdAt,
        );
        // Every session ended, this one too: the browser forgets it.
        const headers = new Headers();
        clearSessionCookie(headers, req, ctx.state.config.trustProxy);
        // The page that says goodbye is already a signed-out one.
        ctx.state.user = null;
        ctx.state.session = null;
        ctx.state.sessionToken = null;
        ctx.state.notificationBell = undefined;
        return ctx.render({
          ...await pageData(kv, user),
          errors: {},
          notice: null,
          scheduled: request.eraseAt,
        }, { headers });
      }
      return ctx.render({
        ...await pageData(kv, user),
        errors: {},
        notice: { tone: "error", text: "That action isn't available here." },
        scheduled: null,
      }, { status: 400 });
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render({
        ...await pageData(kv, user),
        errors: failure.errors,
        notice: failure.message
          ? {
            tone: "error",
            text: error instanceof DeletionBlockedError
              ? "Your account can't be deleted yet: see what must happen first below."
              : failure.message,
          }
          : null,
        scheduled: null,
      }, failureInit(failure));
    }
  },
});

const link = "font-semibold text-brand-800 underline";

function AcceptanceCard(
  { acceptance }: { acceptance: PrivacyData["acceptance"] },
) {
  const { accepted, current, version } = acceptance;
  return (
    <Card title="Privacy policy and terms" id="policy">
      {accepted
        ? (
          <p>
            You accepted version {accepted.version} on{" "}
            {formatInstant(accepted.acceptedAt)}.
          </p>
        )
        : <p>We have no record of you accepting them yet.</p>}
      {!current && (
        <form method="post" action="/account/privacy" class="space-y-3">
          <p>
            The <a href="/privacy" class={link}>privacy policy</a> and{" "}
            <a href="/terms" class={link}>terms</a> changed (version{" "}
            {version}). Please read and accept them to keep using TapTime.
          </p>
          <input type="hidden" name="action" value="accept" />
          <Button>Accept version {version}</Button>
        </form>
      )}
      {current && (
        <p>
          Read the <a href="/privacy" class={link}>privacy policy</a> and the
          {" "}
          <a href="/terms" class={link}>terms</a>.
        </p>
      )}
    </Card>
  );
}

function ExportCard({ exports }: { exports: DataExportView[] }) {
  const preparing = exports.some((record) => record.status === "preparing");
  return (
    <Card title="Download your data" id="export">
      <p>
        Get a ZIP file with everything we hold about you: your profile,
        onboarding answers, bookings, messages, reviews, notifications, money
        movements, security events and the files you uploaded. We email you a
        link that works for 24 hours, only while you are signed in. You can ask
        {" "}
        {EXPORTS_PER_DAY} times a day.
      </p>
      {preparing
        ? (
          <p class="font-medium">
            Your export is being prepared; we'll email you when it's ready.
          </p>
        )
        : (
          <form method="post" action="/account/privacy">
            <input type="hidden" name="action" value="export" />
            <Button>Request my data</Button>
          </form>
        )}
      {exports.length > 0 && (
        <ul class="space-y-1 text-sm text-slate-700">
          {exports.map((record) => (
            <li key={record.id}>
              Asked {formatInstant(record.requestedAt)}:{" "}
              {record.status === "ready"
                ? `ready${
                  record.size ? ` (${formatSize(record.size)})` : ""
                }, link ${
                  Date.parse(record.expiresAt!) > Date.now()
                    ? `works until ${formatInstant(record.expiresAt!)}`
                    : "expired"
                }`
                : record.status === "preparing"
                ? "being prepared"
                : "failed; please ask again"}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function DeletionCard(
  { deletion, errors }: {
    deletion: DeletionStatus;
    errors: PrivacyData["errors"];
  },
) {
  if (deletion.pending) {
    return (
      <Card title="Delete your account" id="delete">
        <p>
          Your account will be deleted on{" "}
          <strong>{formatInstant(deletion.pending.eraseAt)}</strong>.
        </p>
        <form method="post" action="/account/privacy">
          <input type="hidden" name="action" value="keep" />
          <Button variant="secondary">Keep my account</Button>
        </form>
      </Card>
    );
  }
  return (
    <Card title="Delete your account" id="delete">
      <p>
        Deleting your account signs you out everywhere and, after{" "}
        {DELETION_GRACE_DAYS}{" "}
        days, erases your personal data: your name, email, phone, photos,
        documents, onboarding answers and notifications. Bookings and payments
        stay in our accounts under an id that no longer names you, and reviews
        you wrote show "Former member". Changed your mind? Sign in before the
        date and the deletion is cancelled.
      </p>
      {deletion.blockers.length > 0
        ? (
          <div class="space-y-2" id="delete-blockers">
            <p class="font-semibold">Before you can delete your account:</p>
            <ul class="list-disc space-y-1 pl-6">
              {deletion.blockers.map((blocker) => (
                <li key={blocker.message}>
                  <a href={blocker.href} class={link}>{blocker.message}</a>
                </li>
              ))}
            </ul>
          </div>
        )
        : (
          <form
            method="post"
            action="/account/privacy"
            noValidate
            class="space-y-4"
          >
            <input type="hidden" name="action" value="delete" />
            {deletion.reauth.password && (
              <PasswordField
                name="password"
                label="Your password"
                autocomplete="current-password"
                hint="To confirm it's you."
                error={errors.password}
              />
            )}
            {!deletion.reauth.password && !deletion.reauth.code && (
              <p class="text-sm text-slate-700">
                You sign in with Google or LinkedIn, so there is no password to
                confirm: this works within 15 minutes of signing in.
              </p>
            )}
            {deletion.reauth.code && (
              <CodeField
                label="Code from your authenticator app"
                hint="Or one of your recovery codes."
                error={errors.code}
              />
            )}
            <Button>Delete my account</Button>
          </form>
        )}
    </Card>
  );
}

export default define.page<typeof handler>(function PrivacyPage(
  { data, state, url },
) {
  const { acceptance, exports, deletion, errors, notice, scheduled } = data;
  if (scheduled) {
    return (
      <>
        <Seo
          title="Account deletion scheduled"
          description="Your TapTime account is scheduled for deletion."
          siteUrl={state.siteUrl}
          path={url.pathname}
          noindex
        />
        <PageHeader eyebrow="Privacy" title="Your account will be deleted" />
        <Container width="narrow" class="space-y-6 py-10">
          <Notice tone="success" title="Deletion scheduled">
            Your account will be deleted on{" "}
            <strong>{formatInstant(scheduled)}</strong>. We've signed you out on
            every device and emailed you the date. Changed your mind? Sign in
            before then and the deletion is cancelled.
          </Notice>
          <p>
            <a href="/" class={link}>Back to the home page</a>
          </p>
        </Container>
      </>
    );
  }
  return (
    <>
      <Seo
        title="Your data and privacy"
        description="Download your TapTime data, delete your account, and the privacy policy you accepted."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader eyebrow="Account" title="Your data and privacy">
        <p class="mt-4">
          <a href="/account" class={link}>Back to your account</a>
        </p>
      </PageHeader>
      <Container width="narrow" class="space-y-6 py-10">
        {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
        <FormErrorSummary errors={errors} />
        <AcceptanceCard acceptance={acceptance} />
        <ExportCard exports={exports} />
        <DeletionCard deletion={deletion} errors={errors} />
      </Container>
    </>
  );
});

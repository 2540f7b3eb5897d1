import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import type { PublicUser } from "@/services/auth/mod.ts";
import { resendVerification, updateProfile } from "@/services/auth/mod.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { TimeZoneField } from "@/components/form/TimeZoneField.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import { readFields, readForm } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { failureInit, formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";

interface AccountData {
  user: PublicUser;
  values: { name: string; timeZone: string };
  errors: Partial<Record<"name" | "timeZone", string>>;
  /** A message after an action: saved, sent, or why it failed. */
  notice: { tone: "success" | "error"; text: string } | null;
}

const DONE: Record<string, string> = {
  profile: "Your profile is saved.",
  verification: "We've sent a new verification link. Check your inbox.",
};

export const handler = define.handlers<AccountData>({
  GET(_req, ctx) {
    const user = requireUser(ctx.state);
    const done = DONE[ctx.url.searchParams.get("done") ?? ""];
    return ctx.render({
      user,
      values: { name: user.name, timeZone: user.timeZone },
      errors: {},
      notice: done ? { tone: "success", text: done } : null,
    });
  },

  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const form = await readForm(req);
    const { action, name, timeZone } = readFields(form, [
      "action",
      "name",
      "timeZone",
    ]);
    try {
      if (action === "profile") {
        await updateProfile(
          ctx.state.kv,
          user.id,
          { name, timeZone },
          requestMeta(ctx),
        );
        return seeOther("/account?done=profile");
      }
      if (action === "resend-verification") {
        await resendVerification(ctx.state.kv, user.id, requestMeta(ctx));
        return seeOther("/account?done=verification");
      }
      return ctx.render({
        user,
        values: { name: user.name, timeZone: user.timeZone },
        errors: {},
        notice: { tone: "error", text: "That action isn't available here." },
      }, { status: 400 });
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render({
        user,
        values: action === "profile"
          ? { name, timeZone }
          : { name: user.name, timeZone: user.timeZone },
        errors: failure.errors,
        notice: failure.message
          ? { tone: "error", text: failure.message }
          : null,
      }, failureInit(failure));
    }
  },
});

export default define.page<typeof handler>(function AccountPage(
  { data, state, url },
) {
  const { user, values, errors, notice } = data;
  return (
    <>
      <Seo
        title="Your account"
        description="Your TapTime profile and email address."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader eyebrow="Account" title="Your account">
        <p class="mt-4">
          <a
            href="/account/security"
            class="font-semibold text-brand-800 underline"
          >
            Password, two-factor authentication and sessions
          </a>
        </p>
        <p class="mt-2">
          <a
            href="/account/phone"
            class="font-semibold text-brand-800 underline"
          >
            Phone number and text reminders
          </a>
        </p>
        <p class="mt-2">
          <a
            href="/account/notifications"
            class="font-semibold text-brand-800 underline"
          >
            What we notify you about, and how
          </a>
        </p>
        <p class="mt-2">
          <a
            href="/account/privacy"
            class="font-semibold text-brand-800 underline"
          >
            Your data: export, deletion and the privacy policy
          </a>
        </p>
      </PageHeader>
      <Container width="narrow" class="space-y-6 py-10">
        {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
        <FormErrorSummary errors={errors} />

        <Card title="Email address" id="email">
          <p>
            <span class="font-semibold">{user.email}</span> {user.emailVerified
              ? <span class="text-emerald-800">(verified)</span>
              : <span class="text-amber-800">(not verified yet)</span>}
          </p>
          {user.pendingEmail
            ? (
              <form method="post" action="/account" class="space-y-3">
                <p class="text-slate-700">
                  You asked to change it to{" "}
                  <span class="font-semibold break-all">
                    {user.pendingEmail}
                  </span>. Open the link we sent there to confirm; until then we
                  keep using {user.email}. Can't find it? We can send a new one.
                </p>
                <input
                  type="hidden"
                  name="action"
                  value="resend-verification"
                />
                <Button variant="secondary">Send the link again</Button>
              </form>
            )
            : !user.emailVerified && (
              <form method="post" action="/account" class="space-y-3">
                <p class="text-slate-700">
                  We sent a verification link to this address. Can't find it? We
                  can send a new one.
                </p>
                <input
                  type="hidden"
                  name="action"
                  value="resend-verification"
                />
                <Button variant="secondary">
                  Send a new verification link
                </Button>
              </form>
            )}
          <p class="text-sm text-slate-700">
            To use another address, go to{" "}
            <a
              href="/account/security#change-email"
              class="font-semibold text-brand-800 underline"
            >
              Security
            </a>.
          </p>
        </Card>

        <Card title="Profile" id="profile">
          <form method="post" action="/account" noValidate class="space-y-6">
            <input type="hidden" name="action" value="profile" />
            <TextField
              name="name"
              label="Name"
              value={values.name}
              error={errors.name}
              autocomplete="name"
              maxLength={100}
              required
            />
            <TimeZoneField
              name="timeZone"
              label="Time zone"
              value={values.timeZone}
              hint="Session times are shown in this zone."
              error={errors.timeZone}
            />
            <Button>Save profile</Button>
          </form>
        </Card>
      </Container>
    </>
  );
});

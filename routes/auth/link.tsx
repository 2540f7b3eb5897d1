/**
 * /auth/link: a provider's verified email matched an existing account.
 * Nothing is linked until the person proves the account is theirs: its
 * password here, or the link emailed to the account's address.
 */
import { readCookie } from "@/auth/cookies.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { Button } from "@/components/Button.tsx";
import { FormCard } from "@/components/form/FormCard.tsx";
import { PasswordField } from "@/components/form/inputs.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import {
  confirmLinkWithPassword,
  describePendingLink,
  emailLinkConfirmation,
  PROVIDER_INFO,
  SocialLoginError,
  type SocialProvider,
} from "@/services/social_login/mod.ts";
import { define } from "@/web/define.ts";
import { failureInit, formFailure } from "@/web/form_failure.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import {
  LINK_COOKIE,
  outcomeResponse,
  setSocialCookie,
} from "@/web/social_login.ts";

interface LinkData {
  pending: {
    provider: SocialProvider;
    email: string;
    hasPassword: boolean;
  } | null;
  error: string | null;
  message: string | null;
  sentTo: string | null;
}

export const handler = define.handlers<LinkData>({
  async GET(req, ctx) {
    const token = readCookie(req, LINK_COOKIE);
    const pending = token
      ? await describePendingLink(ctx.state.kv, token)
      : null;
    return ctx.render({ pending, error: null, message: null, sentTo: null });
  },

  async POST(req, ctx) {
    const { action, password } = readFields(await readForm(req), [
      "action",
      "password",
    ]);
    const { kv } = ctx.state;
    const token = readCookie(req, LINK_COOKIE);
    const pending = token ? await describePendingLink(kv, token) : null;
    const headers = new Headers();
    if (!token || !pending || action === "cancel") {
      setSocialCookie(headers, LINK_COOKIE, "", req, ctx.state);
      return seeOther("/login", headers);
    }
    const meta = requestMeta(ctx);
    try {
      if (action === "email") {
        const { email } = await emailLinkConfirmation(kv, token, meta);
        return ctx.render({
          pending,
          error: null,
          message: null,
          sentTo: email,
        });
      }
      const outcome = await confirmLinkWithPassword(kv, token, password, meta);
      setSocialCookie(headers, LINK_COOKIE, "", req, ctx.state);
      return outcomeResponse(outcome, req, ctx.state, headers);
    } catch (error) {
      if (error instanceof SocialLoginError) {
        return ctx.render({
          pending: null,
          error: null,
          message: error.message,
          sentTo: null,
        }, { status: error.status });
      }
      const failure = formFailure(error);
      return ctx.render({
        pending,
        error: failure.errors.password ?? null,
        message: failure.message,
        sentTo: null,
      }, failureInit(failure));
    }
  },
});

export default define.page<typeof handler>(function LinkPage(
  { data, state, url },
) {
  const { pending, error, message, sentTo } = data;
  const label = pending ? PROVIDER_INFO[pending.provider].label : "";
  return (
    <>
      <Seo
        title="Link your account"
        description="Confirm that the account is yours before linking."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader eyebrow="Log in" title="You already have an account" />
      <Container width="narrow" class="space-y-6 py-10">
        {message && <Notice tone="error">{message}</Notice>}
        {!pending && !message && (
          <Notice tone="error">
            This request has expired.{" "}
            <a href="/login" class="font-semibold underline">Log in again</a>.
          </Notice>
        )}
        {sentTo && (
          <Notice tone="success" title="Check your email">
            We sent a link to {sentTo}. Open it to link {label} and sign in.
          </Notice>
        )}
        {pending && (
          <>
            <p>
              {pending.email}{" "}
              already has a TapTime account. To sign in to it with {label}{" "}
              from now on, show us it's yours.
            </p>
            {pending.hasPassword && (
              <FormCard action="/auth/link" labelledBy="password-heading">
                <h2
                  id="password-heading"
                  class="text-lg font-semibold text-slate-900"
                >
                  Enter your TapTime password
                </h2>
                <input type="hidden" name="action" value="password" />
                <PasswordField
                  name="password"
                  label="Password"
                  autocomplete="current-password"
                  error={error ?? undefined}
                />
                <Button size="lg">Link {label} and log in</Button>
              </FormCard>
            )}
            <form method="post" action="/auth/link" class="space-y-2">
              <input type="hidden" name="action" value="email" />
              <p class="text-sm text-slate-700">
                {pending.hasPassword ? "No password to hand? " : ""}We can email
                a confirmation link to {pending.email}.
              </p>
              <Button variant="secondary">Email me a link</Button>
            </form>
            <form method="post" action="/auth/link">
              <input type="hidden" name="action" value="cancel" />
              <Button variant="ghost">Cancel</Button>
            </form>
          </>
        )}
      </Container>
    </>
  );
});

import { define } from "@/web/define.ts";
import {
  InvalidTokenError,
  isResetLinkLive,
  resetPassword,
} from "@/services/auth/mod.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { Button, ButtonLink } from "@/components/Button.tsx";
import { FormCard, FormErrorSummary } from "@/components/form/FormCard.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import { readFields, readForm } from "@/web/forms.ts";
import { PasswordField } from "@/components/form/inputs.tsx";
import { failureInit, formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";

interface ResetData {
  token: string;
  /** The link itself is unusable: missing, unknown, used or expired. */
  linkError: string | null;
  passwordError: string | null;
  message: string | null;
}

const MISSING_TOKEN =
  "This link is missing its code. Open the link from your email again, or ask for a new one.";

/**
 * GET shows the new-password form for the token in the link; POST sets the
 * password (ending every session of the account) and sends the person to log
 * in. GET checks the link without spending it, so a used or unknown link
 * says so before anyone types a new password.
 */
export const handler = define.handlers<ResetData>({
  async GET(_req, ctx) {
    const token = ctx.url.searchParams.get("token") ?? "";
    const linkError = !token
      ? MISSING_TOKEN
      : await isResetLinkLive(ctx.state.kv, token)
      ? null
      : new InvalidTokenError().message;
    return ctx.render({
      token,
      linkError,
      passwordError: null,
      message: null,
    }, { status: linkError ? 400 : 200 });
  },

  async POST(req, ctx) {
    const { token, password } = readFields(await readForm(req), [
      "token",
      "password",
    ]);
    if (!token) {
      return ctx.render({
        token,
        linkError: MISSING_TOKEN,
        passwordError: null,
        message: null,
      }, { status: 400 });
    }
    try {
      await resetPassword(ctx.state.kv, { token, password }, requestMeta(ctx));
      return seeOther("/login?notice=password-reset");
    } catch (error) {
      const failure = formFailure(error);
      const linkBroken = error instanceof InvalidTokenError ||
        (failure.errors.token !== undefined);
      return ctx.render({
        token,
        linkError: linkBroken
          ? (failure.message ?? failure.errors.token ?? MISSING_TOKEN)
          : null,
        passwordError: failure.errors.password ?? null,
        message: linkBroken || failure.errors.password ? null : failure.message,
      }, failureInit(failure));
    }
  },
});

export default define.page<typeof handler>(function ResetPasswordPage(
  { data, state, url },
) {
  const { token, linkError, passwordError, message } = data;
  return (
    <>
      <Seo
        title="Choose a new password"
        description="Set a new password for your TapTime account."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader eyebrow="Account" title="Choose a new password" />
      <Container width="narrow" class="py-10">
        {linkError
          ? (
            <div class="space-y-6">
              <Notice tone="error" title="This reset link can't be used">
                {linkError}
              </Notice>
              <ButtonLink href="/forgot-password">Get a new link</ButtonLink>
            </div>
          )
          : (
            <div class="space-y-6">
              {message && <Notice tone="error">{message}</Notice>}
              <FormErrorSummary
                errors={passwordError ? { password: passwordError } : {}}
              />
              <FormCard action="/reset-password" labelledBy="reset-heading">
                <h2
                  id="reset-heading"
                  class="text-lg font-semibold text-slate-900"
                >
                  New password
                </h2>
                <input type="hidden" name="token" value={token} />
                <PasswordField
                  name="password"
                  label="New password"
                  autocomplete="new-password"
                  hint="At least 10 characters, and not a common password. You'll be logged out everywhere and can then log in with it."
                  error={passwordError ?? undefined}
                />
                <Button size="lg">Set new password</Button>
              </FormCard>
            </div>
          )}
      </Container>
    </>
  );
});

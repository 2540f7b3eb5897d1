import { define } from "@/web/define.ts";
import { requestPasswordReset } from "@/services/auth/mod.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { Button } from "@/components/Button.tsx";
import { FormCard, FormErrorSummary } from "@/components/form/FormCard.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import { readFields, readForm, wasSent } from "@/web/forms.ts";
import { failureInit, formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";

interface ForgotData {
  sent: boolean;
  email: string;
  error: string | null;
  message: string | null;
}

/**
 * The answer after sending is the same whether or not an account uses the
 * address, so this page cannot be used to find out who has an account.
 */
export const handler = define.handlers<ForgotData>({
  GET(_req, ctx) {
    return ctx.render({
      sent: wasSent(ctx.url),
      email: "",
      error: null,
      message: null,
    });
  },

  async POST(req, ctx) {
    const { email } = readFields(await readForm(req), ["email"]);
    try {
      await requestPasswordReset(ctx.state.kv, { email }, requestMeta(ctx));
      return seeOther("/forgot-password?sent=1");
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render({
        sent: false,
        email,
        error: failure.errors.email ?? null,
        message: failure.errors.email ? null : failure.message,
      }, failureInit(failure));
    }
  },
});

export default define.page<typeof handler>(function ForgotPasswordPage(
  { data, state, url },
) {
  const { sent, email, error, message } = data;
  return (
    <>
      <Seo
        title="Forgot your password"
        description="Get a link to choose a new TapTime password."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex={sent}
      />
      <PageHeader eyebrow="Account" title="Forgot your password?" />
      <Container width="narrow" class="py-10">
        {sent
          ? (
            <Notice tone="success" title="Check your email">
              If an account uses that address, we've sent it a link to choose a
              new password. The link works once, for 30 minutes. Nothing
              arrived? Check your spam folder, or ask again.
            </Notice>
          )
          : (
            <div class="space-y-6">
              {message && <Notice tone="error">{message}</Notice>}
              <FormErrorSummary errors={error ? { email: error } : {}} />
              <FormCard action="/forgot-password" labelledBy="forgot-heading">
                <h2
                  id="forgot-heading"
                  class="text-lg font-semibold text-slate-900"
                >
                  Get a reset link
                </h2>
                <p class="text-slate-700">
                  Enter the email address of your account and we'll send you a
                  link to choose a new password.
                </p>
                <TextField
                  name="email"
                  type="email"
                  label="Email address"
                  value={email}
                  error={error ?? undefined}
                  autocomplete="email"
                  required
                />
                <Button size="lg">Send reset link</Button>
              </FormCard>
            </div>
          )}
      </Container>
    </>
  );
});

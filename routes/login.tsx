import { define } from "@/web/define.ts";
import { login } from "@/services/auth/mod.ts";
import { roleHome } from "@/auth/policy.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import {
  DEVICE_COOKIE,
  readCookie,
  setDeviceCookie,
  setPendingCookie,
  setSessionCookie,
} from "@/auth/cookies.ts";
import { Button } from "@/components/Button.tsx";
import { FormCard, FormErrorSummary } from "@/components/form/FormCard.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import { readFields, readForm } from "@/web/forms.ts";
import { PasswordField, TextField } from "@/components/form/inputs.tsx";
import { failureInit, formFailure } from "@/web/form_failure.ts";
import { safeNextPath, seeOther } from "@/web/navigation.ts";
import { SocialButtons } from "@/components/account/SocialLogins.tsx";
import { getSocialLoginClients } from "@/services/social_login/mod.ts";

const FIELDS = ["email", "password", "next"] as const;

interface LoginData {
  email: string;
  /** Where to go after login; already checked to be a path on this site. */
  next: string | null;
  errors: Partial<Record<"email" | "password", string>>;
  /** Why the login failed as a whole: wrong password, locked, suspended, too many tries. */
  message: string | null;
  /** Shown above the form after a password reset, a logout or an expired 2FA step. */
  notice: string | null;
}

const NOTICES: Record<string, string> = {
  "password-reset": "Your password has been changed. Log in with the new one.",
  "logged-out": "You've been logged out.",
  "2fa-expired":
    "The two-factor step timed out. Log in again to get a new one.",
};

export const handler = define.handlers<LoginData>({
  GET(_req, ctx) {
    const query = ctx.url.searchParams;
    return ctx.render({
      email: "",
      next: safeNextPath(query.get("next")),
      errors: {},
      message: null,
      notice: NOTICES[query.get("notice") ?? ""] ?? null,
    });
  },

  async POST(req, ctx) {
    const { email, password, next: nextField } = readFields(
      await readForm(req),
      FIELDS,
    );
    const next = safeNextPath(nextField);
    try {
      const result = await login(
        ctx.state.kv,
        { email, password },
        requestMeta(ctx),
        { deviceToken: readCookie(req, DEVICE_COOKIE) },
      );
      const headers = new Headers();
      if (result.deviceToken) {
        setDeviceCookie(
          headers,
          result.deviceToken,
          req,
          ctx.state.config.trustProxy,
        );
      }
      if ("twoFactorRequired" in result) {
        setPendingCookie(
          headers,
          result.pendingToken,
          req,
          ctx.state.config.trustProxy,
        );
        const step = next
          ? `/login/2fa?next=${encodeURIComponent(next)}`
          : "/login/2fa";
        return seeOther(step, headers);
      }
      setSessionCookie(
        headers,
        result.sessionToken,
        req,
        ctx.state.config.trustProxy,
      );
      return seeOther(next ?? roleHome(result.user), headers);
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render({
        email,
        next,
        errors: failure.errors,
        message: failure.message,
        notice: null,
      }, failureInit(failure));
    }
  },
});

export default define.page<typeof handler>(function LoginPage(
  { data, state, url },
) {
  const { email, next, errors, message, notice } = data;
  return (
    <>
      <Seo
        title="Log in"
        description="Log in to TapTime to book and manage your sessions."
        siteUrl={state.siteUrl}
        path={url.pathname}
      />
      <PageHeader eyebrow="Log in" title="Welcome back" />
      <Container width="narrow" class="py-10">
        <div class="space-y-6">
          {notice && <Notice tone="success">{notice}</Notice>}
          {message && (
            <Notice tone="error" title="Couldn't log you in">{message}</Notice>
          )}
          <FormErrorSummary errors={errors} />
          <FormCard action="/login" labelledBy="login-heading">
            <h2 id="login-heading" class="text-lg font-semibold text-slate-900">
              Log in to your account
            </h2>
            {next && <input type="hidden" name="next" value={next} />}
            <TextField
              name="email"
              type="email"
              label="Email address"
              value={email}
              error={errors.email}
              autocomplete="username"
              required
            />
            <PasswordField
              name="password"
              label="Password"
              autocomplete="current-password"
              error={errors.password}
            />
            <div class="flex flex-wrap items-center justify-between gap-4">
              <Button size="lg">Log in</Button>
              <a
                href="/forgot-password"
                class="text-sm font-semibold text-brand-800 underline"
              >
                Forgot your password?
              </a>
            </div>
            <p class="text-sm text-slate-700">
              New to TapTime?{" "}
              <a href="/signup" class="font-semibold text-brand-800 underline">
                Create an account
              </a>
            </p>
          </FormCard>
          <SocialButtons
            providers={getSocialLoginClients(state.kv).providers}
            mode="login"
            next={next}
          />
        </div>
      </Container>
    </>
  );
});

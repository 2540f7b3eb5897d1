import { define } from "@/web/define.ts";
import { completeTwoFactorLogin } from "@/services/auth/mod.ts";
import { InvalidTokenError, SessionExpiredError } from "@/services/auth/mod.ts";
import { roleHome } from "@/auth/policy.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import {
  clearPendingCookie,
  PENDING_COOKIE,
  readCookie,
  setSessionCookie,
} from "@/auth/cookies.ts";
import { Button } from "@/components/Button.tsx";
import { FormCard } from "@/components/form/FormCard.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import { readFields, readForm } from "@/web/forms.ts";
import { CodeField } from "@/components/form/inputs.tsx";
import { failureInit, formFailure } from "@/web/form_failure.ts";
import { safeNextPath, seeOther } from "@/web/navigation.ts";

interface TwoFactorData {
  next: string | null;
  error: string | null;
  /** Rate limiting and the like: about the step, not the code. */
  message: string | null;
}

/** Back to the password step, e.g. when the pending login ran out. */
function restartLogin(
  req: Request,
  trustProxy: boolean,
  next: string | null,
): Response {
  const headers = new Headers();
  clearPendingCookie(headers, req, trustProxy);
  const query = new URLSearchParams({ notice: "2fa-expired" });
  if (next) query.set("next", next);
  return seeOther(`/login?${query}`, headers);
}

export const handler = define.handlers<TwoFactorData>({
  GET(req, ctx) {
    const next = safeNextPath(ctx.url.searchParams.get("next"));
    if (!readCookie(req, PENDING_COOKIE)) {
      return restartLogin(req, ctx.state.config.trustProxy, next);
    }
    return ctx.render({ next, error: null, message: null });
  },

  async POST(req, ctx) {
    const { code, next: nextField } = readFields(await readForm(req), [
      "code",
      "next",
    ]);
    const next = safeNextPath(nextField);
    const pendingToken = readCookie(req, PENDING_COOKIE);
    if (!pendingToken) {
      return restartLogin(req, ctx.state.config.trustProxy, next);
    }
    try {
      const { user, sessionToken } = await completeTwoFactorLogin(
        ctx.state.kv,
        pendingToken,
        { code },
        requestMeta(ctx),
      );
      const headers = new Headers();
      clearPendingCookie(headers, req, ctx.state.config.trustProxy);
      setSessionCookie(headers, sessionToken, req, ctx.state.config.trustProxy);
      return seeOther(next ?? roleHome(user), headers);
    } catch (error) {
      if (
        error instanceof SessionExpiredError ||
        error instanceof InvalidTokenError
      ) {
        return restartLogin(req, ctx.state.config.trustProxy, next);
      }
      const failure = formFailure(error);
      return ctx.render({
        next,
        error: failure.errors.code ?? null,
        message: failure.errors.code ? null : failure.message,
      }, failureInit(failure));
    }
  },
});

export default define.page<typeof handler>(function TwoFactorPage(
  { data, state, url },
) {
  const { next, error, message } = data;
  return (
    <>
      <Seo
        title="Two-factor authentication"
        description="Enter the code from your authenticator app to finish logging in."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader eyebrow="Log in" title="Enter your security code" />
      <Container width="narrow" class="py-10">
        <div class="space-y-6">
          {message && <Notice tone="error">{message}</Notice>}
          <FormCard action="/login/2fa" labelledBy="two-factor-heading">
            <h2
              id="two-factor-heading"
              class="text-lg font-semibold text-slate-900"
            >
              Two-factor authentication
            </h2>
            {next && <input type="hidden" name="next" value={next} />}
            <CodeField
              label="Code"
              hint="The 6-digit code from your authenticator app, or one of your recovery codes."
              error={error ?? undefined}
            />
            <Button size="lg">Verify and log in</Button>
            <p class="text-sm text-slate-700">
              Lost your device and your recovery codes?{" "}
              <a href="/contact" class="font-semibold text-brand-800 underline">
                Contact us
              </a>.
            </p>
          </FormCard>
        </div>
      </Container>
    </>
  );
});

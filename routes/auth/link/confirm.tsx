/**
 * /auth/link/confirm?token=…: the emailed confirmation of a link. Opening
 * it only shows a button (mail scanners open links); the POST links the
 * provider and signs in.
 */
import { requestMeta } from "@/auth/request_meta.ts";
import { Button } from "@/components/Button.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Seo } from "@/components/Seo.tsx";
import {
  confirmLinkByEmail,
  SocialLoginError,
} from "@/services/social_login/mod.ts";
import { define } from "@/web/define.ts";
import { formFailure } from "@/web/form_failure.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { outcomeResponse } from "@/web/social_login.ts";
import { SocialLoginProblem } from "@/components/account/SocialLogins.tsx";

interface ConfirmData {
  token: string;
  problem: string | null;
}

export const handler = define.handlers<ConfirmData>({
  GET(_req, ctx) {
    const token = ctx.url.searchParams.get("token") ?? "";
    return ctx.render({ token, problem: null });
  },

  async POST(req, ctx) {
    const { token } = readFields(await readForm(req), ["token"]);
    try {
      const outcome = await confirmLinkByEmail(
        ctx.state.kv,
        token,
        requestMeta(ctx),
      );
      return outcomeResponse(outcome, req, ctx.state);
    } catch (error) {
      const status = error instanceof SocialLoginError
        ? error.status
        : formFailure(error).status;
      const problem = error instanceof Error
        ? error.message
        : "Linking didn't work.";
      return ctx.render({ token, problem }, { status });
    }
  },
});

export default define.page<typeof handler>(function ConfirmLinkPage(
  { data, state, url },
) {
  if (data.problem) {
    return (
      <SocialLoginProblem
        message={data.problem}
        user={state.user}
        siteUrl={state.siteUrl}
        path={url.pathname}
      />
    );
  }
  return (
    <>
      <Seo
        title="Link your account"
        description="Confirm linking a sign-in provider to your account."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader eyebrow="Log in" title="Link and sign in" />
      <Container width="narrow" class="space-y-6 py-10">
        <form method="post" action="/auth/link/confirm" class="space-y-4">
          <input type="hidden" name="token" value={data.token} />
          <p>
            Link the provider account you signed in with to your TapTime
            account, and log in.
          </p>
          <Button size="lg">Link and log in</Button>
        </form>
      </Container>
    </>
  );
});

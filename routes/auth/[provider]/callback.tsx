/**
 * GET /auth/:provider/callback: where the provider sends the browser back.
 * The flow cookie is spent whatever happens; the outcome signs in, asks for
 * the second factor, finishes a link, or asks the owner of a matching
 * account to confirm it.
 */
import { readCookie } from "@/auth/cookies.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import {
  finishSocialLogin,
  SocialLoginError,
  socialProviderSchema,
} from "@/services/social_login/mod.ts";
import { define } from "@/web/define.ts";
import { formFailure } from "@/web/form_failure.ts";
import {
  FLOW_COOKIE,
  outcomeResponse,
  setSocialCookie,
} from "@/web/social_login.ts";
import {
  type ProblemData,
  SocialLoginProblem,
} from "@/components/account/SocialLogins.tsx";

export const handler = define.handlers<ProblemData>({
  async GET(req, ctx) {
    const headers = new Headers();
    setSocialCookie(headers, FLOW_COOKIE, "", req, ctx.state);
    const provider = socialProviderSchema.safeParse(ctx.params.provider);
    let problem: string;
    let status: number;
    if (!provider.success) {
      problem = "There is no such sign-in provider.";
      status = 404;
    } else {
      try {
        const outcome = await finishSocialLogin(ctx.state.kv, {
          provider: provider.data,
          flowToken: readCookie(req, FLOW_COOKIE),
          query: ctx.url.searchParams,
          currentUserId: ctx.state.user?.id ?? null,
          meta: requestMeta(ctx),
        });
        return outcomeResponse(outcome, req, ctx.state, headers);
      } catch (error) {
        if (error instanceof SocialLoginError) {
          problem = error.message;
          status = error.status;
        } else {
          // Suspended, rate-limited: the account flows' own refusals.
          const failure = formFailure(error);
          problem = failure.message ?? "Signing in didn't work. Try again.";
          status = failure.status;
        }
      }
    }
    const response = await ctx.render({ problem }, { status });
    for (const cookie of headers.getSetCookie()) {
      response.headers.append("set-cookie", cookie);
    }
    return response;
  },
});

export default define.page<typeof handler>(function CallbackProblem(
  { data, state, url },
) {
  return (
    <SocialLoginProblem
      message={data.problem}
      user={state.user}
      siteUrl={state.siteUrl}
      path={url.pathname}
    />
  );
});

/**
 * POST /auth/:provider starts signing in (or, with `intent=link` from the
 * linked accounts page, linking) with Google or LinkedIn: it remembers the
 * flow's checks against a cookie and sends the browser to the provider.
 */
import { roleHome } from "@/auth/policy.ts";
import {
  beginSocialLogin,
  SocialLoginError,
  socialProviderSchema,
} from "@/services/social_login/mod.ts";
import { define } from "@/web/define.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { safeNextPath, seeOther } from "@/web/navigation.ts";
import {
  callbackUrl,
  FLOW_COOKIE,
  setSocialCookie,
} from "@/web/social_login.ts";
import {
  type ProblemData,
  SocialLoginProblem,
} from "@/components/account/SocialLogins.tsx";

export const handler = define.handlers<ProblemData>({
  GET() {
    return seeOther("/login");
  },

  async POST(req, ctx) {
    const fields = readFields(await readForm(req), ["intent", "role", "next"]);
    const { user } = ctx.state;
    const provider = socialProviderSchema.safeParse(ctx.params.provider);
    if (!provider.success) {
      return ctx.render({ problem: "There is no such sign-in provider." }, {
        status: 404,
      });
    }
    const linking = fields.intent === "link";
    if (linking && !user) return seeOther("/login?next=/auth/accounts");
    if (!linking && user) return seeOther(roleHome(user));
    try {
      const { url, flowToken } = await beginSocialLogin(ctx.state.kv, {
        provider: provider.data,
        redirectUri: callbackUrl(ctx.state, provider.data),
        linkToUserId: linking ? user!.id : null,
        role: fields.role === "expert" ? "expert" : "learner",
        next: safeNextPath(fields.next),
      });
      const headers = new Headers();
      setSocialCookie(headers, FLOW_COOKIE, flowToken, req, ctx.state);
      return seeOther(url, headers);
    } catch (error) {
      if (!(error instanceof SocialLoginError)) throw error;
      return ctx.render({ problem: error.message }, { status: error.status });
    }
  },
});

export default define.page<typeof handler>(function StartProblem(
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

import { define } from "@/web/define.ts";
import type { PublicUser } from "@/services/auth/mod.ts";
import { verifyEmail } from "@/services/auth/mod.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import { failureInit, formFailure } from "@/web/form_failure.ts";
import { roleHome } from "@/auth/policy.ts";

type VerifyData =
  | { verified: true; user: PublicUser }
  | { verified: false; message: string };

/**
 * GET /verify-email?token=…: the link from the verification email. Opening
 * it verifies the address (the token is single-use and only that).
 */
export const handler = define.handlers<VerifyData>({
  async GET(_req, ctx) {
    const token = ctx.url.searchParams.get("token") ?? "";
    if (!token) {
      return ctx.render({
        verified: false,
        message:
          "This link is missing its code. Open the link from your email again.",
      }, { status: 400 });
    }
    try {
      const user = await verifyEmail(ctx.state.kv, token, requestMeta(ctx));
      return ctx.render({ verified: true, user });
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render(
        {
          verified: false,
          message: failure.message ?? Object.values(failure.errors)[0] ??
            "This link can't be used.",
        },
        failureInit(failure),
      );
    }
  },
});

export default define.page<typeof handler>(function VerifyEmailPage(
  { data, state, url },
) {
  const signedIn = state.user;
  return (
    <>
      <Seo
        title="Verify your email"
        description="Confirm the email address of your TapTime account."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader eyebrow="Account" title="Verify your email" />
      <Container width="narrow" class="space-y-6 py-10">
        {data.verified
          ? (
            <Notice tone="success" title="Email verified">
              {`Thanks! ${data.user.email} is confirmed.`}
            </Notice>
          )
          : (
            <Notice tone="error" title="We couldn't verify your email">
              {data.message}
            </Notice>
          )}
        <div class="flex flex-wrap gap-3">
          {signedIn
            ? (
              <>
                <ButtonLink href={roleHome(signedIn)}>
                  Go to your home
                </ButtonLink>
                {!data.verified && (
                  <ButtonLink href="/account" variant="secondary">
                    Send a new link from your account
                  </ButtonLink>
                )}
              </>
            )
            : <ButtonLink href="/login">Log in</ButtonLink>}
        </div>
      </Container>
    </>
  );
});

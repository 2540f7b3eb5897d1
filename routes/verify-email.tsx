import type { Handlers, PageProps } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import type { PublicUser } from "@/services/auth/mod.ts";
import { verifyEmail } from "@/services/auth/mod.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import { failureInit, formFailure } from "@/components/account/flow.ts";
import { ROLE_HOMES } from "@/components/account/navigation.ts";

type VerifyData =
  | { verified: true; user: PublicUser }
  | { verified: false; message: string };

/**
 * GET /verify-email?token=…: the link from the verification email. Opening
 * it verifies the address (the token is single-use and only that).
 */
export const handler: Handlers<VerifyData, AppState> = {
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
};

export default function VerifyEmailPage(
  { data, state, url }: PageProps<VerifyData, AppState>,
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
                <ButtonLink href={ROLE_HOMES[signedIn.role]}>
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
}

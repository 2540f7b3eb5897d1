/**
 * Social login on the pages: the "Continue with Google/LinkedIn" buttons of
 * the login and sign-up pages, the Security page's card pointing to the
 * linked accounts, and the linked accounts list with its link and unlink
 * buttons, and the page a refused sign-in shows. Each shows only the
 * providers this deployment configured.
 */
import { Button } from "@/components/Button.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import type { PublicUser } from "@/services/auth/mod.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import {
  getSocialLoginClients,
  type LinkedIdentity,
  PROVIDER_INFO,
  type SocialProvider,
} from "@/services/social_login/mod.ts";

/** The buttons that start a sign-in (or sign-up) with each provider. */
export function SocialButtons(
  { providers, mode, next }: {
    providers: readonly SocialProvider[];
    /** On sign-up a new account's role is chosen here. */
    mode: "login" | "signup";
    next?: string | null;
  },
) {
  if (providers.length === 0) return null;
  return (
    <section
      aria-labelledby="social-heading"
      class="rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 id="social-heading" class="text-base font-semibold text-slate-900">
        {mode === "login" ? "Or log in with" : "Or sign up with"}
      </h2>
      <div class="mt-4 space-y-3">
        {providers.map((provider) => (
          <form method="post" action={`/auth/${provider}`} key={provider}>
            {next && <input type="hidden" name="next" value={next} />}
            {mode === "signup" && (
              <fieldset class="mb-2 flex flex-wrap gap-4 text-sm text-slate-800">
                <legend class="sr-only">
                  Join with {PROVIDER_INFO[provider].label} as
                </legend>
                <label class="inline-flex items-center gap-2">
                  <input type="radio" name="role" value="learner" checked />
                  Learner
                </label>
                <label class="inline-flex items-center gap-2">
                  <input type="radio" name="role" value="expert" />
                  Expert
                </label>
              </fieldset>
            )}
            <Button variant="secondary" size="lg">
              Continue with {PROVIDER_INFO[provider].label}
            </Button>
          </form>
        ))}
      </div>
      <p class="mt-4 text-sm text-slate-700">
        {mode === "login" &&
          "New here? Continuing makes a learner account for a verified email that has none yet. "}
        A new account means you accept the{" "}
        <a href="/terms" class="font-medium text-brand-800 underline">Terms</a>
        {" "}
        and the{" "}
        <a href="/privacy" class="font-medium text-brand-800 underline">
          Privacy policy
        </a>.
      </p>
    </section>
  );
}

/** The Security page's card: where linked sign-in providers are managed. */
export function SocialLogins({ kv }: { kv: Deno.Kv }) {
  const providers = getSocialLoginClients(kv).providers;
  if (providers.length === 0) return null;
  const names = providers.map((p) => PROVIDER_INFO[p].label).join(" or ");
  return (
    <Card title="Linked sign-in accounts" id="social-logins">
      <p>Sign in with {names} as well as, or instead of, your password.</p>
      <a
        href="/auth/accounts"
        class="font-semibold text-brand-800 underline"
      >
        Link or unlink {names}
      </a>
    </Card>
  );
}

/** Each configured provider: linked (with an unlink button) or not (link). */
export function LinkedAccounts(
  { providers, identities, hasPassword }: {
    providers: readonly SocialProvider[];
    identities: LinkedIdentity[];
    hasPassword: boolean;
  },
) {
  const waysIn = identities.length + (hasPassword ? 1 : 0);
  return (
    <Card title="Linked sign-in accounts" id="social-logins">
      {!hasPassword && (
        <p class="text-sm text-slate-700">
          Your account has no password. To set one, use "Forgot your password?"
          on the login page.
        </p>
      )}
      <ul class="divide-y divide-slate-200">
        {providers.map((provider) => {
          const label = PROVIDER_INFO[provider].label;
          const linked = identities.find((i) => i.provider === provider);
          return (
            <li
              key={provider}
              class="flex flex-wrap items-center justify-between gap-4 py-3"
            >
              <div>
                <p class="font-semibold text-slate-900">{label}</p>
                <p class="text-sm text-slate-700">
                  {linked
                    ? `Linked${linked.email ? ` (${linked.email})` : ""}`
                    : "Not linked"}
                </p>
              </div>
              {linked
                ? (
                  <form method="post" action="/auth/accounts">
                    <input type="hidden" name="provider" value={provider} />
                    <Button
                      variant="secondary"
                      disabled={waysIn < 2}
                      aria-describedby={waysIn < 2 ? "last-way-in" : undefined}
                    >
                      Unlink {label}
                    </Button>
                  </form>
                )
                : (
                  <form method="post" action={`/auth/${provider}`}>
                    <input type="hidden" name="intent" value="link" />
                    <Button variant="secondary">Link {label}</Button>
                  </form>
                )}
            </li>
          );
        })}
      </ul>
      {waysIn < 2 && identities.length > 0 && (
        <p id="last-way-in" class="text-sm text-slate-700">
          You can't unlink your only way to sign in.
        </p>
      )}
    </Card>
  );
}

/** What a refused social sign-in page shows. */
export interface ProblemData {
  problem: string;
}

/** A refused social sign-in: what went wrong, and the way back. */
export function SocialLoginProblem(
  { message, user, siteUrl, path }: {
    message: string;
    user: PublicUser | null;
    siteUrl: string;
    path: string;
  },
) {
  return (
    <>
      <Seo
        title="Sign-in problem"
        description="Signing in with another account didn't finish."
        siteUrl={siteUrl}
        path={path}
        noindex
      />
      <PageHeader eyebrow="Log in" title="That didn't work" />
      <Container width="narrow" class="space-y-6 py-10">
        <Notice tone="error" title="Couldn't sign you in">{message}</Notice>
        <p>
          {user
            ? (
              <a
                href="/auth/accounts"
                class="font-semibold text-brand-800 underline"
              >
                Back to your linked accounts
              </a>
            )
            : (
              <a href="/login" class="font-semibold text-brand-800 underline">
                Back to log in
              </a>
            )}
        </p>
      </Container>
    </>
  );
}

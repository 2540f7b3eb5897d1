/**
 * /auth/accounts: the signed-in person's linked Google and LinkedIn
 * accounts (reached from Security), with link and unlink buttons.
 */
import { requestMeta } from "@/auth/request_meta.ts";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import { LinkedAccounts } from "@/components/account/SocialLogins.tsx";
import {
  getSocialLoginClients,
  type LinkedIdentity,
  listLinkedIdentities,
  PROVIDER_INFO,
  socialProviderSchema,
  unlinkIdentity,
} from "@/services/social_login/mod.ts";
import type { AppState } from "@/state.ts";
import { define } from "@/web/define.ts";
import { formFailure } from "@/web/form_failure.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { requireUser } from "@/web/user.ts";

interface AccountsData {
  identities: LinkedIdentity[];
  hasPassword: boolean;
  notice: { tone: "success" | "error"; text: string } | null;
}

async function pageData(
  state: AppState,
  notice: AccountsData["notice"] = null,
): Promise<AccountsData> {
  const user = requireUser(state);
  return { ...await listLinkedIdentities(state.kv, user.id), notice };
}

function label(value: string | null): string | null {
  const parsed = socialProviderSchema.safeParse(value);
  return parsed.success ? PROVIDER_INFO[parsed.data].label : null;
}

export const handler = define.handlers<AccountsData>({
  async GET(_req, ctx) {
    const query = ctx.url.searchParams;
    const linked = label(query.get("linked"));
    const unlinked = label(query.get("unlinked"));
    const notice = linked
      ? { tone: "success" as const, text: `${linked} is linked.` }
      : unlinked
      ? { tone: "success" as const, text: `${unlinked} is unlinked.` }
      : null;
    return ctx.render(await pageData(ctx.state, notice));
  },

  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const { provider } = readFields(await readForm(req), ["provider"]);
    const parsed = socialProviderSchema.safeParse(provider);
    if (!parsed.success) {
      return ctx.render(
        await pageData(ctx.state, {
          tone: "error",
          text: "There is no such sign-in provider.",
        }),
        { status: 400 },
      );
    }
    try {
      await unlinkIdentity(
        ctx.state.kv,
        user.id,
        parsed.data,
        requestMeta(ctx),
      );
      return seeOther(`/auth/accounts?unlinked=${parsed.data}`);
    } catch (error) {
      const failure = formFailure(error);
      return ctx.render(
        await pageData(ctx.state, {
          tone: "error",
          text: failure.message ?? "That didn't work.",
        }),
        { status: failure.status },
      );
    }
  },
});

export default define.page<typeof handler>(function LinkedAccountsPage(
  { data, state, url },
) {
  return (
    <>
      <Seo
        title="Linked accounts"
        description="Sign in with Google or LinkedIn."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader eyebrow="Account" title="Linked sign-in accounts">
        <p class="mt-4">
          <a
            href="/account/security"
            class="font-semibold text-brand-800 underline"
          >
            Back to security
          </a>
        </p>
      </PageHeader>
      <Container width="narrow" class="space-y-6 py-10">
        {data.notice && (
          <Notice tone={data.notice.tone}>{data.notice.text}</Notice>
        )}
        <LinkedAccounts
          providers={getSocialLoginClients(state.kv).providers}
          identities={data.identities}
          hasPassword={data.hasPassword}
        />
      </Container>
    </>
  );
});

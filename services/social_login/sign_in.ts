/**
 * Signing in with a provider, start to finish.
 *
 * The callback decides by what the provider proved:
 * - an identity already linked signs in to its account (the second factor
 *   still asked for where it is on);
 * - started from Security by a signed-in person: the identity is linked to
 *   their account;
 * - otherwise a verified email is required. It names no account: a new one
 *   is made (learner unless the sign-up page chose expert). It names an
 *   account: nothing is linked until the owner proves the account is theirs,
 *   with its password or a link emailed to it, so whoever controls a
 *   provider account with that address cannot take the TapTime one over.
 */
import { acceptPolicy } from "@/services/privacy/mod.ts";
import { now } from "@/services/platform/clock.ts";
import {
  confirmAccountPassword,
  createAccountWithIdentity,
  deliver,
  enforceRateLimit,
  getUser,
  getUserByEmail,
  hasPassword,
  type PublicUser,
  type RateLimitRule,
  type RequestMeta,
  signInWithIdentity,
} from "@/services/auth/mod.ts";
import { getSocialLoginClients } from "./clients.ts";
import {
  PROVIDER_INFO,
  SocialLoginError,
  type SocialProvider,
  type VerifiedIdentity,
} from "./model.ts";
import {
  addIdentity,
  addLinkConfirmation,
  deletePendingLink,
  findIdentity,
  type LoginFlow,
  type PendingLink,
  readConfirmedLink,
  readPendingLink,
  saveFlow,
  savePendingLink,
  type SignupRole,
  takeFlow,
} from "./store.ts";

/** How a completed callback (or link confirmation) ends. */
export type SocialLoginOutcome =
  | {
    kind: "signed_in";
    user: PublicUser;
    sessionToken: string;
    next: string | null;
  }
  | { kind: "two_factor"; pendingToken: string; next: string | null }
  | { kind: "linked"; provider: SocialProvider }
  | { kind: "confirm_link"; linkToken: string };

/** Starts a sign-in: the provider URL to go to and the cookie's flow token. */
export async function beginSocialLogin(
  kv: Deno.Kv,
  input: {
    provider: SocialProvider;
    /** Where the provider sends the browser back (our callback URL). */
    redirectUri: string;
    /** Set to link the identity to this signed-in account. */
    linkToUserId?: string | null;
    role?: SignupRole;
    next?: string | null;
  },
): Promise<{ url: string; flowToken: string }> {
  const { url, checks } = await getSocialLoginClients(kv).begin(
    input.provider,
    input.redirectUri,
  );
  const flow: LoginFlow = {
    ...checks,
    provider: input.provider,
    intent: input.linkToUserId ? "link" : "sign_in",
    userId: input.linkToUserId ?? null,
    role: input.role ?? "learner",
    next: input.next ?? null,
  };
  return { url, flowToken: await saveFlow(kv, flow) };
}

/**
 * Completes the callback. `flowToken` is the browser's cookie, `query` the
 * callback's; `currentUserId` who the browser is signed in as. Throws
 * SocialLoginError (or an auth error: suspended, rate-limited) with words
 * for the person.
 */
export async function finishSocialLogin(
  kv: Deno.Kv,
  input: {
    provider: SocialProvider;
    flowToken: string | null;
    query: URLSearchParams;
    currentUserId: string | null;
    meta: RequestMeta;
  },
): Promise<SocialLoginOutcome> {
  const flow = input.flowToken ? await takeFlow(kv, input.flowToken) : null;
  if (!flow || flow.provider !== input.provider) {
    throw new SocialLoginError(
      "This sign-in has expired or was started in another browser. Start again.",
    );
  }
  const identity = await getSocialLoginClients(kv).finish(
    input.provider,
    input.query,
    flow,
  );
  const label = PROVIDER_INFO[identity.provider].label;
  const linked = await findIdentity(kv, identity.provider, identity.subject);

  if (flow.intent === "link") {
    if (!flow.userId || flow.userId !== input.currentUserId) {
      throw new SocialLoginError(
        "You were signed out before the link finished. Sign in and try again.",
      );
    }
    if (linked && linked.userId !== flow.userId) {
      throw new SocialLoginError(
        `That ${label} account already signs in to another TapTime account.`,
        409,
      );
    }
    if (
      !linked && !(await addIdentity(kv, identity, flow.userId, input.meta))
    ) {
      throw new SocialLoginError(
        `Your account already has a ${label} account linked. Unlink it first.`,
        409,
      );
    }
    return { kind: "linked", provider: identity.provider };
  }

  if (linked) {
    return await signIn(kv, linked.userId, identity, flow.next, input.meta);
  }
  if (!identity.email || !identity.emailVerified) {
    throw new SocialLoginError(
      `${label} hasn't verified the email address of that account, so it can't sign you in. Log in with your password, then link ${label} under Security.`,
      403,
    );
  }
  const owner = await getUserByEmail(kv, identity.email);
  if (owner) {
    const linkToken = await savePendingLink(kv, {
      identity,
      userId: owner.id,
      next: flow.next,
      createdAt: now().toISOString(),
    });
    return { kind: "confirm_link", linkToken };
  }
  const created = await createAccountWithIdentity(
    kv,
    {
      email: identity.email,
      name: identity.name ?? identity.email.split("@")[0],
      role: flow.role,
    },
    identity.provider,
    input.meta,
  );
  await addIdentity(kv, identity, created.user.id, input.meta);
  // The sign-in buttons say that a new account accepts the terms.
  await acceptPolicy(kv, created.user.id);
  return { kind: "signed_in", ...created, next: flow.next };
}

async function signIn(
  kv: Deno.Kv,
  userId: string,
  identity: VerifiedIdentity,
  next: string | null,
  meta: RequestMeta,
): Promise<SocialLoginOutcome> {
  const result = await signInWithIdentity(kv, userId, identity.provider, meta);
  return "twoFactorRequired" in result
    ? { kind: "two_factor", pendingToken: result.pendingToken, next }
    : { kind: "signed_in", ...result, next };
}

/** What the confirm page shows about a pending link; null when it is gone. */
export async function describePendingLink(
  kv: Deno.Kv,
  linkToken: string,
): Promise<
  { provider: SocialProvider; email: string; hasPassword: boolean } | null
> {
  const entry = await readPendingLink(kv, linkToken);
  if (!entry) return null;
  return {
    provider: entry.value.identity.provider,
    email: entry.value.identity.email ?? "",
    hasPassword: await hasPassword(kv, entry.value.userId),
  };
}

const expiredLink = () =>
  new SocialLoginError(
    "This link request has expired. Sign in with the provider again.",
  );

/**
 * Links the pending identity once the account's password is given, and
 * signs in. ValidationError on `password` for a wrong one.
 */
export async function confirmLinkWithPassword(
  kv: Deno.Kv,
  linkToken: string,
  password: string,
  meta: RequestMeta,
): Promise<SocialLoginOutcome> {
  const entry = await readPendingLink(kv, linkToken);
  if (!entry) throw expiredLink();
  await confirmAccountPassword(kv, entry.value.userId, password);
  return await completeLink(kv, entry, meta);
}

/** Confirmation emails per account: enough to retry, too few to pester. */
const LINK_EMAILS: RateLimitRule = {
  bucket: "social_link_email",
  limit: 3,
  windowSeconds: 3600,
};

/**
 * Emails the account's owner a link that confirms the pending identity.
 * RateLimitedError after 3 an hour to one account.
 */
export async function emailLinkConfirmation(
  kv: Deno.Kv,
  linkToken: string,
  meta: RequestMeta,
): Promise<{ email: string }> {
  const entry = await readPendingLink(kv, linkToken);
  if (!entry) throw expiredLink();
  const user = await getUser(kv, entry.value.userId);
  if (!user) throw expiredLink();
  await enforceRateLimit(kv, LINK_EMAILS, user.id);
  const token = await addLinkConfirmation(kv, linkToken);
  const label = PROVIDER_INFO[entry.value.identity.provider].label;
  const url = `${meta.baseUrl.replace(/\/+$/, "")}/auth/link/confirm?token=${
    encodeURIComponent(token)
  }`;
  await deliver(kv, {
    to: user.email,
    subject: `Link ${label} to your TapTime account`,
    text:
      `Hi ${user.name},\n\nSomeone (hopefully you) signed in with ${label} as ${user.email} and asked to link it to your TapTime account. To link it and sign in, open:\n\n${url}\n\n` +
      `The link works once and expires in 30 minutes. If this wasn't you, ignore this email: nothing is linked.\n\n— TapTime`,
  });
  return { email: user.email };
}

/** Links the pending identity an emailed token confirms, and signs in. */
export async function confirmLinkByEmail(
  kv: Deno.Kv,
  emailToken: string,
  meta: RequestMeta,
): Promise<SocialLoginOutcome> {
  const entry = await readConfirmedLink(kv, emailToken);
  if (!entry) throw expiredLink();
  return await completeLink(kv, entry, meta);
}

async function completeLink(
  kv: Deno.Kv,
  entry: Deno.KvEntry<PendingLink>,
  meta: RequestMeta,
): Promise<SocialLoginOutcome> {
  if (!(await deletePendingLink(kv, entry))) throw expiredLink();
  const { identity, userId, next } = entry.value;
  if (!(await addIdentity(kv, identity, userId, meta))) {
    const label = PROVIDER_INFO[identity.provider].label;
    throw new SocialLoginError(
      `That ${label} account is linked already, or your account has another ${label} account linked.`,
      409,
    );
  }
  return await signIn(kv, userId, identity, next, meta);
}

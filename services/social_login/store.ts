/**
 * What social login keeps in KV.
 *
 * KV keys
 *   ["social_login_flows", sha256(flowToken)]        → LoginFlow     10 min
 *       one sign-in under way: the checks its callback must pass; the
 *       browser holds the token in a cookie, so a callback only completes
 *       in the browser that started it, and only once (read and deleted)
 *   ["social_identities", provider, subject]         → LinkedIdentity
 *   ["social_identities_by_user", userId, provider]  → LinkedIdentity
 *       one identity per provider per account, one account per identity;
 *       both written in one atomic with `versionstamp: null` checks
 *   ["social_pending_links", sha256(linkToken)]      → PendingLink   30 min
 *       a verified provider email matched an account: the identity waits
 *       here until the owner proves the account is theirs
 *   ["social_link_confirmations", sha256(emailToken)] → sha256(linkToken)
 *       the emailed way of proving it                                 30 min
 */
import {
  addSecurityEvent,
  type RequestMeta,
} from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import { randomToken, sha256Hex } from "@/services/platform/crypto.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import type { SIGNUP_ROLES } from "@/services/platform/model.ts";
import type { FlowChecks } from "./clients.ts";
import type {
  LinkedIdentity,
  SocialProvider,
  VerifiedIdentity,
} from "./model.ts";

/** The roles a new account may get. */
export type SignupRole = typeof SIGNUP_ROLES[number];

const FLOWS = "social_login_flows";
const IDENTITIES = "social_identities";
const IDENTITIES_BY_USER = "social_identities_by_user";
const PENDING_LINKS = "social_pending_links";
const LINK_CONFIRMATIONS = "social_link_confirmations";

export const FLOW_MS = 10 * 60 * 1000;
export const PENDING_LINK_MS = 30 * 60 * 1000;

/** One sign-in under way. */
export interface LoginFlow extends FlowChecks {
  provider: SocialProvider;
  /** `link`: add the identity to the signed-in `userId`. */
  intent: "sign_in" | "link";
  userId: string | null;
  /** The role of an account this sign-in creates. */
  role: SignupRole;
  /** A path on this site to land on afterwards. */
  next: string | null;
}

/** An identity waiting for its account's owner to confirm the link. */
export interface PendingLink {
  identity: VerifiedIdentity;
  userId: string;
  next: string | null;
  createdAt: string;
}

/** Stores `flow` and returns the token for the browser's cookie. */
/** Who linked or unlinked, for the audit log. */
type AuditMeta = Pick<RequestMeta, "ip" | "userAgent">;

export async function saveFlow(kv: Deno.Kv, flow: LoginFlow): Promise<string> {
  const token = randomToken();
  await kv.set([FLOWS, await sha256Hex(token)], flow, { expireIn: FLOW_MS });
  return token;
}

/** The flow `token` names, removed so it is used at most once; or null. */
export async function takeFlow(
  kv: Deno.Kv,
  token: string,
): Promise<LoginFlow | null> {
  const key = [FLOWS, await sha256Hex(token)];
  const entry = await kv.get<LoginFlow>(key);
  if (!entry.value) return null;
  const taken = await withLockRetry(() =>
    kv.atomic().check(entry).delete(key).commit()
  );
  return taken.ok ? entry.value : null;
}

/** The link of `provider`'s `subject`, or null. */
export async function findIdentity(
  kv: Deno.Kv,
  provider: SocialProvider,
  subject: string,
): Promise<LinkedIdentity | null> {
  return (await kv.get<LinkedIdentity>([IDENTITIES, provider, subject])).value;
}

/** The account's linked identities, in provider order. */
export async function listIdentities(
  kv: Deno.Kv,
  userId: string,
): Promise<LinkedIdentity[]> {
  const found: LinkedIdentity[] = [];
  for await (
    const entry of kv.list<LinkedIdentity>({
      prefix: [IDENTITIES_BY_USER, userId],
    })
  ) found.push(entry.value);
  return found;
}

/**
 * Links `identity` to `userId`; false when the identity is linked meanwhile
 * or the account already has one of that provider.
 */
export async function addIdentity(
  kv: Deno.Kv,
  identity: VerifiedIdentity,
  userId: string,
  meta: AuditMeta,
): Promise<boolean> {
  const link: LinkedIdentity = {
    provider: identity.provider,
    subject: identity.subject,
    userId,
    email: identity.email,
    linkedAt: now().toISOString(),
  };
  const byIdentity = [IDENTITIES, identity.provider, identity.subject];
  const byUser = [IDENTITIES_BY_USER, userId, identity.provider];
  const result = await withLockRetry(() => {
    const op = kv.atomic()
      .check({ key: byIdentity, versionstamp: null })
      .check({ key: byUser, versionstamp: null })
      .set(byIdentity, link)
      .set(byUser, link);
    addSecurityEvent(op, {
      type: "identity_linked",
      actorId: userId,
      userId,
      details: { provider: identity.provider },
    }, meta);
    return op.commit();
  });
  return result.ok;
}

/** Removes the account's `provider` link; false when there was none. */
export async function removeIdentity(
  kv: Deno.Kv,
  userId: string,
  provider: SocialProvider,
  meta: AuditMeta,
): Promise<boolean> {
  const byUser = [IDENTITIES_BY_USER, userId, provider];
  const entry = await kv.get<LinkedIdentity>(byUser);
  if (!entry.value) return false;
  const result = await withLockRetry(() => {
    const op = kv.atomic().check(entry).delete(byUser)
      .delete([IDENTITIES, provider, entry.value.subject]);
    addSecurityEvent(op, {
      type: "identity_unlinked",
      actorId: userId,
      userId,
      details: { provider },
    }, meta);
    return op.commit();
  });
  return result.ok;
}

/** Parks `link` and returns the token the browser holds for it. */
export async function savePendingLink(
  kv: Deno.Kv,
  link: PendingLink,
): Promise<string> {
  const token = randomToken();
  await kv.set([PENDING_LINKS, await sha256Hex(token)], link, {
    expireIn: PENDING_LINK_MS,
  });
  return token;
}

/** The pending link a browser's token names, with its key; or null. */
export async function readPendingLink(
  kv: Deno.Kv,
  token: string,
): Promise<Deno.KvEntry<PendingLink> | null> {
  return await readPendingByHash(kv, await sha256Hex(token));
}

async function readPendingByHash(kv: Deno.Kv, hash: string) {
  const entry = await kv.get<PendingLink>([PENDING_LINKS, hash]);
  if (!entry.value) return null;
  const age = now().getTime() - Date.parse(entry.value.createdAt);
  return age < PENDING_LINK_MS ? entry as Deno.KvEntry<PendingLink> : null;
}

/** A new emailed token that confirms the pending link `linkToken` names. */
export async function addLinkConfirmation(
  kv: Deno.Kv,
  linkToken: string,
): Promise<string> {
  const token = randomToken();
  await kv.set(
    [LINK_CONFIRMATIONS, await sha256Hex(token)],
    await sha256Hex(linkToken),
    { expireIn: PENDING_LINK_MS },
  );
  return token;
}

/** The pending link an emailed token confirms; or null. */
export async function readConfirmedLink(
  kv: Deno.Kv,
  emailToken: string,
): Promise<Deno.KvEntry<PendingLink> | null> {
  const hash = await kv.get<string>([
    LINK_CONFIRMATIONS,
    await sha256Hex(emailToken),
  ]);
  return hash.value ? await readPendingByHash(kv, hash.value) : null;
}

/** Ends a pending link (used, or its owner refused it). */
export async function deletePendingLink(
  kv: Deno.Kv,
  entry: Deno.KvEntry<PendingLink>,
): Promise<boolean> {
  const result = await withLockRetry(() =>
    kv.atomic().check(entry).delete(entry.key).commit()
  );
  return result.ok;
}

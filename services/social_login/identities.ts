/**
 * The identities linked to an account, as its Security page lists them, and
 * unlinking one. An account always keeps a way in: a password, or another
 * linked provider.
 */
import type { RequestMeta } from "@/services/platform/audit.ts";
import { hasPassword } from "@/services/auth/mod.ts";
import { ConflictError, NotFoundError } from "@/services/platform/errors.ts";
import {
  type LinkedIdentity,
  PROVIDER_INFO,
  type SocialProvider,
} from "./model.ts";
import { listIdentities, removeIdentity } from "./store.ts";

/** The account's linked identities, and whether it has a password. */
export async function listLinkedIdentities(
  kv: Deno.Kv,
  userId: string,
): Promise<{ identities: LinkedIdentity[]; hasPassword: boolean }> {
  return {
    identities: await listIdentities(kv, userId),
    hasPassword: await hasPassword(kv, userId),
  };
}

/**
 * Unlinks the account's `provider` identity. ConflictError when it is the
 * only way left to sign in; NotFoundError when none is linked.
 */
export async function unlinkIdentity(
  kv: Deno.Kv,
  userId: string,
  provider: SocialProvider,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<void> {
  const label = PROVIDER_INFO[provider].label;
  const { identities, hasPassword } = await listLinkedIdentities(kv, userId);
  if (!identities.some((identity) => identity.provider === provider)) {
    throw new NotFoundError(`No ${label} account is linked.`);
  }
  if (!hasPassword && identities.length < 2) {
    throw new ConflictError(
      `${label} is your only way to sign in. Set a password first (use "Forgot your password?" on the login page), or link another provider.`,
    );
  }
  if (!(await removeIdentity(kv, userId, provider, meta))) {
    throw new ConflictError(
      "Your linked accounts changed meanwhile; try again.",
    );
  }
}

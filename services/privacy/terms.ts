/**
 * Acceptance of the privacy policy and terms: recorded at sign-up (the
 * version and the time), shown on the privacy page, and asked for again
 * when POLICY_VERSION changes.
 */
import { now } from "@/services/platform/clock.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import { type Acceptance, POLICY_VERSION } from "./model.ts";
import {
  type CompanionRead,
  readAlone,
} from "@/services/platform/companion_read.ts";
import { acceptanceFrom, acceptanceKey, getAcceptance } from "./store.ts";

/** Records that `userId` accepts the policy and terms in force now. */
export async function acceptPolicy(
  kv: Deno.Kv,
  userId: string,
): Promise<Acceptance> {
  const acceptance: Acceptance = {
    version: POLICY_VERSION,
    acceptedAt: now().toISOString(),
  };
  await withLockRetry(() => kv.set(acceptanceKey(userId), acceptance));
  return acceptance;
}

/** What `userId` accepted, and whether the version in force is it. */
export async function policyAcceptance(
  kv: Deno.Kv,
  userId: string,
): Promise<{ accepted: Acceptance | null; current: boolean; version: string }> {
  const accepted = await getAcceptance(kv, userId);
  return {
    accepted,
    current: accepted?.version === POLICY_VERSION,
    version: POLICY_VERSION,
  };
}

/** True when the user has not accepted the version in force. */
export async function needsPolicyAcceptance(
  kv: Deno.Kv,
  userId: string,
): Promise<boolean> {
  return await readAlone(kv, policyAcceptanceRead(kv, userId));
}

/**
 * `needsPolicyAcceptance` as a read another read can carry (the page's
 * account read): no keys at all once this process knows the user accepted.
 */
export function policyAcceptanceRead(
  kv: Deno.Kv,
  userId: string,
): CompanionRead<boolean> {
  if (acceptedNow.get(kv)?.has(userId)) return { keys: [], from: () => false };
  return {
    keys: [acceptanceKey(userId)],
    from: ([entry]) => {
      const needed = acceptanceFrom(entry)?.version !== POLICY_VERSION;
      if (!needed) {
        // An acceptance of the version in force stays so until a new
        // release changes the version, which restarts the process:
        // remember it.
        let known = acceptedNow.get(kv);
        if (!known) acceptedNow.set(kv, known = new Set());
        if (known.size >= ACCEPTED_USERS_REMEMBERED) known.clear();
        known.add(userId);
      }
      return needed;
    },
  };
}

/** Users remembered per database as having accepted the version in force. */
const ACCEPTED_USERS_REMEMBERED = 50_000;
const acceptedNow = new WeakMap<Deno.Kv, Set<string>>();

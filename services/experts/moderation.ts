/**
 * Suspending, reactivating and changing the role of accounts, with what that
 * means beyond the account itself: a suspended expert's public profile
 * disappears from browse, search and its page at once, and comes back on
 * reactivation unless an admin unpublished it separately; an expert made a
 * learner loses the public profile.
 *
 * The account change and the profile change are two commits (the auth layer
 * owns one, the expert catalogue the other). The account is changed first,
 * and `hiddenWhileSuspended` on the profile records why it was hidden, so a
 * retry after a crash between the two finishes the job.
 */
import {
  changeUserRole,
  reactivateUser,
  suspendUser,
} from "@/services/auth/mod.ts";
import type { PublicUser, RequestMeta } from "@/services/auth/mod.ts";
import { removeFromCalls } from "@/services/calls/mod.ts";
import { getExpert, updateExpert } from "./store.ts";

/**
 * Suspends the account (ending its sessions; the reason, when given, is
 * recorded and emailed), hides its expert profile and takes it out of any
 * call it is in (services/calls).
 */
export async function suspendAccount(
  kv: Deno.Kv,
  actorId: string,
  userId: string,
  meta: RequestMeta,
  reason?: string,
): Promise<PublicUser> {
  const user = await suspendUser(kv, actorId, userId, meta, reason);
  const profile = await getExpert(kv, userId);
  if (profile?.published) {
    await updateExpert(kv, userId, {
      published: false,
      hiddenWhileSuspended: true,
    });
  }
  try {
    // A suspended account leaves any call it is in at once.
    await removeFromCalls(kv, userId);
  } catch (error) {
    console.error(`Could not remove user ${userId} from their calls:`, error);
  }
  return user;
}

/** Reactivates the account and shows the profile the suspension hid. */
export async function reactivateAccount(
  kv: Deno.Kv,
  actorId: string,
  userId: string,
  meta: RequestMeta,
): Promise<PublicUser> {
  const user = await reactivateUser(kv, actorId, userId, meta);
  const profile = await getExpert(kv, userId);
  if (profile?.hiddenWhileSuspended) {
    await updateExpert(kv, userId, {
      published: true,
      hiddenWhileSuspended: false,
    });
  }
  return user;
}

/**
 * Switches an account between learner and expert (ending its sessions). A
 * former expert's public profile is unpublished: learners have no profile to
 * show. Becoming an expert again does not republish it; an admin decides.
 */
export async function changeAccountRole(
  kv: Deno.Kv,
  actorId: string,
  userId: string,
  role: "learner" | "expert",
  meta: RequestMeta,
): Promise<PublicUser> {
  const user = await changeUserRole(kv, actorId, userId, role, meta);
  const profile = await getExpert(kv, userId);
  if (role === "learner" && profile?.published) {
    await updateExpert(kv, userId, { published: false });
  }
  return user;
}

/**
 * Switching an account between learner and expert, as the admin tools do
 * it. An expert made a learner has no public profile to show, so a public
 * profile is unpublished first, as an admin decision like any other: it is
 * in the application's history and the audit log, and the expert is
 * emailed why. Becoming an expert again does not show it again; an admin
 * republishes it from the application.
 */
import type { PublicUser, RequestMeta } from "@/services/auth/mod.ts";
import { changeAccountRole, getExpert } from "@/services/experts/mod.ts";
import { unpublishExpert } from "./review.ts";

/** The note the expert is emailed (and the history shows) when made a learner. */
export const MADE_LEARNER_NOTE =
  "An admin switched your account from expert to learner, so your public profile is hidden. If your account becomes an expert account again, an admin can show your profile again.";

/**
 * Makes the account a learner or an expert (ending its sessions); a public
 * profile is unpublished first, recorded and emailed (see the module doc).
 */
export async function switchAccountRole(
  kv: Deno.Kv,
  actorId: string,
  userId: string,
  role: "learner" | "expert",
  meta: RequestMeta,
): Promise<PublicUser> {
  if (role === "learner" && (await getExpert(kv, userId))?.published) {
    await unpublishExpert(
      kv,
      actorId,
      userId,
      { note: MADE_LEARNER_NOTE },
      meta,
    );
  }
  return await changeAccountRole(kv, actorId, userId, role, meta);
}

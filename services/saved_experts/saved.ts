/**
 * Saving experts: a person bookmarks a published expert to find again (the
 * learner's home lists them), and removes them. Saving twice or removing
 * an expert not saved changes nothing, so the API's PUT and DELETE are
 * idempotent. Experts who are no longer published stay in the record but
 * are left out of what is shown until they are back.
 */
import { clockFor } from "@/services/platform/clock.ts";
import { NotFoundError, ValidationError } from "@/services/platform/errors.ts";
import { isIdShaped } from "@/services/platform/model.ts";
import {
  type ExpertProfile,
  getExperts,
  getPublishedExpert,
} from "@/services/experts/mod.ts";
import {
  LIST_FULL_MESSAGE,
  MAX_SAVED_EXPERTS,
  type SavedExpert,
} from "./model.ts";
import { changeSaved, readSaved } from "./store.ts";

/** A saved expert with the profile to show. */
export interface SavedExpertView extends SavedExpert {
  expert: ExpertProfile;
}

const NO_SUCH_EXPERT = "There is no such expert.";

/** True when `userId` has saved `expertId`. */
export async function isExpertSaved(
  kv: Deno.Kv,
  userId: string,
  expertId: string,
): Promise<boolean> {
  const { list } = await readSaved(kv, userId);
  return list.experts.some((saved) => saved.expertId === expertId);
}

/** The person's saved experts that are listed now, newest saved first. */
export async function listSavedExperts(
  kv: Deno.Kv,
  userId: string,
): Promise<SavedExpertView[]> {
  const { list } = await readSaved(kv, userId);
  const profiles = await getExperts(
    kv,
    list.experts.map((saved) => saved.expertId),
  );
  return list.experts.flatMap((saved) => {
    const expert = profiles.get(saved.expertId);
    return expert?.published && !expert.hiddenWhileSuspended
      ? [{ ...saved, expert }]
      : [];
  });
}

/**
 * Saves a published expert for `userId` (kept where it was when already
 * saved). NotFoundError for an expert who is not listed; ValidationError
 * when the list is full.
 */
export async function saveExpert(
  kv: Deno.Kv,
  userId: string,
  expertId: string,
): Promise<SavedExpert> {
  const expert = isIdShaped(expertId)
    ? await getPublishedExpert(kv, expertId)
    : null;
  if (!expert || expert.hiddenWhileSuspended) {
    throw new NotFoundError(NO_SUCH_EXPERT);
  }
  if (expert.id === userId) {
    throw new ValidationError("You can't save your own profile.", {
      expertId: ["You can't save your own profile."],
    });
  }
  const savedAt = clockFor(kv).now().toISOString();
  return await changeSaved(kv, userId, (list) => {
    const already = list.experts.find((saved) => saved.expertId === expertId);
    if (already) return { result: already, list: null };
    if (list.experts.length >= MAX_SAVED_EXPERTS) {
      throw new ValidationError(LIST_FULL_MESSAGE, {
        expertId: [LIST_FULL_MESSAGE],
      });
    }
    const saved = { expertId, savedAt };
    return { result: saved, list: { experts: [saved, ...list.experts] } };
  });
}

/**
 * Removes `expertId` from the person's saved experts; true when it was
 * there. Works for experts no longer listed, so a person can tidy up.
 */
export async function unsaveExpert(
  kv: Deno.Kv,
  userId: string,
  expertId: string,
): Promise<boolean> {
  return await changeSaved(kv, userId, (list) => {
    const kept = list.experts.filter((saved) => saved.expertId !== expertId);
    return kept.length === list.experts.length
      ? { result: false, list: null }
      : { result: true, list: { experts: kept } };
  });
}

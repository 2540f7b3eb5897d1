/**
 * The live profile of an approved expert: after approval the application is
 * closed, and the expert edits the public profile (services/experts) itself,
 * with the same rules as the application's fields.
 */
import { categoryParents } from "@/services/categories/mod.ts";
import { ConflictError, parseInput } from "@/services/platform/errors.ts";
import {
  type ExpertProfile,
  expertProfileSchema,
  stageExpertWrite,
} from "@/services/experts/mod.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import {
  PROFILE_FIXED_FIELDS,
  type ProfilePatch,
  profilePatchSchema,
  refuseChanged,
} from "./model.ts";
import { assertChoosableCategories, assertOwnPhoto } from "./rules.ts";
import { expertPhotoUrl } from "./store.ts";

const INVALID = "The profile is invalid.";

/**
 * Edits an approved expert's public profile; the change shows in search at
 * once (one atomic via stageExpertWrite). New categories must exist and not
 * be retired; retired ones already on the profile may stay. The profile as
 * read may be sent back whole: its `id`, `name`, `timeZone` and `published`
 * must be the current ones (ValidationError otherwise), and the fields
 * derived from others are ignored. ConflictError when the expert is not
 * approved, or when the profile kept changing under many retries.
 */
export async function updateExpertProfile(
  kv: Deno.Kv,
  userId: string,
  patch: ProfilePatch,
): Promise<ExpertProfile> {
  const {
    id,
    name,
    timeZone,
    published,
    photoUrl: _photoUrl,
    hourlyRate: _hourlyRate,
    startingPrice: _startingPrice,
    rating: _rating,
    createdAt: _createdAt,
    hiddenWhileSuspended: _hidden,
    ...changes
  } = parseInput(profilePatchSchema, patch, INVALID);
  await assertOwnPhoto(getFileStore(kv), userId, changes.photoFileKey);
  return await untilCommitted(async () => {
    const entry = await kv.get<ExpertProfile>(["experts", userId]);
    if (entry.value === null) {
      throw new ConflictError(
        "Your profile is not public yet: edit your application instead.",
      );
    }
    const current = entry.value;
    refuseChanged(
      { id, name, timeZone, published },
      current,
      PROFILE_FIXED_FIELDS,
      INVALID,
    );
    if (changes.categoryIds) {
      await assertChoosableCategories(
        kv,
        changes.categoryIds,
        current.categoryIds,
      );
    }
    const { location, photoFileKey, ...rest } = changes;
    // The same key sent back leaves the photo (and its URL) as it is.
    const photoChanged = photoFileKey !== undefined &&
      photoFileKey !== (current.photoFileKey ?? null);
    const updated = parseInput(expertProfileSchema, {
      ...current,
      ...rest,
      ...(location !== undefined
        ? { location: location ?? current.location }
        : {}),
      ...(photoChanged
        ? {
          photoFileKey,
          photoUrl: photoFileKey ? expertPhotoUrl(photoFileKey) : null,
        }
        : {}),
    }, INVALID);
    const result = await stageExpertWrite(kv.atomic().check(entry), updated, {
      previous: current,
      parents: await categoryParents(kv),
    }).commit();
    return result.ok ? updated : RETRY;
  }, {
    attempts: 30,
    conflictMessage: "Your profile changed meanwhile; try again.",
  });
}

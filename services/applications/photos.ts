/**
 * Expert profile photos: uploaded into the FileStore, set on the application
 * (or on the live profile once approved), and served at
 * `/experts/<userId>/photo/<photoId>` (see `expertPhotoUrl`).
 */
import type { ExpertProfile } from "@/services/experts/mod.ts";
import { newId } from "@/services/platform/kv.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import {
  acceptUpload,
  getFileStore,
  releaseStorage,
  reserveStorage,
  type StoredFile,
} from "@/services/storage/mod.ts";
import { type Application, isEditable, MAX_PHOTO_BYTES } from "./model.ts";
import { getApplication, saveApplication } from "./draft.ts";
import { updateExpertProfile } from "./live_profile.ts";
import { refuseEditing, requireExpertUser } from "./rules.ts";
import { applicationKey, expertPhotoUrl, photoFileKeyOf } from "./store.ts";

/**
 * Stores a profile photo (PNG or JPEG, up to 5 MB) and sets it on the
 * expert's application, or on the live profile once approved. Returns the
 * photo's storage key. The photo it replaces is deleted in the same call
 * unless the application or the live profile still shows it. Counts against
 * the user's storage quota and upload rate (ValidationError when over).
 */
export async function uploadExpertPhoto(
  kv: Deno.Kv,
  userId: string,
  file: Blob & { name?: string },
): Promise<{ photoFileKey: string; photoUrl: string }> {
  await requireExpertUser(kv, userId);
  const application = await getApplication(kv, userId);
  if (application.status !== "approved" && !isEditable(application.status)) {
    refuseEditing(application.status);
  }
  const accepted = await acceptUpload(file, {
    allowed: ["image/png", "image/jpeg"],
    maxBytes: MAX_PHOTO_BYTES,
  });
  await reserveStorage(kv, userId, accepted.size);
  const photoFileKey = photoFileKeyOf(userId, newId());
  const store = getFileStore(kv);
  const before = await photoKeysInUse(kv, userId);
  try {
    await store.put(photoFileKey, file.stream(), {
      contentType: accepted.contentType,
      size: accepted.size,
    });
    if (application.status === "approved") {
      await updateExpertProfile(kv, userId, { photoFileKey });
    } else {
      await saveApplication(kv, userId, { photoFileKey });
    }
  } catch (error) {
    await store.delete(photoFileKey);
    await releaseStorage(kv, userId, accepted.size);
    throw error;
  }
  await deleteUnusedPhotos(kv, userId, before);
  return { photoFileKey, photoUrl: expertPhotoUrl(photoFileKey) };
}

/** The photo keys the application and the live profile name now. */
async function photoKeysInUse(kv: Deno.Kv, userId: string): Promise<string[]> {
  const [expert, application] = await kv.getMany<
    [ExpertProfile, Application]
  >([["experts", userId], applicationKey(userId)]);
  return [expert.value?.photoFileKey, application.value?.photoFileKey]
    .filter((key): key is string => typeof key === "string");
}

/**
 * Deletes those of `candidates` (photos that were in use) that neither the
 * application nor the live profile names any more, giving their bytes back
 * to the quota.
 */
async function deleteUnusedPhotos(
  kv: Deno.Kv,
  userId: string,
  candidates: string[],
): Promise<void> {
  const inUse = new Set(await photoKeysInUse(kv, userId));
  const store = getFileStore(kv);
  for (const key of new Set(candidates)) {
    if (inUse.has(key)) continue;
    const file = await store.head(key);
    if (!file) continue;
    await store.delete(key);
    await releaseStorage(kv, userId, file.size);
  }
}

/**
 * Uploads the photo a form's `photo` field holds, reporting refusals under
 * `photo` so a form shows them beside that field. Returns whether a photo
 * was stored: nothing chosen is fine unless `required`.
 */
export async function uploadChosenPhoto(
  kv: Deno.Kv,
  userId: string,
  chosen: unknown,
  opts: { required: boolean },
): Promise<boolean> {
  if (!(chosen instanceof Blob) || chosen.size === 0) {
    if (!opts.required) return false;
    throw new ValidationError("No photo was chosen.", {
      photo: ["Choose a PNG or JPEG file."],
    });
  }
  try {
    await uploadExpertPhoto(kv, userId, chosen);
    return true;
  } catch (error) {
    if (error instanceof ValidationError) {
      const reasons = Object.values(error.fieldErrors).flat();
      throw new ValidationError(error.message, {
        photo: reasons.length ? reasons : [error.message],
      });
    }
    throw error;
  }
}

/**
 * A photo for `/experts/<userId>/photo/<photoId>`: served to anyone when it
 * is the current photo of a published expert; with `includePrivate` (the
 * owner or an admin) also an application's photo. Null otherwise.
 */
export async function getExpertPhoto(
  kv: Deno.Kv,
  userId: string,
  photoId: string,
  opts: { includePrivate?: boolean } = {},
): Promise<{ file: StoredFile; body: ReadableStream<Uint8Array> } | null> {
  const key = photoFileKeyOf(userId, photoId);
  const [expert, application] = await kv.getMany<
    [ExpertProfile, Application]
  >([["experts", userId], applicationKey(userId)]);
  const isPublic = expert.value?.published === true &&
    expert.value.photoFileKey === key;
  const isPrivate = opts.includePrivate === true &&
    (expert.value?.photoFileKey === key ||
      application.value?.photoFileKey === key);
  if (!isPublic && !isPrivate) return null;
  return await getFileStore(kv).get(key);
}

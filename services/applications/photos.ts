/**
 * Expert profile photos: processed on upload (services/images: metadata
 * stripped, squared, resized, AVIF/WebP/JPEG), stored in the FileStore
 * under one key per photo with its variants beside it, set on the
 * application (or on the live profile once approved), and served at
 * `/experts/<userId>/photo/<photoId>` and `…/<photoId>/<width>.<format>`
 * (see `expertPhotoUrl`). The photo id is a hash of the processed content,
 * so a photo's URLs change whenever it does.
 */
import type { ExpertProfile } from "@/services/experts/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import {
  deleteImage,
  deleteOwnedImage,
  IMAGE_UPLOAD_NAMES,
  IMAGE_UPLOAD_TYPES,
  parseVariantName,
  type ProcessedImage,
  processImage,
  storeImage,
  variantKey,
} from "@/services/images/mod.ts";
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
 * Reserved against the quota before processing (the variants' size is only
 * known after): more than every variant of a photo takes (a photo of pure
 * noise makes about 600 KB). What the variants do not use is given back.
 */
const PROCESSED_PHOTO_BUDGET = 1024 * 1024;

/**
 * Processes a profile photo (PNG, JPEG or WebP, up to 5 MB) into its stored
 * variants and sets it on the expert's application, or on the live profile
 * once approved. Returns the photo's storage key. The photo it replaces,
 * with all its variants, is deleted in the same call unless the
 * application or the live profile still shows it. Counts against the
 * user's storage quota and upload rate, checked before any processing
 * (ValidationError when over, or when the file is not a usable image).
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
    allowed: IMAGE_UPLOAD_TYPES,
    maxBytes: MAX_PHOTO_BYTES,
  });
  // Reserved first, so the hourly limit also bounds the processing work.
  const reserved = Math.max(accepted.size, PROCESSED_PHOTO_BUDGET);
  await reserveStorage(kv, userId, reserved);
  const store = getFileStore(kv);
  let image: ProcessedImage;
  try {
    image = await processImage(new Uint8Array(await file.arrayBuffer()));
    if (image.size > reserved) {
      throw new ValidationError("The photo was not accepted.", {
        file: ["This picture is too detailed to store; upload another one."],
      });
    }
  } catch (error) {
    await releaseStorage(kv, userId, reserved);
    throw error;
  }
  const photoFileKey = photoFileKeyOf(userId, image.id);
  const before = await photoKeysInUse(kv, userId);
  // The same picture again is already stored (and counted) under its key.
  const isNew = (await store.head(photoFileKey)) === null;
  try {
    if (isNew) await storeImage(store, photoFileKey, image);
    if (application.status === "approved") {
      await updateExpertProfile(kv, userId, { photoFileKey });
    } else {
      await saveApplication(kv, userId, { photoFileKey });
    }
  } catch (error) {
    if (isNew) await deleteImage(store, photoFileKey);
    await releaseStorage(kv, userId, reserved);
    throw error;
  }
  await releaseStorage(kv, userId, isNew ? reserved - image.size : reserved);
  await deleteUnusedPhotos(kv, userId, before);
  return { photoFileKey, photoUrl: expertPhotoUrl(photoFileKey) };
}

/**
 * Sets a photo the app made itself (not uploaded: the demo experts'
 * generated portraits) on an approved expert's live profile, stored exactly
 * as an upload's variants are but counted against no one's quota. Leaves
 * an expert who already has a photo alone; returns whether it set one.
 */
export async function setGeneratedExpertPhoto(
  kv: Deno.Kv,
  userId: string,
  image: ProcessedImage,
): Promise<boolean> {
  const expert = await kv.get<ExpertProfile>(["experts", userId]);
  if (!expert.value || expert.value.photoUrl) return false;
  const photoFileKey = photoFileKeyOf(userId, image.id);
  const store = getFileStore(kv);
  if ((await store.head(photoFileKey)) === null) {
    await storeImage(store, photoFileKey, image);
  }
  await updateExpertProfile(kv, userId, { photoFileKey });
  return true;
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
 * application nor the live profile names any more, with all their variants,
 * giving their bytes back to the quota.
 */
async function deleteUnusedPhotos(
  kv: Deno.Kv,
  userId: string,
  candidates: string[],
): Promise<void> {
  const inUse = new Set(await photoKeysInUse(kv, userId));
  const store = getFileStore(kv);
  for (const key of new Set(candidates)) {
    if (!inUse.has(key)) await deleteOwnedImage(kv, store, userId, key);
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
      photo: [`Choose a ${IMAGE_UPLOAD_NAMES} file.`],
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
 * A photo for `/experts/<userId>/photo/<photoId>`, or with `variant` (e.g.
 * `320.webp`) one of its processed variants: served to anyone when it is
 * the current photo of a published expert; with `includePrivate` (the
 * owner or an admin) also an application's photo. Null otherwise, and for
 * a variant name that is not one of the stored sizes and formats.
 */
export async function getExpertPhoto(
  kv: Deno.Kv,
  userId: string,
  photoId: string,
  opts: { includePrivate?: boolean; variant?: string } = {},
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
  if (opts.variant === undefined) return await getFileStore(kv).get(key);
  const variant = parseVariantName(opts.variant);
  if (!variant) return null;
  return await getFileStore(kv).get(
    variantKey(key, variant.width, variant.format),
  );
}

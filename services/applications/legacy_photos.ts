/**
 * Profile photos uploaded before images were processed: one file, the
 * upload as it came (camera metadata and all), under a ULID photo id, with
 * no AVIF/WebP/JPEG variants, so pages show it full size as it is. A
 * start-up step queues one job per such profile; the job processes the
 * stored upload exactly as a new upload is (services/images: upright,
 * squared, every width and format, metadata stripped), stores the variants
 * under the processed photo's own key, points the profile (and the
 * application, when it names the same file) at it in one atomic that bumps
 * the public version, then deletes the old file.
 *
 * Idempotent: a profile already on a processed photo, or whose photo
 * changed meanwhile, is left alone; the processed photo's key is its
 * content's hash, so a repeated run finds its variants already stored.
 * Photos that cannot be processed (damaged, too large) are logged and left
 * as they are, never retried.
 */
import { z } from "zod";
import { categoryParents } from "@/services/categories/mod.ts";
import {
  type ExpertProfile,
  stageExpertWrite,
} from "@/services/experts/mod.ts";
import {
  deleteImage,
  isProcessedImageId,
  type ProcessedImage,
  processImage,
  storeImage,
} from "@/services/images/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { defineJob, enqueue } from "@/services/platform/jobs.ts";
import { idSchema } from "@/services/platform/model.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import type { MigrationResult } from "@/services/platform/startup.ts";
import { getFileStore, releaseStorage } from "@/services/storage/mod.ts";
import type { Application } from "./model.ts";
import { applicationKey, expertPhotoUrl, photoFileKeyOf } from "./store.ts";

/**
 * Queued jobs start this far apart, so a catalogue of old photos is
 * processed one at a time (decoding a large photo takes up to ~160 MB).
 */
export const LEGACY_PHOTO_SPACING_MS = 5_000;

/** The photo id in `experts/<userId>/photos/<photoId>`. */
function photoIdOf(photoFileKey: string): string {
  return photoFileKey.slice(photoFileKey.lastIndexOf("/") + 1);
}

/** True when a profile or application names a photo never processed. */
export function hasLegacyPhoto(
  record: { photoFileKey?: string | null } | null,
): boolean {
  return typeof record?.photoFileKey === "string" &&
    !isProcessedImageId(photoIdOf(record.photoFileKey));
}

export type LegacyPhotoOutcome =
  | "processed"
  | "not legacy"
  | "photo changed"
  | "file missing"
  | "unusable";

/**
 * Processes the legacy photo of one expert's profile (or, before approval,
 * application) and switches them to it (see the module comment). Returns
 * what it did.
 */
export async function reprocessLegacyPhoto(
  kv: Deno.Kv,
  userId: string,
): Promise<LegacyPhotoOutcome> {
  const [expert, application] = await kv.getMany<
    [ExpertProfile, Application]
  >([["experts", userId], applicationKey(userId)]);
  const holder = [expert.value, application.value].find(hasLegacyPhoto);
  if (!holder) return "not legacy";
  const legacyKey = holder.photoFileKey!;
  const store = getFileStore(kv);
  const stored = await store.get(legacyKey);
  if (!stored) {
    console.warn(`Legacy photo ${legacyKey} is missing; left as it is.`);
    return "file missing";
  }
  let image: ProcessedImage;
  try {
    image = await processImage(
      new Uint8Array(await new Response(stored.body).arrayBuffer()),
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    console.warn(
      `Legacy photo ${legacyKey} cannot be processed (${error.message}); left as it is.`,
    );
    return "unusable";
  }
  const processedKey = photoFileKeyOf(userId, image.id);
  const isNew = (await store.head(processedKey)) === null;
  if (isNew) await storeImage(store, processedKey, image);

  const switched = await switchPhoto(kv, userId, legacyKey, processedKey);
  if (!switched) {
    // Someone changed the photo meanwhile: theirs stands.
    if (isNew && !(await isPhotoInUse(kv, userId, processedKey))) {
      await deleteImage(store, processedKey);
    }
    return "photo changed";
  }
  if (!(await isPhotoInUse(kv, userId, legacyKey))) {
    const freed = await deleteImage(store, legacyKey);
    // The variants take the upload's place in the quota. Their bytes are
    // not reserved (that counts as an upload against the hourly limit, and
    // this is the app's work): when they take more than the upload did,
    // the expert is charged only the upload's.
    await releaseStorage(kv, userId, freed - (isNew ? image.size : 0));
  }
  return "processed";
}

/**
 * Points the profile and the application, each if it still names
 * `legacyKey`, at the processed photo; false when neither does. One atomic
 * (stageExpertWrite bumps the catalog and the public version). The
 * application's status is unchanged, so its status index is too.
 */
async function switchPhoto(
  kv: Deno.Kv,
  userId: string,
  legacyKey: string,
  processedKey: string,
): Promise<boolean> {
  const parents = await categoryParents(kv);
  return await untilCommitted(async () => {
    const [entry, application] = await kv.getMany<
      [ExpertProfile, Application]
    >([["experts", userId], applicationKey(userId)]);
    const onProfile = entry.value?.photoFileKey === legacyKey;
    const onApplication = application.value?.photoFileKey === legacyKey;
    if (!onProfile && !onApplication) return false;
    const op = kv.atomic().check(entry).check(application);
    if (onProfile) {
      stageExpertWrite(op, {
        ...entry.value!,
        photoFileKey: processedKey,
        photoUrl: expertPhotoUrl(processedKey),
      }, { previous: entry.value, parents });
    }
    if (onApplication) {
      op.set(applicationKey(userId), {
        ...application.value!,
        photoFileKey: processedKey,
      });
    }
    return (await op.commit()).ok ? true : RETRY;
  }, {
    attempts: 30,
    conflictMessage: "The profile kept changing; the photo job will retry.",
  });
}

async function isPhotoInUse(
  kv: Deno.Kv,
  userId: string,
  key: string,
): Promise<boolean> {
  const [expert, application] = await kv.getMany<
    [ExpertProfile, Application]
  >([["experts", userId], applicationKey(userId)]);
  return expert.value?.photoFileKey === key ||
    application.value?.photoFileKey === key;
}

/** Reprocesses one expert's legacy photo (queued by the start-up step). */
export const legacyPhotoJob = defineJob({
  name: "legacy-photo-reprocess",
  payload: z.object({ userId: idSchema }),
  handler: async ({ userId }, { kv }) => {
    await reprocessLegacyPhoto(kv, userId);
  },
});

/**
 * The start-up step: queues `legacyPhotoJob` for every expert whose profile
 * or application is still on a legacy photo, spaced apart. Counts them as
 * `migrated` (queued); a later start finds only those whose job has not
 * switched them yet.
 */
export async function queueLegacyPhotoReprocessing(
  kv: Deno.Kv,
): Promise<MigrationResult> {
  const userIds = new Set<string>();
  for (const prefix of [["experts"], ["applications"]]) {
    for await (
      const entry of kv.list<{ photoFileKey?: string | null }>({ prefix })
    ) {
      if (entry.key.length === 2 && hasLegacyPhoto(entry.value)) {
        userIds.add(String(entry.key[1]));
      }
    }
  }
  let queued = 0;
  for (const userId of userIds) {
    await enqueue(kv, legacyPhotoJob, { userId }, {
      delay: queued++ * LEGACY_PHOTO_SPACING_MS,
    });
  }
  return { migrated: queued, unresolved: [] };
}

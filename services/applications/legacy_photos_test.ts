/** Profile photos stored before processing, reprocessed in the background. */
import { expect } from "expect";
import { ulid } from "ulid";
import { openTestKv } from "@/tests/support/kv.ts";
import { EXIF_MARKER, testJpeg, withExif } from "@/tests/support/images.ts";
import { getExpert } from "@/services/experts/mod.ts";
import {
  IMAGE_WIDTHS,
  isProcessedImageId,
  OUTPUT_FORMATS,
  readImageHeader,
  variantKey,
} from "@/services/images/mod.ts";
import { startJobWorker } from "@/services/platform/jobs.ts";
import { PUBLIC_VERSION_KEY } from "@/services/platform/public_version.ts";
import {
  getFileStore,
  reserveStorage,
  storageUsed,
} from "@/services/storage/mod.ts";
import { approveApplication } from "./review.ts";
import { updateExpertProfile } from "./live_profile.ts";
import { getApplication, saveApplication } from "./draft.ts";
import {
  legacyPhotoJob,
  queueLegacyPhotoReprocessing,
  reprocessLegacyPhoto,
} from "./legacy_photos.ts";
import { photoFileKeyOf } from "./store.ts";
import { meta, setUp, submitted } from "./testing.ts";

/**
 * An approved expert whose profile shows `bytes` as uploads were stored
 * before processing: one file under a ULID id, counted in the quota.
 */
async function expertWithLegacyPhoto(kv: Deno.Kv, bytes: Uint8Array) {
  await setUp(kv);
  await submitted(kv);
  await approveApplication(kv, "admin1", "expert1", {}, meta);
  const legacyKey = photoFileKeyOf("expert1", ulid());
  await getFileStore(kv).put(legacyKey, bytes, {
    contentType: "image/jpeg",
    size: bytes.length,
  });
  const usedBefore = await storageUsed(kv, "expert1");
  await reserveStorage(kv, "expert1", bytes.length);
  await updateExpertProfile(kv, "expert1", { photoFileKey: legacyKey });
  return { legacyKey, usedBefore };
}

function contains(bytes: Uint8Array, text: string): boolean {
  return new TextDecoder("latin1").decode(bytes).includes(text);
}

async function bytesAt(kv: Deno.Kv, key: string): Promise<Uint8Array | null> {
  const stored = await getFileStore(kv).get(key);
  if (!stored) return null;
  return new Uint8Array(await new Response(stored.body).arrayBuffer());
}

Deno.test("legacy photos: queued at start-up, processed in the background, metadata stripped, the profile switched", async () => {
  using kv = await openTestKv();
  // A camera JPEG: 200×100, EXIF with GPS and orientation 6 (turn right).
  const upload = withExif(await testJpeg(200, 100), 6);
  expect(contains(upload, EXIF_MARKER)).toBe(true);
  const { legacyKey, usedBefore } = await expertWithLegacyPhoto(kv, upload);
  const versionBefore = (await kv.get(PUBLIC_VERSION_KEY)).versionstamp;

  const worker = startJobWorker(kv, [legacyPhotoJob]);
  expect(await queueLegacyPhotoReprocessing(kv)).toEqual({
    migrated: 1,
    unresolved: [],
  });
  let expert = await getExpert(kv, "expert1");
  for (let i = 0; i < 300 && expert!.photoFileKey === legacyKey; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    expert = await getExpert(kv, "expert1");
  }

  const photoKey = expert!.photoFileKey!;
  const photoId = photoKey.split("/").pop()!;
  expect(isProcessedImageId(photoId)).toBe(true);
  expect(expert!.photoUrl).toBe(`/experts/expert1/photo/${photoId}`);
  // The application follows when it named the same file.
  expect((await getApplication(kv, "expert1")).photoFileKey).not.toBe(
    legacyKey,
  );
  expect((await kv.get(PUBLIC_VERSION_KEY)).versionstamp).not.toBe(
    versionBefore,
  );

  let variantBytes = 0;
  for (const width of IMAGE_WIDTHS) {
    for (const format of OUTPUT_FORMATS) {
      const bytes = (await bytesAt(kv, variantKey(photoKey, width, format)))!;
      expect({ width, format, stored: bytes !== null }).toEqual({
        width,
        format,
        stored: true,
      });
      expect(contains(bytes, EXIF_MARKER)).toBe(false);
      expect(contains(bytes, "Exif")).toBe(false);
      variantBytes += bytes.length;
    }
  }
  const large = readImageHeader((await bytesAt(kv, photoKey))!)!;
  expect([large.format, large.width, large.height]).toEqual(["jpeg", 640, 640]);
  // The upload is gone; the quota counts the variants instead, or the
  // upload's bytes when the variants take more (never charged for more).
  expect(await bytesAt(kv, legacyKey)).toBeNull();
  expect(await storageUsed(kv, "expert1")).toBe(
    usedBefore + Math.min(upload.length, variantBytes),
  );

  // Idempotent: nothing left to queue, and a repeated job changes nothing.
  expect(await queueLegacyPhotoReprocessing(kv)).toEqual({
    migrated: 0,
    unresolved: [],
  });
  expect(await reprocessLegacyPhoto(kv, "expert1")).toBe("not legacy");
  expect((await getExpert(kv, "expert1"))!.photoFileKey).toBe(photoKey);
  kv.close();
  await worker;
});

Deno.test("legacy photos: an unreadable one is left as it is", async () => {
  using kv = await openTestKv();
  const broken = new TextEncoder().encode("not a picture at all");
  const { legacyKey } = await expertWithLegacyPhoto(kv, broken);
  expect(await reprocessLegacyPhoto(kv, "expert1")).toBe("unusable");
  expect((await getExpert(kv, "expert1"))!.photoFileKey).toBe(legacyKey);
  expect(await bytesAt(kv, legacyKey)).toEqual(broken);
});

Deno.test("legacy photos: an application's, before approval, is processed too", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const legacyKey = photoFileKeyOf("expert1", ulid());
  const upload = withExif(await testJpeg(120, 160), 1);
  await getFileStore(kv).put(legacyKey, upload, {
    contentType: "image/jpeg",
    size: upload.length,
  });
  await saveApplication(kv, "expert1", { photoFileKey: legacyKey });
  expect((await queueLegacyPhotoReprocessing(kv)).migrated).toBe(1);

  expect(await reprocessLegacyPhoto(kv, "expert1")).toBe("processed");
  const photoKey = (await getApplication(kv, "expert1")).photoFileKey!;
  expect(isProcessedImageId(photoKey.split("/").pop()!)).toBe(true);
  expect(contains((await bytesAt(kv, photoKey))!, EXIF_MARKER)).toBe(false);
  expect(await bytesAt(kv, legacyKey)).toBeNull();
  expect(await getExpert(kv, "expert1")).toBeNull();
});

/** Expert profile photos. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { getApplication, saveApplication } from "./draft.ts";
import { approveApplication } from "./review.ts";
import {
  getExpertPhoto,
  uploadChosenPhoto,
  uploadExpertPhoto,
} from "./photos.ts";
import { storageUsed } from "@/services/storage/mod.ts";
import { pngClaiming, testWebp } from "@/tests/support/images.ts";
import { addUser, meta, setUp, submitted } from "./testing.ts";
import { caught } from "@/tests/support/rejections.ts";
import { pdfFile, PNG, pngFile } from "@/tests/support/files.ts";

Deno.test("photos: images only, private until published", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  expect(await caught(uploadExpertPhoto(kv, "expert1", pdfFile())))
    .toBeInstanceOf(ValidationError);
  const { photoFileKey, photoUrl } = await uploadExpertPhoto(
    kv,
    "expert1",
    pngFile(),
  );
  expect(photoUrl).toMatch(/^\/experts\/expert1\/photo\/[0-9A-Z]{26}$/);
  expect((await getApplication(kv, "expert1")).photoFileKey).toBe(photoFileKey);
  const photoId = photoFileKey.split("/").pop()!;
  expect(await getExpertPhoto(kv, "expert1", photoId)).toBeNull();
  const own = await getExpertPhoto(kv, "expert1", photoId, {
    includePrivate: true,
  });
  await own!.body.cancel();
  // Stored processed: the photo's own URL serves the 640 px JPEG.
  expect(own!.file.contentType).toBe("image/jpeg");
  // Someone else's key cannot be claimed.
  await addUser(kv, "expert2", "expert");
  expect(await caught(saveApplication(kv, "expert2", { photoFileKey })))
    .toBeInstanceOf(ValidationError);

  await submitted(kv);
  await approveApplication(kv, "admin1", "expert1", {}, meta);
  expect((await getExpert(kv, "expert1"))!.photoUrl).toBe(photoUrl);
  const publicPhoto = await getExpertPhoto(kv, "expert1", photoId);
  await publicPhoto!.body.cancel();
  expect(publicPhoto!.file.size).toBeGreaterThan(0);
  const variant = await getExpertPhoto(kv, "expert1", photoId, {
    variant: "96.avif",
  });
  await variant!.body.cancel();
  expect(variant!.file.contentType).toBe("image/avif");
  expect(
    await getExpertPhoto(kv, "expert1", photoId, { variant: "97.avif" }),
  ).toBeNull();
  expect(
    await getExpertPhoto(kv, "expert1", photoId, { variant: "96.gif" }),
  ).toBeNull();
});

Deno.test("photos: an upload that is not a usable image is refused beside the field, and nothing is kept", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const fake = new File([PNG.slice(0, 33)], "me.png", { type: "image/png" });
  const error = await caught(uploadChosenPhoto(kv, "expert1", fake, {
    required: true,
  })) as ValidationError;
  expect(error).toBeInstanceOf(ValidationError);
  expect(error.fieldErrors.photo?.[0]).toMatch(/damaged|could not be read/);
  const bomb = new File([await pngClaiming(50_000, 50_000)], "big.png", {
    type: "image/png",
  });
  const tooBig = await caught(uploadChosenPhoto(kv, "expert1", bomb, {
    required: true,
  })) as ValidationError;
  expect(tooBig.fieldErrors.photo?.[0]).toMatch(/megapixels/);
  expect(await storageUsed(kv, "expert1")).toBe(0);
  expect((await getApplication(kv, "expert1")).photoFileKey).toBeNull();
});

Deno.test("photos: a WebP photo is taken and stored processed like any other", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const file = new File([await testWebp(400, 300)], "me.webp", {
    type: "image/webp",
  });
  const { photoFileKey } = await uploadExpertPhoto(kv, "expert1", file);
  const photoId = photoFileKey.split("/").pop()!;
  const own = await getExpertPhoto(kv, "expert1", photoId, {
    includePrivate: true,
  });
  await own!.body.cancel();
  expect(own!.file.contentType).toBe("image/jpeg");
});

/** Expert profile photos. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { getApplication, saveApplication } from "./draft.ts";
import { approveApplication } from "./review.ts";
import { getExpertPhoto, uploadExpertPhoto } from "./photos.ts";
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
  expect(own!.file.contentType).toBe("image/png");
  // Someone else's key cannot be claimed.
  await addUser(kv, "expert2", "expert");
  expect(await caught(saveApplication(kv, "expert2", { photoFileKey })))
    .toBeInstanceOf(ValidationError);

  await submitted(kv);
  await approveApplication(kv, "admin1", "expert1", {}, meta);
  expect((await getExpert(kv, "expert1"))!.photoUrl).toBe(photoUrl);
  const publicPhoto = await getExpertPhoto(kv, "expert1", photoId);
  await publicPhoto!.body.cancel();
  expect(publicPhoto!.file.size).toBe(PNG.byteLength);
});

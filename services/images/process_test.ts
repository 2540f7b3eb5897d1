import { expect } from "expect";
import { ValidationError } from "@/services/platform/errors.ts";
import * as jpeg from "@jsquash/jpeg";
import {
  IMAGE_WIDTHS,
  isProcessedImageId,
  MAX_INPUT_PIXELS,
  OUTPUT_FORMATS,
  processImage,
  readImageHeader,
} from "./mod.ts";
import {
  EXIF_MARKER,
  pngClaiming,
  testJpeg,
  testPng,
  testWebp,
  withExif,
} from "@/tests/support/images.ts";

function contains(haystack: Uint8Array, needle: string): boolean {
  return new TextDecoder("latin1").decode(haystack).includes(needle);
}

const MAGIC: Record<string, (bytes: Uint8Array) => boolean> = {
  jpg: (b) => b[0] === 0xff && b[1] === 0xd8,
  webp: (b) => contains(b.subarray(0, 16), "WEBP"),
  avif: (b) => contains(b.subarray(0, 32), "ftypavif"),
};

Deno.test("a photo becomes square variants at every width in AVIF, WebP and JPEG", async () => {
  const image = await processImage(await testJpeg(300, 200));
  expect(isProcessedImageId(image.id)).toBe(true);
  expect(image.variants.length).toBe(
    IMAGE_WIDTHS.length * OUTPUT_FORMATS.length,
  );
  for (const variant of image.variants) {
    expect(MAGIC[variant.format](variant.bytes)).toBe(true);
  }
  for (const variant of image.variants.filter((v) => v.format === "jpg")) {
    const header = readImageHeader(variant.bytes)!;
    expect([header.width, header.height]).toEqual([
      variant.width,
      variant.width,
    ]);
  }
  expect(image.size).toBe(
    image.variants.reduce((sum, v) => sum + v.bytes.length, 0),
  );
});

Deno.test("the id follows the content: same pixels same id, other pixels another", async () => {
  const png = await testPng(120, 120);
  const [a, b, c] = await Promise.all([
    processImage(png),
    processImage(png),
    processImage(await testPng(121, 120)),
  ]);
  expect(a.id).toBe(b.id);
  expect(c.id).not.toBe(a.id);
});

Deno.test("EXIF (GPS, camera text) is gone from every variant, and the orientation is applied", async () => {
  // 200×100: red left, blue right. Orientation 6 shows it turned a quarter
  // clockwise, so the upright square has red at the top.
  const upload = withExif(await testJpeg(200, 100), 6);
  expect(contains(upload, EXIF_MARKER)).toBe(true);
  expect(readImageHeader(upload)?.orientation).toBe(6);
  const image = await processImage(upload);
  for (const variant of image.variants) {
    expect(contains(variant.bytes, EXIF_MARKER)).toBe(false);
    expect(contains(variant.bytes, "Exif")).toBe(false);
  }
  const small = image.variants.find((v) =>
    v.format === "jpg" && v.width === 96
  )!;
  const pixels = await jpeg.decode(small.bytes.slice().buffer);
  const at = (x: number, y: number) => pixels.data[(y * 96 + x) * 4];
  expect(at(48, 10)).toBeGreaterThan(150); // red on top
  expect(at(48, 85)).toBeLessThan(100); // blue below
});

Deno.test("a header claiming too many pixels is refused before decoding", async () => {
  const bomb = await pngClaiming(60_000, 60_000);
  const error = await processImage(bomb).catch((e) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect(error.message).toContain("60,000×60,000 pixels");
  expect(error.message).toContain(`${MAX_INPUT_PIXELS / 1_000_000} megapixels`);
  const long = await processImage(await pngClaiming(20_000, 10)).catch((e) =>
    e
  );
  expect(long).toBeInstanceOf(ValidationError);
});

Deno.test("bytes that are not an image, or a damaged one, are a ValidationError", async () => {
  const junk = await processImage(new TextEncoder().encode("hello")).catch((
    e,
  ) => e);
  expect(junk).toBeInstanceOf(ValidationError);
  expect(junk.message).toContain("PNG, JPEG or WebP");
  const jpegBytes = await testJpeg(64, 64);
  const cut = jpegBytes.slice(0, 200);
  const damaged = await processImage(cut).catch((e) => e);
  expect(damaged).toBeInstanceOf(ValidationError);
  const png = await testPng(64, 64);
  png.fill(7, 40);
  expect(await processImage(png).catch((e) => e)).toBeInstanceOf(
    ValidationError,
  );
});

Deno.test("a WebP upload, lossy, lossless or with transparency, is read and processed", async () => {
  for (const kind of ["lossy", "lossless", "alpha"] as const) {
    const bytes = await testWebp(301, 203, kind);
    const chunk = new TextDecoder().decode(bytes.subarray(12, 16));
    expect(chunk).toBe(
      { lossy: "VP8 ", lossless: "VP8L", alpha: "VP8X" }[kind],
    );
    expect(readImageHeader(bytes)).toEqual({
      format: "webp",
      width: 301,
      height: 203,
      orientation: 1,
    });
    const image = await processImage(bytes);
    expect(image.variants.length).toBe(
      IMAGE_WIDTHS.length * OUTPUT_FORMATS.length,
    );
  }
});

Deno.test("an animated WebP is refused with its reason, and a cut one as unreadable", async () => {
  // RIFF, WEBP, then a VP8X chunk whose flags say "animation".
  const animated = new Uint8Array(30);
  animated.set(new TextEncoder().encode("RIFF"), 0);
  new DataView(animated.buffer).setUint32(4, 22, true);
  animated.set(new TextEncoder().encode("WEBPVP8X"), 8);
  new DataView(animated.buffer).setUint32(16, 10, true);
  animated[20] = 0x02;
  animated.set([99, 0, 0, 99, 0, 0], 24);
  expect(readImageHeader(animated)).toMatchObject({
    format: "webp",
    width: 100,
    height: 100,
    animated: true,
  });
  const refused = await processImage(animated).catch((e) => e);
  expect(refused).toBeInstanceOf(ValidationError);
  expect(refused.fieldErrors.file[0]).toContain("Animated images");

  const cut = (await testWebp(64, 64)).slice(0, 24);
  expect(readImageHeader(cut)).toBeNull();
  expect(await processImage(cut).catch((e) => e)).toBeInstanceOf(
    ValidationError,
  );
  const damaged = await testWebp(64, 64);
  damaged.fill(7, 40);
  expect(await processImage(damaged).catch((e) => e)).toBeInstanceOf(
    ValidationError,
  );
});

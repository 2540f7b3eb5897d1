/**
 * Test images made on the spot: JPEGs and PNGs of a given size, a JPEG
 * carrying EXIF (orientation, GPS and a camera comment), and headers that
 * claim more pixels than the file could hold.
 */
import { encodePng, type Pixels } from "@/services/images/mod.ts";
import * as jpeg from "@jsquash/jpeg";
import * as webp from "@jsquash/webp";

/** A text every EXIF test block carries, to look for in the output. */
export const EXIF_MARKER = "GPS 51.5007N 0.1246W secret camera";

/**
 * `width`×`height` pixels: the left half red, the right half blue, both
 * with `green` mixed in (to tell same-sized images apart).
 */
export function twoColourPixels(
  width: number,
  height: number,
  green = 0,
): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const left = x < width / 2;
      data[at] = left ? 220 : 20;
      data[at + 1] = green;
      data[at + 2] = left ? 20 : 220;
      data[at + 3] = 255;
    }
  }
  return { width, height, data };
}

export async function testPng(width: number, height: number, green = 0) {
  return await encodePng(twoColourPixels(width, height, green));
}

export async function testJpeg(width: number, height: number) {
  const { data } = twoColourPixels(width, height);
  return new Uint8Array(
    await jpeg.encode(new ImageData(data, width), { quality: 90 }),
  );
}

/**
 * A WebP of the two-colour picture: lossy ("VP8 " chunk), lossless ("VP8L")
 * or, with `alpha`, lossy with a transparent corner ("VP8X" then "ALPH").
 */
export async function testWebp(
  width: number,
  height: number,
  kind: "lossy" | "lossless" | "alpha" = "lossy",
) {
  const { data } = twoColourPixels(width, height);
  if (kind === "alpha") data[3] = 0;
  return new Uint8Array(
    await webp.encode(new ImageData(data, width), {
      quality: 80,
      lossless: kind === "lossless" ? 1 : 0,
    }),
  );
}

/**
 * An APP1 Exif segment (big-endian TIFF) with IFD0 holding the orientation
 * and an ImageDescription with EXIF_MARKER (standing in for GPS and camera
 * data: whatever the block holds must not survive).
 */
function exifSegment(orientation: number): Uint8Array {
  const text = new TextEncoder().encode(EXIF_MARKER + "\0");
  const tiff = new Uint8Array(8 + 2 + 2 * 12 + 4 + text.length);
  const view = new DataView(tiff.buffer);
  tiff.set([0x4d, 0x4d, 0, 42, 0, 0, 0, 8]);
  view.setUint16(8, 2);
  // 0x010E ImageDescription, ASCII, count, offset of the text
  view.setUint16(10, 0x010e);
  view.setUint16(12, 2);
  view.setUint32(14, text.length);
  view.setUint32(18, 8 + 2 + 24 + 4);
  // 0x0112 Orientation, SHORT, 1 value
  view.setUint16(22, 0x0112);
  view.setUint16(24, 3);
  view.setUint32(26, 1);
  view.setUint16(30, orientation);
  tiff.set(text, 8 + 2 + 24 + 4);
  const body = new Uint8Array(6 + tiff.length);
  body.set(new TextEncoder().encode("Exif\0\0"));
  body.set(tiff, 6);
  const segment = new Uint8Array(4 + body.length);
  segment.set([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 255]);
  segment.set(body, 4);
  return segment;
}

/** `jpegBytes` with an EXIF block (see `exifSegment`) right after SOI. */
export function withExif(jpegBytes: Uint8Array, orientation = 1): Uint8Array {
  const segment = exifSegment(orientation);
  const out = new Uint8Array(jpegBytes.length + segment.length);
  out.set(jpegBytes.subarray(0, 2));
  out.set(segment, 2);
  out.set(jpegBytes.subarray(2), 2 + segment.length);
  return out;
}

/** A valid PNG whose header claims `width`×`height` (a decompression bomb). */
export async function pngClaiming(width: number, height: number) {
  const bytes = await testPng(2, 2);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

/** A PNG (see `twoColourPixels`) as a browser's file input sends it. */
export async function testPngFile(width: number, height: number, green = 0) {
  return new File([await testPng(width, height, green)], "me.png", {
    type: "image/png",
  });
}

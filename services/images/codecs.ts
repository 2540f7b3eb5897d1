/**
 * The image codecs: Squoosh's codecs compiled to WebAssembly, as published
 * in the `@jsquash/*` npm packages (mozjpeg, libwebp, libavif, the PNG and
 * resize crates).
 *
 * Why these: production runs on Deno Deploy, which loads no native add-ons,
 * so `sharp` is out. Of the WebAssembly options, `@jsquash/*` runs under
 * Deno straight from npm (each codec fetches its .wasm beside its module),
 * encodes every format the pages need including AVIF, and loads only the
 * codec in use. `wasm-vips` is one 18 MB module that needs
 * SharedArrayBuffer threads; `photon` writes no AVIF.
 *
 * Encoder settings are chosen for small photos: mozjpeg and WebP at
 * quality 80 look like the original at avatar sizes; AVIF at speed 8
 * costs about a tenth of a second per variant (speed 6 costs four times as
 * much for a few percent fewer bytes).
 */
import * as avif from "@jsquash/avif";
import * as jpeg from "@jsquash/jpeg";
import * as png from "@jsquash/png";
import resizeImage from "@jsquash/resize";
import * as webp from "@jsquash/webp";
import type { InputFormat } from "./header.ts";
import type { Pixels } from "./pixels.ts";

/** The formats every photo is stored in, best first. */
export const OUTPUT_FORMATS = ["avif", "webp", "jpg"] as const;
export type OutputFormat = typeof OUTPUT_FORMATS[number];

export const CONTENT_TYPES: Record<OutputFormat, string> = {
  avif: "image/avif",
  webp: "image/webp",
  jpg: "image/jpeg",
};

function toImageData(pixels: Pixels): ImageData {
  return pixels instanceof ImageData
    ? pixels
    : new ImageData(new Uint8ClampedArray(pixels.data), pixels.width);
}

/** An exact copy of the bytes in a fresh ArrayBuffer, as the codecs take. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

/** Decodes a PNG, JPEG or WebP into RGBA pixels (throws on damaged data). */
export async function decode(
  format: InputFormat,
  bytes: Uint8Array,
): Promise<Pixels> {
  const buffer = ownBuffer(bytes);
  switch (format) {
    case "png":
      return await png.decode(buffer);
    case "jpeg":
      return await jpeg.decode(buffer);
    case "webp":
      return await webp.decode(buffer);
  }
}

/** `pixels` scaled to `width`×`height` (Lanczos3, as Squoosh does). */
export async function resize(
  pixels: Pixels,
  width: number,
  height: number,
): Promise<Pixels> {
  if (pixels.width === width && pixels.height === height) return pixels;
  return await resizeImage(toImageData(pixels), {
    width,
    height,
    method: "lanczos3",
    fitMethod: "stretch",
    premultiply: false,
    linearRGB: false,
  });
}

/** `pixels` scaled to `size`×`size`. */
export function resizeSquare(pixels: Pixels, size: number): Promise<Pixels> {
  return resize(pixels, size, size);
}

/** Encodes `pixels` as `format`; the result carries no metadata. */
export async function encode(
  format: OutputFormat,
  pixels: Pixels,
): Promise<Uint8Array<ArrayBuffer>> {
  const image = toImageData(pixels);
  const buffer = format === "avif"
    ? await avif.encode(image, { quality: 55, speed: 8 })
    : format === "webp"
    ? await webp.encode(image, { quality: 80 })
    : await jpeg.encode(image, { quality: 80, progressive: true });
  return new Uint8Array(buffer);
}

/** A lossless PNG of `pixels` (for generated images that enter the pipeline). */
export async function encodePng(
  pixels: Pixels,
): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await png.encode(toImageData(pixels)));
}

/**
 * The upload pipeline for photos: check the header (format, size, no
 * decompression bomb), decode, crop the centred square and turn it upright,
 * then resize to every width the pages show and encode each as AVIF, WebP
 * and JPEG. Re-encoding from pixels is what strips the metadata: nothing of
 * the uploaded file (EXIF, GPS, ICC, comments) reaches the output.
 *
 * The result is named by a hash of everything it holds, so its URL changes
 * whenever its content does and can be cached for a year.
 */
import { ValidationError } from "@/services/platform/errors.ts";
import {
  CONTENT_TYPES,
  decode,
  encode,
  OUTPUT_FORMATS,
  type OutputFormat,
  resizeSquare,
} from "./codecs.ts";
import { IMAGE_UPLOAD_NAMES, readImageHeader } from "./header.ts";
import { type Pixels, uprightSquare } from "./pixels.ts";

/**
 * Square widths stored for each photo: 96/192 for cards (64 CSS px at 1x
 * and up to 3x), 320/640 for the profile (up to 160 CSS px at 2x and over).
 */
export const IMAGE_WIDTHS = [96, 192, 320, 640] as const;
export type ImageWidth = typeof IMAGE_WIDTHS[number];

/**
 * Largest input decoded: 40 megapixels (e.g. 7,744×5,163), about 160 MB
 * of RGBA while decoding. A 5 MB file could otherwise claim 65,535² pixels
 * and take 17 GB.
 */
export const MAX_INPUT_PIXELS = 40_000_000;
/** Longest side decoded, whatever the area. */
export const MAX_INPUT_SIDE = 16_384;

export interface ImageVariant {
  width: ImageWidth;
  format: OutputFormat;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface ProcessedImage {
  /**
   * `V` and 25 Crockford base-32 digits of the SHA-256 of every variant: the
   * same shape as a ULID (so it fits where upload ids go) but never one
   * (a ULID starts with 0–7), so a processed image is told from an old
   * single upload by its id alone.
   */
  id: string;
  variants: ImageVariant[];
  /** Bytes of all variants together. */
  size: number;
}

/** True for an id `processImage` made (see `ProcessedImage.id`). */
export function isProcessedImageId(id: string): boolean {
  return /^V[0-9A-HJKMNP-TV-Z]{25}$/.test(id);
}

function refuse(message: string): never {
  throw new ValidationError(message, { file: [message] });
}

/**
 * An uploaded PNG, JPEG or WebP decoded, with its EXIF orientation still to
 * apply: the checks every upload passes before any pixel work.
 * ValidationError (a 4xx with a message the uploader can act on) when the
 * bytes are not a readable image or it has too many pixels.
 */
export async function decodeUpload(
  bytes: Uint8Array,
): Promise<{ pixels: Pixels; orientation: number }> {
  const header = readImageHeader(bytes);
  if (!header) {
    refuse(`The file could not be read as a ${IMAGE_UPLOAD_NAMES} image.`);
  }
  if (header.animated) {
    refuse("Animated images are not accepted. Upload a still picture.");
  }
  const { width, height } = header;
  if (width < 1 || height < 1) {
    refuse("The image has no pixels. Upload a real photo.");
  }
  if (
    width * height > MAX_INPUT_PIXELS || width > MAX_INPUT_SIDE ||
    height > MAX_INPUT_SIDE
  ) {
    refuse(
      `The image is ${width.toLocaleString("en")}×${
        height.toLocaleString("en")
      } pixels; use one of at most ${
        MAX_INPUT_PIXELS / 1_000_000
      } megapixels (for example 6000×4000).`,
    );
  }
  let pixels: Pixels;
  try {
    pixels = await decode(header.format, bytes);
  } catch {
    refuse("The image is damaged and could not be read. Upload another file.");
  }
  if (pixels.width !== width || pixels.height !== height) {
    refuse("The image is damaged and could not be read. Upload another file.");
  }
  return { pixels, orientation: header.orientation };
}

/** Processes an uploaded PNG, JPEG or WebP into every stored variant (see `decodeUpload` for refusals). */
export async function processImage(bytes: Uint8Array): Promise<ProcessedImage> {
  const { pixels, orientation } = await decodeUpload(bytes);
  return await processPixels(uprightSquare(pixels, orientation));
}

/**
 * Resizes and encodes an upright square (generated images enter here;
 * uploads through `processImage`). Each width is made from the next larger
 * one, so the big source is resampled once.
 */
export async function processPixels(square: Pixels): Promise<ProcessedImage> {
  const variants: ImageVariant[] = [];
  let source = square;
  for (const width of [...IMAGE_WIDTHS].reverse()) {
    source = await resizeSquare(source, width);
    for (const format of OUTPUT_FORMATS) {
      variants.push({
        width,
        format,
        contentType: CONTENT_TYPES[format],
        bytes: await encode(format, source),
      });
    }
  }
  variants.sort((a, b) => a.width - b.width);
  return {
    id: await contentId(variants),
    variants,
    size: variants.reduce((sum, variant) => sum + variant.bytes.length, 0),
  };
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * The SHA-256 of every variant's own SHA-256, in order: what names a set
 * of variants by its content.
 */
export async function variantsDigest(
  variants: readonly { bytes: Uint8Array<ArrayBuffer> }[],
): Promise<Uint8Array> {
  const hashes = await Promise.all(
    variants.map((variant) =>
      crypto.subtle.digest("SHA-256", variant.bytes.slice())
    ),
  );
  const all = new Uint8Array(hashes.length * 32);
  hashes.forEach((hash, i) => all.set(new Uint8Array(hash), i * 32));
  return new Uint8Array(await crypto.subtle.digest("SHA-256", all));
}

async function contentId(variants: ImageVariant[]): Promise<string> {
  const digest = await variantsDigest(variants);
  let id = "V";
  let bits = 0;
  let value = 0;
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && id.length < 26) {
      bits -= 5;
      id += CROCKFORD[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return id;
}

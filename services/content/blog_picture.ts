/**
 * Processing a blog image: the photo pipeline of services/images (header
 * checked before decoding, EXIF orientation applied, re-encoded from pixels
 * so no metadata survives, AVIF/WebP/JPEG, a content hash for a name) with
 * the shape a post needs instead of the square a profile photo needs: the
 * picture keeps its proportions, is sized for the blog's text column, and
 * gets a 1200×630 crop for link previews.
 * The checks, codecs and their settings are services/images' own.
 */
import {
  CONTENT_TYPES,
  coverCrop,
  decodeUpload,
  encode,
  OUTPUT_FORMATS,
  type OutputFormat,
  type Pixels,
  resize,
  upright,
  variantsDigest,
} from "@/services/images/mod.ts";
import {
  BLOG_SHARE_HEIGHT,
  BLOG_SHARE_WIDTH,
  blogImageBase,
  blogWidthsFor,
  MAX_BLOG_WIDTH,
} from "./blog_image_names.ts";

export interface PictureVariant {
  /** A display width, or "share" for the link-preview crop. */
  width: number | "share";
  format: OutputFormat;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export interface ProcessedPicture {
  /** `<hash>-<width>x<height>`: names the content and its largest size. */
  base: string;
  /** The largest variant's size (the picture as shown at most). */
  width: number;
  height: number;
  variants: PictureVariant[];
  /** Bytes of all variants together. */
  size: number;
}

/**
 * Processes an uploaded PNG, JPEG or WebP into every stored variant, or a
 * ValidationError on `file` (not a readable image, too many pixels).
 */
export async function processPicture(
  bytes: Uint8Array,
): Promise<ProcessedPicture> {
  const { pixels, orientation } = await decodeUpload(bytes);
  return await picturePixels(upright(pixels, orientation));
}

/** Resizes and encodes upright pixels (see `processPicture`). */
export async function picturePixels(
  pixels: Pixels,
): Promise<ProcessedPicture> {
  const largest = Math.min(pixels.width, MAX_BLOG_WIDTH);
  const heightAt = (w: number) =>
    Math.max(1, Math.round(pixels.height * w / pixels.width));
  const variants: PictureVariant[] = [];
  // Each width from the next larger one: the big source is resampled once.
  let source = pixels;
  for (const width of [...blogWidthsFor(largest)].reverse()) {
    source = await resize(source, width, heightAt(width));
    for (const format of OUTPUT_FORMATS) {
      variants.push(await variant(width, format, source));
    }
  }
  variants.reverse();
  // Link previews are read by crawlers that want a JPEG.
  const share = await resize(
    coverCrop(pixels, BLOG_SHARE_WIDTH / BLOG_SHARE_HEIGHT),
    BLOG_SHARE_WIDTH,
    BLOG_SHARE_HEIGHT,
  );
  variants.push(await variant("share", "jpg", share));
  const hash = await contentHash(variants);
  return {
    base: blogImageBase(hash, largest, heightAt(largest)),
    width: largest,
    height: heightAt(largest),
    variants,
    size: variants.reduce((sum, v) => sum + v.bytes.length, 0),
  };
}

async function variant(
  width: number | "share",
  format: OutputFormat,
  pixels: Pixels,
): Promise<PictureVariant> {
  return {
    width,
    format,
    contentType: CONTENT_TYPES[format],
    bytes: await encode(format, pixels),
  };
}

/** 32 hex digits naming the variants by their content. */
async function contentHash(variants: PictureVariant[]): Promise<string> {
  const digest = await variantsDigest(variants);
  return [...digest.slice(0, 16)]
    .map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

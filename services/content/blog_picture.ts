/**
 * Processing a blog image: the photo pipeline of services/images (header
 * checked before decoding, EXIF orientation applied, re-encoded from pixels
 * so no metadata survives, AVIF/WebP/JPEG, a content hash for a name) with
 * the shape a post needs instead of the square a profile photo needs: the
 * picture keeps its proportions, is sized for the blog's text column, and
 * gets a 1200×630 crop for link previews.
 *
 * services/images exports no decoder, resizer or encoder for other shapes
 * (its `processImage` always crops a square at avatar widths), so this
 * module calls the same `@jsquash/*` codecs with the same settings. It is
 * written to move into services/images as it is (as a `processPicture`
 * export) and then be imported from there.
 */
import * as avif from "@jsquash/avif";
import * as jpeg from "@jsquash/jpeg";
import * as png from "@jsquash/png";
import resizeImage from "@jsquash/resize";
import * as webp from "@jsquash/webp";
import {
  CONTENT_TYPES,
  MAX_INPUT_PIXELS,
  MAX_INPUT_SIDE,
  OUTPUT_FORMATS,
  type OutputFormat,
  type Pixels,
  readImageHeader,
} from "@/services/images/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
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

function refuse(message: string): never {
  throw new ValidationError(message, { file: [message] });
}

/**
 * Processes an uploaded PNG or JPEG into every stored variant, or a
 * ValidationError on `file` (not a readable image, too many pixels).
 */
export async function processPicture(
  bytes: Uint8Array,
): Promise<ProcessedPicture> {
  const header = readImageHeader(bytes);
  if (!header) refuse("The file could not be read as a PNG or JPEG image.");
  const { width, height } = header;
  if (width < 1 || height < 1) refuse("The image has no pixels.");
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
  let decoded: Pixels;
  try {
    decoded = header.format === "png"
      ? await png.decode(bytes.slice().buffer)
      : await jpeg.decode(bytes.slice().buffer);
  } catch {
    refuse("The image is damaged and could not be read. Upload another file.");
  }
  if (decoded.width !== width || decoded.height !== height) {
    refuse("The image is damaged and could not be read. Upload another file.");
  }
  return await picturePixels(upright(decoded, header.orientation));
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

function toImageData(pixels: Pixels): ImageData {
  return pixels instanceof ImageData
    ? pixels
    : new ImageData(new Uint8ClampedArray(pixels.data), pixels.width);
}

async function resize(
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

/** The settings of services/images' codecs (see its codecs.ts). */
async function encode(
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

/**
 * `image` turned as its EXIF orientation asks (5–8 swap width and height)
 * and flattened onto white (a JPEG has no transparency).
 */
export function upright(image: Pixels, orientation: number): Pixels {
  const swap = orientation >= 5 && orientation <= 8;
  const width = swap ? image.height : image.width;
  const height = swap ? image.width : image.height;
  const lastX = image.width - 1;
  const lastY = image.height - 1;
  // Where display pixel (x, y) is stored, per orientation.
  const sourceOf: (x: number, y: number) => [number, number] = {
    2: (x: number, y: number) => [lastX - x, y],
    3: (x: number, y: number) => [lastX - x, lastY - y],
    4: (x: number, y: number) => [x, lastY - y],
    5: (x: number, y: number) => [y, x],
    6: (x: number, y: number) => [y, lastY - x],
    7: (x: number, y: number) => [lastX - y, lastY - x],
    8: (x: number, y: number) => [lastX - y, x],
  }[orientation] as ((x: number, y: number) => [number, number]) ??
    ((x: number, y: number) => [x, y]);
  const out = new Uint8ClampedArray(width * height * 4);
  const src = image.data;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = sourceOf(x, y);
      const from = (sy * image.width + sx) * 4;
      const to = (y * width + x) * 4;
      const alpha = src[from + 3];
      const white = 255 * (255 - alpha);
      out[to] = (src[from] * alpha + white) / 255;
      out[to + 1] = (src[from + 1] * alpha + white) / 255;
      out[to + 2] = (src[from + 2] * alpha + white) / 255;
      out[to + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** The centred part of `image` with proportions `ratio` (width / height). */
function coverCrop(image: Pixels, ratio: number): Pixels {
  const width = Math.min(image.width, Math.round(image.height * ratio));
  const height = Math.min(image.height, Math.round(image.width / ratio));
  const left = (image.width - width) >> 1;
  const top = (image.height - height) >> 1;
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((top + y) * image.width + left) * 4;
    out.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data: out };
}

/** 32 hex digits of the SHA-256 of every variant's own SHA-256. */
async function contentHash(variants: PictureVariant[]): Promise<string> {
  const hashes = await Promise.all(
    variants.map((v) => crypto.subtle.digest("SHA-256", v.bytes.slice())),
  );
  const all = new Uint8Array(hashes.length * 32);
  hashes.forEach((hash, i) => all.set(new Uint8Array(hash), i * 32));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  return [...digest.slice(0, 16)]
    .map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * How processed blog images are named, in URLs and in the file store. The
 * name says everything a page needs to show the image responsively (its
 * hash, its largest width and height, hence every width stored), so the
 * Markdown renderer builds `srcset`, `width` and `height` from the URL
 * alone, without reading the database.
 *
 *   base                  <hash>-<width>x<height>   (hash: 32 hex digits)
 * Public names, served at /blog/images/<name> and cached for a year:
 *   <base>.jpg            the largest JPEG: what the Markdown links to, so
 *                         the post shows the picture in any reader
 *   <base>-<w>.<format>   one width in avif, webp or jpg
 *   <base>-share.jpg      1200×630, for link previews
 * File store keys:
 *   blog/images/<base>/<w>.<format>
 *   blog/images/<base>/share.jpg
 * Images uploaded before processing are single files named
 * `<hash>.<png|jpg|webp>` at blog/images/<name>, still served as they are.
 */
import {
  CONTENT_TYPES,
  OUTPUT_FORMATS,
  type OutputFormat,
} from "@/services/images/mod.ts";

/**
 * Widths stored, capped at the picture's own: the text column is at most
 * 704 CSS px wide (the narrow container), so 480 serves phones at 1x, 720
 * a desktop at 1x or a phone at 2x, 1080 and 1440 the sharper screens.
 */
export const BLOG_WIDTHS = [480, 720, 1080, 1440] as const;
export const MAX_BLOG_WIDTH = BLOG_WIDTHS[BLOG_WIDTHS.length - 1];
export const BLOG_SHARE_WIDTH = 1200;
export const BLOG_SHARE_HEIGHT = 630;

/** How wide the post's text column is on each screen (see Container). */
export const BLOG_IMAGE_SIZES =
  "(min-width: 1024px) 704px, (min-width: 640px) min(calc(100vw - 3rem), 720px), calc(100vw - 2rem)";

/** The widths stored for a picture whose largest variant is `largest` wide. */
export function blogWidthsFor(largest: number): number[] {
  return [...BLOG_WIDTHS.filter((width) => width < largest), largest];
}

export function blogImageBase(hash: string, width: number, height: number) {
  return `${hash}-${width}x${height}`;
}

const BASE = /^([0-9a-f]{32})-([1-9]\d{0,4})x([1-9]\d{0,4})$/;
const LEGACY_NAME = /^[0-9a-f]{32}\.(png|jpg|webp)$/;

export interface BlogImageBase {
  base: string;
  width: number;
  height: number;
}

/** The base `<hash>-<w>x<h>` as its parts, or null when it is none. */
export function parseBlogImageBase(base: string): BlogImageBase | null {
  const match = BASE.exec(base);
  if (!match) return null;
  const width = Number(match[2]);
  const height = Number(match[3]);
  return width <= MAX_BLOG_WIDTH ? { base, width, height } : null;
}

/** The file store key of a processed image's variant. */
export function blogVariantKey(
  base: string,
  width: number | "share",
  format: OutputFormat,
): string {
  return `blog/images/${base}/${width}.${format}`;
}

/** Every key a processed image occupies. */
export function blogImageKeys(image: BlogImageBase): string[] {
  return [
    ...blogWidthsFor(image.width).flatMap((width) =>
      OUTPUT_FORMATS.map((format) => blogVariantKey(image.base, width, format))
    ),
    blogVariantKey(image.base, "share", "jpg"),
  ];
}

/**
 * The file store key a public name stands for (a processed variant or an
 * image stored before processing), or null when it names nothing.
 */
export function blogImageKeyOf(name: string): string | null {
  if (LEGACY_NAME.test(name)) return `blog/images/${name}`;
  const match = /^(.+?)(?:-(\d+|share))?\.([a-z]+)$/.exec(name);
  if (!match) return null;
  const [, baseName, variant, extension] = match;
  const image = parseBlogImageBase(baseName);
  const format = extension as OutputFormat;
  if (!image || !OUTPUT_FORMATS.includes(format)) return null;
  if (variant === undefined) {
    return format === "jpg"
      ? blogVariantKey(image.base, image.width, "jpg")
      : null;
  }
  if (variant === "share") {
    return format === "jpg" ? blogVariantKey(image.base, "share", "jpg") : null;
  }
  const width = Number(variant);
  return blogWidthsFor(image.width).includes(width)
    ? blogVariantKey(image.base, width, format)
    : null;
}

/** Where the blog shows a processed image (the URL its Markdown uses). */
export function blogImageUrl(base: string): string {
  return `/blog/images/${base}.jpg`;
}

/** The URL of the share crop of the image whose URL is `url`, or null. */
export function blogShareImageUrl(url: string): string | null {
  const image = processedImageAt(url);
  return image ? `/blog/images/${image.base}-share.jpg` : null;
}

/** The processed image a post's image URL points at, or null. */
export function processedImageAt(url: string): BlogImageBase | null {
  const match = /^\/blog\/images\/([^/?#]+)\.jpg$/.exec(url);
  return match ? parseBlogImageBase(match[1]) : null;
}

export interface ResponsiveImage {
  width: number;
  height: number;
  /** The JPEG for browsers that read neither `<source>`. */
  src: string;
  /** `srcset` per content type, best format first; JPEG last. */
  srcsets: { type: string; srcset: string }[];
}

/** What a page needs to show the processed image at `url`, or null. */
export function responsiveImage(url: string): ResponsiveImage | null {
  const image = processedImageAt(url);
  if (!image) return null;
  const widths = blogWidthsFor(image.width);
  const variantUrl = (width: number, format: OutputFormat) =>
    `/blog/images/${image.base}-${width}.${format}`;
  // The width a desktop at 1x asks for, or the largest there is.
  const fallback = widths.find((width) => width >= 720) ?? image.width;
  return {
    width: image.width,
    height: image.height,
    src: variantUrl(fallback, "jpg"),
    srcsets: OUTPUT_FORMATS.map((format) => ({
      type: CONTENT_TYPES[format],
      srcset: widths.map((width) => `${variantUrl(width, format)} ${width}w`)
        .join(", "),
    })),
  };
}

/**
 * The URLs a page needs to show a processed image responsively: one
 * `srcset` per format, best format first, for the widths a slot can use.
 */
import { OUTPUT_FORMATS, type OutputFormat } from "./codecs.ts";
import { CONTENT_TYPES } from "./codecs.ts";
import {
  IMAGE_WIDTHS,
  type ImageWidth,
  isProcessedImageId,
} from "./process.ts";
import { variantName } from "./variants.ts";

export interface ImageSources {
  /** `<source>`s for the modern formats, best first. */
  sources: { type: string; srcset: string }[];
  /** The JPEG fallback for `<img>`: `src` and its `srcset`. */
  src: string;
  srcset: string;
}

/**
 * Sources for the processed image served at `url` (its last path segment is
 * the id `processImage` made), using the stored widths from `minWidth` to
 * `maxWidth`; null when `url` is not a processed image (an older single
 * upload or an outside address), which is then shown as it is.
 */
export function imageSources(
  url: string,
  { minWidth, maxWidth }: { minWidth: number; maxWidth: number },
): ImageSources | null {
  const id = url.slice(url.lastIndexOf("/") + 1);
  if (!url.startsWith("/") || !isProcessedImageId(id)) return null;
  const widths = IMAGE_WIDTHS.filter((width) =>
    width >= minWidth && width <= maxWidth
  );
  const srcsetOf = (format: OutputFormat) =>
    widths.map((width) => `${variantUrl(url, width, format)} ${width}w`)
      .join(", ");
  return {
    sources: OUTPUT_FORMATS.filter((format) => format !== "jpg").map((
      format,
    ) => ({ type: CONTENT_TYPES[format], srcset: srcsetOf(format) })),
    src: variantUrl(url, widths[widths.length - 1], "jpg"),
    srcset: srcsetOf("jpg"),
  };
}

function variantUrl(url: string, width: ImageWidth, format: OutputFormat) {
  return `${url}/${variantName(width, format)}`;
}

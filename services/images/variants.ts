/**
 * Processed images in the FileStore, and the names their variants go by in
 * URLs.
 *
 * FileStore keys, for an image stored under `<base>` (a feature's key,
 * e.g. `experts/<userId>/photos/<imageId>`)
 *   <base>                      the 640 px JPEG: any client can show it,
 *                               and a feature checking "is there a file at
 *                               <base>" needs nothing new
 *   <base>/<width>.<format>     every other variant, e.g. `<base>/96.avif`
 *
 * A variant's URL is the image's URL plus `/<width>.<format>`.
 */
import { type FileStore, releaseStorage } from "@/services/storage/mod.ts";
import { CONTENT_TYPES, OUTPUT_FORMATS, type OutputFormat } from "./codecs.ts";
import {
  IMAGE_WIDTHS,
  type ImageWidth,
  type ProcessedImage,
} from "./process.ts";

/** The variant kept at the base key itself. */
const BASE_VARIANT = { width: 640, format: "jpg" } as const;

/** A variant's name in keys and URLs: `<width>.<format>`. */
export function variantName(width: ImageWidth, format: OutputFormat): string {
  return `${width}.${format}`;
}

/** The width and format a variant name stands for, or null when it is none. */
export function parseVariantName(
  name: string,
): { width: ImageWidth; format: OutputFormat; contentType: string } | null {
  const match = /^(\d+)\.([a-z]+)$/.exec(name);
  if (!match) return null;
  const width = Number(match[1]) as ImageWidth;
  const format = match[2] as OutputFormat;
  if (!IMAGE_WIDTHS.includes(width) || !OUTPUT_FORMATS.includes(format)) {
    return null;
  }
  return { width, format, contentType: CONTENT_TYPES[format] };
}

/** The FileStore key of one variant of the image at `base`. */
export function variantKey(
  base: string,
  width: ImageWidth,
  format: OutputFormat,
): string {
  return width === BASE_VARIANT.width && format === BASE_VARIANT.format
    ? base
    : `${base}/${variantName(width, format)}`;
}

/** Every key the image at `base` may occupy. */
export function imageKeys(base: string): string[] {
  return IMAGE_WIDTHS.flatMap((width) =>
    OUTPUT_FORMATS.map((format) => variantKey(base, width, format))
  );
}

/**
 * Stores every variant of `image` under `base`. When one write fails the
 * ones already written are deleted, so no half image is left.
 */
export async function storeImage(
  store: FileStore,
  base: string,
  image: ProcessedImage,
): Promise<void> {
  try {
    for (const variant of image.variants) {
      await store.put(
        variantKey(base, variant.width, variant.format),
        variant.bytes,
        { contentType: variant.contentType, size: variant.bytes.length },
      );
    }
  } catch (error) {
    await deleteImage(store, base);
    throw error;
  }
}

/**
 * Deletes every variant of the image at `base` (also a single file stored
 * there before images were processed). Returns the bytes freed.
 */
export async function deleteImage(
  store: FileStore,
  base: string,
): Promise<number> {
  let freed = 0;
  for (const key of imageKeys(base)) {
    const file = await store.head(key);
    if (!file) continue;
    await store.delete(key);
    freed += file.size;
  }
  return freed;
}

/**
 * Deletes the image at `base` and gives its bytes back to `ownerId`'s
 * storage quota.
 */
export async function deleteOwnedImage(
  kv: Deno.Kv,
  store: FileStore,
  ownerId: string,
  base: string,
): Promise<void> {
  const freed = await deleteImage(store, base);
  if (freed > 0) await releaseStorage(kv, ownerId, freed);
}

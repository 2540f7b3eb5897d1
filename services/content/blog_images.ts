/**
 * Images for blog posts: uploaded by admins (PNG, JPEG or WebP up to 5 MB, the
 * type read from the bytes), processed (blog_picture.ts: metadata stripped,
 * sized for the text column and for link previews, AVIF/WebP/JPEG), kept
 * in the file store and served publicly at /blog/images/<name>. Names
 * follow the content (blog_image_names.ts), so every URL can be cached for
 * a year and the same picture uploaded twice is stored once. The editor
 * page's form and the API's upload both come here.
 *
 * Storage keys: see blog_image_names.ts.
 * KV keys
 *   ["blog_images", name] → BlogImage   who uploaded it and when (name: the
 *                                       base of a processed image, or the
 *                                       file name of one stored before)
 */
import {
  addSecurityEvent,
  type RequestMeta,
} from "@/services/platform/audit.ts";
import { IMAGE_UPLOAD_TYPES } from "@/services/images/mod.ts";
import { now } from "@/services/platform/clock.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import {
  acceptUpload,
  type FileStore,
  getFileStore,
  type StoredFile,
} from "@/services/storage/mod.ts";
import {
  blogImageKeyOf,
  blogImageKeys,
  blogImageUrl,
  blogVariantKey,
} from "./blog_image_names.ts";
import { type ProcessedPicture, processPicture } from "./blog_picture.ts";

export const BLOG_IMAGE_TYPES = IMAGE_UPLOAD_TYPES;
export const MAX_BLOG_IMAGE_BYTES = 5 * 1024 * 1024;

/** What is known about an uploaded image. */
export interface BlogImage {
  name: string;
  /** Where the public blog shows it (the largest JPEG). */
  url: string;
  contentType: string;
  /** Bytes of every stored variant together. */
  size: number;
  /** The largest variant's size. */
  width: number;
  height: number;
  /** The uploaded file's own name, for the admin. */
  originalName: string;
  uploadedBy: string;
  uploadedAt: string;
}

/**
 * Processes and stores an admin's image and returns where posts can show
 * it. A file that is not a real PNG, JPEG or WebP (whatever its name says),
 * empty, larger than 5 MB or of too many pixels is a ValidationError on
 * `file`, and nothing is stored.
 */
export async function uploadBlogImage(
  kv: Deno.Kv,
  adminId: string,
  file: Blob & { name?: string },
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<BlogImage> {
  const accepted = await acceptUpload(file, {
    allowed: BLOG_IMAGE_TYPES,
    maxBytes: MAX_BLOG_IMAGE_BYTES,
  });
  const picture = await processPicture(
    new Uint8Array(await file.arrayBuffer()),
  );
  return await storeProcessedImage(kv, picture, {
    originalName: accepted.name,
    uploadedBy: adminId,
  }, meta);
}

/**
 * Stores a processed picture and its record (the audit event too, when
 * `meta` says who asked). The same picture again is already stored under
 * the same names, and is left as it is.
 */
export async function storeProcessedImage(
  kv: Deno.Kv,
  picture: ProcessedPicture,
  from: { originalName: string; uploadedBy: string },
  meta: Pick<RequestMeta, "ip" | "userAgent"> | null,
): Promise<BlogImage> {
  const image: BlogImage = {
    name: picture.base,
    url: blogImageUrl(picture.base),
    contentType: "image/jpeg",
    size: picture.size,
    width: picture.width,
    height: picture.height,
    ...from,
    uploadedAt: now().toISOString(),
  };
  const store = getFileStore(kv);
  const key = ["blog_images", picture.base];
  if ((await kv.get<BlogImage>(key)).value) return image;
  await storePicture(store, picture);
  const op = kv.atomic().set(key, image);
  if (meta) {
    addSecurityEvent(op, {
      type: "blog_image_uploaded",
      actorId: from.uploadedBy,
      userId: null,
      details: { name: picture.base, originalName: from.originalName },
    }, meta);
  }
  try {
    await withLockRetry(() => op.commit());
  } catch (error) {
    await deletePicture(store, picture);
    throw error;
  }
  return image;
}

/** Writes every variant; when one write fails, removes those written. */
async function storePicture(store: FileStore, picture: ProcessedPicture) {
  try {
    for (const variant of picture.variants) {
      await store.put(
        blogVariantKey(picture.base, variant.width, variant.format),
        variant.bytes,
        { contentType: variant.contentType, size: variant.bytes.length },
      );
    }
  } catch (error) {
    await deletePicture(store, picture);
    throw error;
  }
}

async function deletePicture(store: FileStore, picture: ProcessedPicture) {
  for (const key of blogImageKeys(picture)) {
    await store.delete(key).catch(() => {});
  }
}

/** The stored image called `name` (any public name) and its contents, or null. */
export async function getBlogImage(
  kv: Deno.Kv,
  name: string,
): Promise<{ file: StoredFile; body: ReadableStream<Uint8Array> } | null> {
  const key = blogImageKeyOf(name);
  return key ? await getFileStore(kv).get(key) : null;
}

/** Markdown for an image: brackets in the description would end it early. */
export function blogImageMarkdown(alt: string, url: string): string {
  const text = alt.replace(/[\[\]\n\r]/g, " ").replace(/\s+/g, " ").trim()
    .slice(0, 200);
  return `![${text}](${url})`;
}

/**
 * The editor's "upload and insert" without scripts: processes the chosen
 * file and adds its Markdown at the end of the post being written (the
 * post itself is saved only when the admin saves). ValidationError on
 * `file` when no file was chosen or it is refused.
 */
export async function addImageToPost(
  kv: Deno.Kv,
  adminId: string,
  input: { file: unknown; alt: string; bodyMarkdown: string },
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<{ image: BlogImage; bodyMarkdown: string }> {
  const { file } = input;
  if (!(file instanceof Blob) || (file.size === 0 && !fileName(file))) {
    const message = "Choose an image to upload.";
    throw new ValidationError(message, { file: [message] });
  }
  const image = await uploadBlogImage(kv, adminId, file, meta);
  const body = input.bodyMarkdown.replace(/\s+$/, "");
  const markdown = blogImageMarkdown(input.alt, image.url);
  return {
    image,
    bodyMarkdown: body ? `${body}\n\n${markdown}\n` : `${markdown}\n`,
  };
}

function fileName(file: Blob): string {
  return file instanceof File ? file.name : "";
}

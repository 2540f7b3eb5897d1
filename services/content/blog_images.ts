/**
 * Images for blog posts: uploaded by admins, checked from their bytes
 * (PNG, JPEG or WebP, at most 5 MB), kept in the file store and served
 * publicly at /blog/images/<name>. The name is the content's SHA-256
 * (truncated) plus the real type's extension, so a URL always shows the
 * same picture and can be cached for a year, and uploading the same image
 * twice stores it once.
 *
 * Storage keys
 *   blog/images/<hash>.<ext>     the file (services/storage)
 * KV keys
 *   ["blog_images", name] → BlogImage   who uploaded it and when
 */
import {
  addSecurityEvent,
  type RequestMeta,
} from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import {
  acceptUpload,
  getFileStore,
  type StoredFile,
} from "@/services/storage/mod.ts";

export const BLOG_IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];
export const MAX_BLOG_IMAGE_BYTES = 5 * 1024 * 1024;

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
};
const NAME_PATTERN = /^[0-9a-f]{32}\.(png|jpg|webp)$/;

/** What is known about an uploaded image. */
export interface BlogImage {
  name: string;
  /** Where the public blog shows it. */
  url: string;
  contentType: string;
  size: number;
  /** The uploaded file's own name, for the admin. */
  originalName: string;
  uploadedBy: string;
  uploadedAt: string;
}

const storageKey = (name: string) => `blog/images/${name}`;

async function hashName(bytes: Uint8Array, contentType: string) {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>),
  );
  const hex = [...digest.slice(0, 16)]
    .map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex}.${EXTENSIONS[contentType]}`;
}

/**
 * Stores an admin's image and returns where posts can show it. A file that
 * is not a real PNG, JPEG or WebP (whatever its name says), empty or too
 * large is a ValidationError on `file`.
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
  const bytes = new Uint8Array(await file.arrayBuffer());
  const name = await hashName(bytes, accepted.contentType);
  await getFileStore(kv).put(storageKey(name), bytes, {
    contentType: accepted.contentType,
    size: bytes.byteLength,
  });
  const image: BlogImage = {
    name,
    url: `/blog/images/${name}`,
    contentType: accepted.contentType,
    size: bytes.byteLength,
    originalName: accepted.name,
    uploadedBy: adminId,
    uploadedAt: now().toISOString(),
  };
  const op = kv.atomic().set(["blog_images", name], image);
  addSecurityEvent(op, {
    type: "blog_image_uploaded",
    actorId: adminId,
    userId: null,
    details: { name, originalName: accepted.name },
  }, meta);
  await withLockRetry(() => op.commit());
  return image;
}

/** The stored image called `name` and its contents, or null. */
export async function getBlogImage(
  kv: Deno.Kv,
  name: string,
): Promise<{ file: StoredFile; body: ReadableStream<Uint8Array> } | null> {
  if (!NAME_PATTERN.test(name)) return null;
  return await getFileStore(kv).get(storageKey(name));
}

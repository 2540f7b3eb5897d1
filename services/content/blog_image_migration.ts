/**
 * The start-up step that brings images uploaded before processing into
 * today's form: each PNG or JPEG a post links to at
 * `/blog/images/<hash>.<png|jpg>` is processed like a new upload (metadata
 * stripped, variants stored) and the post's Markdown is pointed at the
 * processed image, so it is shown with srcset, width and height. The old
 * file stays where it was, still served, for any copy of the post
 * elsewhere (feed readers, caches).
 *
 * Idempotent: a migrated post links to no old name, so a second run only
 * reads the posts. A post changed by an admin meanwhile (its versionstamp
 * moved) is left for the next start. An old image that cannot be
 * processed (a WebP, which the pipeline does not read, or a damaged file)
 * is reported and its link kept as it is.
 */
import type { MigrationResult } from "@/services/platform/startup.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import { stagePublicChange } from "@/services/platform/public_version.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import { POST_PREFIX, type PostRecord } from "./blog.ts";
import { blogImageKeyOf, blogImageUrl } from "./blog_image_names.ts";
import { type BlogImage, storeProcessedImage } from "./blog_images.ts";
import { processPicture } from "./blog_picture.ts";

const OLD_LINK = /\/blog\/images\/([0-9a-f]{32}\.(?:png|jpg|webp))/g;

/** Who the audit and the image record name as uploader. */
const MIGRATION_ACTOR = "migration";

export async function migrateBlogImages(
  kv: Deno.Kv,
): Promise<MigrationResult> {
  const unresolved: MigrationResult["unresolved"] = [];
  /** Old name → new URL (null: cannot be processed). */
  const done = new Map<string, string | null>();
  let migrated = 0;
  for await (
    const entry of kv.list<PostRecord>({ prefix: [...POST_PREFIX] })
  ) {
    const body = entry.value.bodyMarkdown;
    const names = new Set([...body.matchAll(OLD_LINK)].map((m) => m[1]));
    let updated = body;
    for (const name of names) {
      if (!done.has(name)) {
        const result = await processOldImage(kv, name);
        done.set(name, typeof result === "string" ? result : null);
        if (typeof result !== "string") {
          unresolved.push({ id: `/blog/images/${name}`, ...result });
        }
      }
      const url = done.get(name);
      if (url) updated = updated.replaceAll(`/blog/images/${name}`, url);
    }
    if (updated === body) continue;
    const op = kv.atomic().check(entry)
      .set(entry.key, { ...entry.value, bodyMarkdown: updated });
    stagePublicChange(op);
    const { ok } = await withLockRetry(() => op.commit());
    if (ok) migrated++;
  }
  return { migrated, unresolved };
}

/** The processed image's URL, or why the old file could not be processed. */
async function processOldImage(
  kv: Deno.Kv,
  name: string,
): Promise<string | { reason: string }> {
  const key = blogImageKeyOf(name);
  const found = key ? await getFileStore(kv).get(key) : null;
  if (!found) return { reason: "the file is missing" };
  const bytes = new Uint8Array(await new Response(found.body).arrayBuffer());
  let picture;
  try {
    picture = await processPicture(bytes);
  } catch (error) {
    return {
      reason: error instanceof Error ? error.message : String(error),
    };
  }
  const old = (await kv.get<BlogImage>(["blog_images", name])).value;
  await storeProcessedImage(kv, picture, {
    originalName: old?.originalName ?? name,
    uploadedBy: old?.uploadedBy ?? MIGRATION_ACTOR,
  }, null);
  return blogImageUrl(picture.base);
}

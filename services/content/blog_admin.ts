/**
 * Writing the blog from the admin: drafts and published posts, edits,
 * deletion, and the migration that brings older records to today's shape.
 * Keys are blog.ts's; each change is one atomic that checks what it read,
 * writes the post and its date index, records an audit event and stages a
 * public change (so cached blog pages, the feed and the sitemap refresh).
 *
 * Slug rules: lowercase letters, digits and single hyphens, unique. A
 * post's address is fixed once it has been published (links to it exist);
 * until then the slug may change.
 */
import { z } from "zod";
import {
  addSecurityEvent,
  type RequestMeta,
} from "@/services/platform/audit.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import { now } from "@/services/platform/clock.ts";
import { stagePublicChange } from "@/services/platform/public_version.ts";
import type { MigrationResult } from "@/services/platform/startup.ts";
import {
  blogPostSchema,
  POST_PREFIX,
  POST_STATUSES,
  postDateKey,
  postKey,
  type PostRecord,
  readingMinutesFor,
  toPostRecord,
} from "./blog.ts";

type Meta = Pick<RequestMeta, "ip" | "userAgent">;

/** What an admin writes; the rest (dates, reading time) is worked out. */
export const postDraftSchema = z.object({
  // /admin/blog/new is the editor for a new post.
  slug: blogPostSchema.shape.slug.refine(
    (slug) => slug !== "new",
    'The slug "new" is reserved; choose another.',
  ),
  title: blogPostSchema.shape.title,
  excerpt: blogPostSchema.shape.excerpt,
  bodyMarkdown: blogPostSchema.shape.bodyMarkdown,
  author: blogPostSchema.shape.author,
  tags: blogPostSchema.shape.tags.default([]),
  status: z.enum(POST_STATUSES),
});
export type PostDraft = z.input<typeof postDraftSchema>;

/** The most posts the admin list reads (a blog, not a catalogue). */
const MAX_LISTED = 1000;

/** Every post, drafts included, most recently changed first. */
export async function listAllPosts(kv: Deno.Kv): Promise<PostRecord[]> {
  const posts: PostRecord[] = [];
  for await (
    const entry of kv.list<PostRecord>({ prefix: [...POST_PREFIX] }, {
      limit: MAX_LISTED,
    })
  ) posts.push(toPostRecord(entry.value));
  return posts.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

/** A post as stored, drafts included, or null. */
export async function getPostRecord(
  kv: Deno.Kv,
  slug: string,
): Promise<PostRecord | null> {
  const value = (await kv.get<PostRecord>(postKey(slug))).value;
  return value ? toPostRecord(value) : null;
}

function slugTaken(slug: string, other: PostRecord): ValidationError {
  return new ValidationError("The slug is already used.", {
    slug: [
      `/blog/${slug} is already the address of “${other.title}”${
        other.status === "draft" ? " (a draft)" : ""
      }. Choose another slug.`,
    ],
  });
}

function audit(
  op: Deno.AtomicOperation,
  type: "blog_post_created" | "blog_post_changed" | "blog_post_deleted",
  adminId: string,
  details: Record<string, string>,
  meta: Meta,
): void {
  addSecurityEvent(op, { type, actorId: adminId, userId: null, details }, meta);
}

/**
 * Adds a post as a draft or published at once. A taken slug is a
 * ValidationError on `slug` naming the post that has it.
 */
export async function createBlogPost(
  kv: Deno.Kv,
  adminId: string,
  input: PostDraft,
  meta: Meta,
): Promise<PostRecord> {
  const fields = parseInput(postDraftSchema, input, "The post is invalid.");
  const at = now().toISOString();
  const post: PostRecord = {
    ...fields,
    readingMinutes: readingMinutesFor(fields.bodyMarkdown),
    createdAt: at,
    updatedAt: at,
    ...(fields.status === "published" ? { publishedAt: at } : {}),
  };
  const key = postKey(post.slug);
  const op = kv.atomic().check({ key, versionstamp: null }).set(key, post);
  if (post.publishedAt) {
    op.set(postDateKey(post.publishedAt, post.slug), post.slug);
  }
  stagePublicChange(op);
  audit(op, "blog_post_created", adminId, {
    slug: post.slug,
    status: post.status,
  }, meta);
  if (!(await withLockRetry(() => op.commit())).ok) {
    const other = await getPostRecord(kv, post.slug);
    if (other) throw slugTaken(post.slug, other);
    throw new ConflictError("The post could not be saved; try again.");
  }
  return post;
}

/**
 * Saves an admin's edit of `slug`. `basedOn` (the `updatedAt` the editor
 * opened) guards against silently overwriting someone else's save.
 * Publishing stamps `publishedAt` the first time; going back to draft takes
 * the post off the blog (its date is kept for when it returns).
 */
export async function updateBlogPost(
  kv: Deno.Kv,
  adminId: string,
  slug: string,
  input: PostDraft,
  meta: Meta,
  basedOn?: string,
): Promise<PostRecord> {
  const fields = parseInput(postDraftSchema, input, "The post is invalid.");
  const entry = await kv.get<PostRecord>(postKey(slug));
  if (!entry.value) {
    throw new NotFoundError("There is no post at this address.");
  }
  const before = toPostRecord(entry.value);
  if (basedOn && basedOn !== before.updatedAt) {
    throw new ConflictError(
      "Someone saved this post after you opened it. Open it again to see their changes, then make yours.",
    );
  }
  const moving = fields.slug !== slug;
  if (moving && before.publishedAt) {
    throw new ValidationError("The slug cannot change.", {
      slug: [
        `This post has been published at /blog/${slug}, and links to it would break. Keep the slug "${slug}".`,
      ],
    });
  }
  const at = now().toISOString();
  const publishedAt = fields.status === "published"
    ? before.publishedAt ?? at
    : before.publishedAt;
  const post: PostRecord = {
    ...fields,
    readingMinutes: readingMinutesFor(fields.bodyMarkdown),
    createdAt: before.createdAt,
    updatedAt: at,
    ...(publishedAt ? { publishedAt } : {}),
  };
  const op = kv.atomic().check(entry);
  if (moving) {
    op.check({ key: postKey(post.slug), versionstamp: null })
      .delete(entry.key);
  }
  op.set(postKey(post.slug), post);
  const oldIndex = before.status === "published" && before.publishedAt
    ? postDateKey(before.publishedAt, slug)
    : null;
  const newIndex = post.status === "published" && post.publishedAt
    ? postDateKey(post.publishedAt, post.slug)
    : null;
  if (oldIndex && String(oldIndex) !== String(newIndex)) op.delete(oldIndex);
  if (newIndex) op.set(newIndex, post.slug);
  stagePublicChange(op);
  const details: Record<string, string> = { slug: post.slug };
  if (moving) details.previousSlug = slug;
  if (before.status !== post.status) {
    details.status = `${before.status} → ${post.status}`;
  }
  audit(op, "blog_post_changed", adminId, details, meta);
  if (!(await withLockRetry(() => op.commit())).ok) {
    const other = moving ? await getPostRecord(kv, post.slug) : null;
    if (other) throw slugTaken(post.slug, other);
    throw new ConflictError(
      "The post changed while you were saving. Open it again and retry.",
    );
  }
  return post;
}

/** Deletes a post (and takes it off the blog). */
export async function deleteBlogPost(
  kv: Deno.Kv,
  adminId: string,
  slug: string,
  meta: Meta,
): Promise<void> {
  const entry = await kv.get<PostRecord>(postKey(slug));
  if (!entry.value) {
    throw new NotFoundError("There is no post at this address.");
  }
  const post = toPostRecord(entry.value);
  const op = kv.atomic().check(entry).delete(entry.key);
  if (post.publishedAt) op.delete(postDateKey(post.publishedAt, slug));
  stagePublicChange(op);
  audit(op, "blog_post_deleted", adminId, { slug, title: post.title }, meta);
  if (!(await withLockRetry(() => op.commit())).ok) {
    throw new ConflictError("The post changed meanwhile; try again.");
  }
}

/**
 * Start-up migration: posts stored before drafts existed get their
 * status ("published") and created/updated times. Idempotent.
 */
export async function migrateBlogPosts(kv: Deno.Kv): Promise<MigrationResult> {
  let migrated = 0;
  for await (
    const entry of kv.list<Partial<PostRecord>>({ prefix: [...POST_PREFIX] })
  ) {
    if (entry.value.status && entry.value.updatedAt) continue;
    const record = toPostRecord(entry.value as PostRecord);
    const { ok } = await withLockRetry(() =>
      kv.atomic().check(entry).set(entry.key, record).commit()
    );
    if (ok) migrated++;
  }
  return { migrated, unresolved: [] };
}

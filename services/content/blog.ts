/**
 * Blog posts, written in Markdown and rendered to sanitized HTML.
 *
 * KV keys
 *   ["posts", slug]                      → PostRecord   slug unique; drafts too
 *   ["posts_by_date", publishedAt, slug] → slug         published posts only,
 *                                                      newest-first listing
 *
 * A post and its index entry are written in one atomic(), guarded by a
 * check on the post's key. Listing walks the date index backwards with
 * KV's own cursor, so drafts (never indexed) are never listed publicly,
 * and `getPost` hides them too. Admins write posts through blog_admin.ts.
 * Records written before drafts existed have no `status`: they are
 * published (`toPostRecord`; the "blog post shape" migration fills it in).
 * Posts are rendered to HTML by markdown.ts.
 */
import { z } from "zod";
import { ConflictError, parseInput } from "@/services/platform/errors.ts";
import { getManyInBatches, withLockRetry } from "@/services/platform/kv.ts";
import { listNewestFirst } from "@/services/platform/paging.ts";
import { stagePublicChange } from "@/services/platform/public_version.ts";

export const POST_PREFIX = ["posts"] as const;
export const POSTS_BY_DATE_PREFIX = ["posts_by_date"] as const;

const WORDS_PER_MINUTE = 200;

export const blogPostSchema = z.object({
  slug: z.string().trim().toLowerCase().regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    "Use lowercase letters, digits and single hyphens.",
  ).max(100),
  title: z.string().trim().min(1).max(150),
  excerpt: z.string().trim().min(1).max(400),
  bodyMarkdown: z.string().trim().min(1).max(50_000),
  author: z.string().trim().min(1).max(100),
  tags: z.array(z.string().trim().toLowerCase().min(1).max(30)).max(10),
  publishedAt: z.iso.datetime(),
  readingMinutes: z.number().int().min(1),
});

export type BlogPost = z.infer<typeof blogPostSchema>;

export const POST_STATUSES = ["draft", "published"] as const;
export type PostStatus = typeof POST_STATUSES[number];

/** A post as stored: a draft has no `publishedAt` until first published. */
export const postRecordSchema = blogPostSchema.extend({
  status: z.enum(POST_STATUSES),
  publishedAt: blogPostSchema.shape.publishedAt.optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type PostRecord = z.infer<typeof postRecordSchema>;

/** A stored value in today's shape (older records are published posts). */
export function toPostRecord(
  value: BlogPost | PostRecord,
): PostRecord {
  const stored = value as Partial<PostRecord> & BlogPost;
  return {
    ...stored,
    status: stored.status ?? "published",
    createdAt: stored.createdAt ?? stored.publishedAt,
    updatedAt: stored.updatedAt ?? stored.publishedAt,
  };
}

/** The record's public form, or null while it is a draft. */
export function publishedPost(record: PostRecord): BlogPost | null {
  if (record.status !== "published" || !record.publishedAt) return null;
  const { status: _s, createdAt: _c, updatedAt: _u, ...post } = record;
  return { ...post, publishedAt: record.publishedAt };
}

export const blogPostInputSchema = blogPostSchema.extend({
  tags: blogPostSchema.shape.tags.default([]),
  publishedAt: blogPostSchema.shape.publishedAt.optional(),
  readingMinutes: blogPostSchema.shape.readingMinutes.optional(),
});

export type BlogPostInput = z.input<typeof blogPostInputSchema>;

export function postKey(slug: string): Deno.KvKey {
  return [...POST_PREFIX, slug];
}

/** Minutes to read `markdown` at 200 words a minute, at least 1. */
export function readingMinutesFor(markdown: string): number {
  const words = markdown.split(/\s+/).filter((word) => /\w/.test(word)).length;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/** Validates a post, filling `publishedAt` (now) and `readingMinutes`. */
export function preparePost(input: BlogPostInput): BlogPost {
  const fields = parseInput(
    blogPostInputSchema,
    input,
    "The blog post is invalid.",
  );
  return {
    ...fields,
    publishedAt: fields.publishedAt ?? new Date().toISOString(),
    readingMinutes: fields.readingMinutes ??
      readingMinutesFor(fields.bodyMarkdown),
  };
}

/** The date index entry of a published post. */
export function postDateKey(publishedAt: string, slug: string): Deno.KvKey {
  return [...POSTS_BY_DATE_PREFIX, publishedAt, slug];
}

/** Adds a new published post and its date index entry to an atomic operation. */
export function stagePostWrite(
  op: Deno.AtomicOperation,
  post: BlogPost,
): Deno.AtomicOperation {
  stagePublicChange(op);
  const record: PostRecord = {
    ...post,
    status: "published",
    createdAt: post.publishedAt,
    updatedAt: post.publishedAt,
  };
  return op.check({ key: postKey(post.slug), versionstamp: null })
    .set(postKey(post.slug), record)
    .set(postDateKey(post.publishedAt, post.slug), post.slug);
}

/** Publishes a post. Throws ConflictError when the slug is taken. */
export async function createPost(
  kv: Deno.Kv,
  input: BlogPostInput,
): Promise<BlogPost> {
  const post = preparePost(input);
  const result = await withLockRetry(() =>
    stagePostWrite(kv.atomic(), post).commit()
  );
  if (!result.ok) {
    throw new ConflictError(`A post with slug "${post.slug}" already exists.`);
  }
  return post;
}

/** The published post with this slug, or null (drafts are null too). */
export async function getPost(
  kv: Deno.Kv,
  slug: string,
): Promise<BlogPost | null> {
  const value = (await kv.get<BlogPost | PostRecord>(postKey(slug))).value;
  return value ? publishedPost(toPostRecord(value)) : null;
}

/**
 * Posts, newest first, `limit` (1..100, default 10) at a time. Pass
 * `nextCursor` back as `cursor` for the next page; a malformed cursor is a
 * ValidationError.
 */
export async function listPosts(
  kv: Deno.Kv,
  opts: { cursor?: string; limit?: number } = {},
): Promise<{ posts: BlogPost[]; nextCursor: string | null }> {
  const page = await listNewestFirst<string>(kv, POSTS_BY_DATE_PREFIX, {
    cursor: opts.cursor,
    limit: opts.limit ?? 10,
  });
  const posts: BlogPost[] = [];
  const keys = page.items.map(postKey);
  for (const entry of await getManyInBatches<BlogPost>(kv, keys)) {
    const post = entry.value && publishedPost(toPostRecord(entry.value));
    if (post) posts.push(post);
  }
  return { posts, nextCursor: page.nextCursor };
}

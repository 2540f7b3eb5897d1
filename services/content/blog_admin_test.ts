import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { ConflictError, ValidationError } from "@/services/platform/errors.ts";
import { PUBLIC_VERSION_KEY } from "@/services/platform/public_version.ts";
import {
  createBlogPost,
  deleteBlogPost,
  getPost,
  getPostRecord,
  listAllPosts,
  listPosts,
  migrateBlogPosts,
  type PostDraft,
  updateBlogPost,
} from "./mod.ts";

const META = { ip: "192.0.2.1", userAgent: "test" };
const DRAFT: PostDraft = {
  slug: "first-steps",
  title: "First steps",
  excerpt: "How to start.",
  bodyMarkdown: "# Hello\n\nSome words here.",
  author: "Root Admin",
  tags: ["learning"],
  status: "draft",
};

async function publicVersion(kv: Deno.Kv) {
  return (await kv.get<Deno.KvU64>(PUBLIC_VERSION_KEY)).value?.value ?? 0n;
}

Deno.test("a draft is hidden from the blog until published; each change is audited and refreshes public pages", async () => {
  using kv = await openTestKv();
  const draft = await createBlogPost(kv, "admin1", DRAFT, META);
  expect(draft).toMatchObject({ status: "draft", readingMinutes: 1 });
  expect(draft.publishedAt).toBeUndefined();
  expect(await getPost(kv, "first-steps")).toBeNull();
  expect((await listPosts(kv)).posts).toEqual([]);
  expect((await listAllPosts(kv)).map((p) => p.slug)).toEqual(["first-steps"]);

  const version = await publicVersion(kv);
  const published = await updateBlogPost(
    kv,
    "admin1",
    "first-steps",
    {
      ...DRAFT,
      status: "published",
    },
    META,
    draft.updatedAt,
  );
  expect(await publicVersion(kv)).toBeGreaterThan(version);
  expect(published.publishedAt).toBeDefined();
  expect((await getPost(kv, "first-steps"))?.title).toBe("First steps");
  expect((await listPosts(kv)).posts.map((p) => p.slug)).toEqual([
    "first-steps",
  ]);

  // Back to draft: off the blog, its first publication date kept.
  await updateBlogPost(kv, "admin1", "first-steps", DRAFT, META);
  expect(await getPost(kv, "first-steps")).toBeNull();
  expect((await listPosts(kv)).posts).toEqual([]);
  expect((await getPostRecord(kv, "first-steps"))?.publishedAt).toBe(
    published.publishedAt,
  );

  await deleteBlogPost(kv, "admin1", "first-steps", META);
  expect(await getPostRecord(kv, "first-steps")).toBeNull();
  const { events } = await listSecurityEvents(kv, { actorId: "admin1" });
  expect(events.map((e) => e.type).reverse()).toEqual([
    "blog_post_created",
    "blog_post_changed",
    "blog_post_changed",
    "blog_post_deleted",
  ]);
  expect(events[2].details).toMatchObject({ status: "draft → published" });
});

Deno.test("slug rules: the format, taken slugs, a published post's address, stale edits", async () => {
  using kv = await openTestKv();
  for (const slug of ["Bad Slug", "double--hyphen", "new", ""]) {
    await expect(createBlogPost(kv, "a", { ...DRAFT, slug }, META)).rejects
      .toBeInstanceOf(ValidationError);
  }
  const first = await createBlogPost(kv, "a", DRAFT, META);
  const taken = await createBlogPost(kv, "a", DRAFT, META).catch((e) => e);
  expect(taken).toBeInstanceOf(ValidationError);
  expect(taken.fieldErrors.slug[0]).toContain(
    "already the address of “First steps”",
  );

  // A draft never published may move; then the old address is free.
  const moved = await updateBlogPost(
    kv,
    "a",
    "first-steps",
    {
      ...DRAFT,
      slug: "getting-started",
    },
    META,
    first.updatedAt,
  );
  expect(await getPostRecord(kv, "first-steps")).toBeNull();
  await createBlogPost(kv, "a", { ...DRAFT, title: "Other" }, META);
  const clash = await updateBlogPost(kv, "a", "getting-started", {
    ...DRAFT,
    slug: "first-steps",
  }, META).catch((e) => e);
  expect(clash.fieldErrors.slug[0]).toContain("“Other” (a draft)");

  // Someone else saved since this editor opened.
  await expect(
    updateBlogPost(
      kv,
      "a",
      "getting-started",
      DRAFT,
      META,
      "2000-01-01T00:00:00.000Z",
    ),
  ).rejects.toBeInstanceOf(ConflictError);

  await updateBlogPost(
    kv,
    "a",
    "getting-started",
    {
      ...DRAFT,
      slug: "getting-started",
      status: "published",
    },
    META,
    moved.updatedAt,
  );
  const locked = await updateBlogPost(kv, "a", "getting-started", {
    ...DRAFT,
    slug: "renamed",
    status: "published",
  }, META).catch((e) => e);
  expect(locked.fieldErrors.slug[0]).toContain("links to it would break");
});

Deno.test("posts stored before drafts existed stay published and are migrated", async () => {
  using kv = await openTestKv();
  const old = {
    slug: "old-post",
    title: "Old",
    excerpt: "Old post.",
    bodyMarkdown: "Words.",
    author: "Someone",
    tags: [],
    publishedAt: "2026-01-01T00:00:00.000Z",
    readingMinutes: 1,
  };
  await kv.atomic().set(["posts", "old-post"], old)
    .set(["posts_by_date", old.publishedAt, "old-post"], "old-post").commit();
  expect((await getPost(kv, "old-post"))?.title).toBe("Old");
  expect(await migrateBlogPosts(kv)).toEqual({ migrated: 1, unresolved: [] });
  expect(await migrateBlogPosts(kv)).toEqual({ migrated: 0, unresolved: [] });
  expect((await kv.get(["posts", "old-post"])).value).toMatchObject({
    status: "published",
    createdAt: old.publishedAt,
    updatedAt: old.publishedAt,
  });
  expect((await listPosts(kv)).posts).toHaveLength(1);
});

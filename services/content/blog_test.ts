import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { createPost, getPost, listPosts, readingMinutesFor } from "./blog.ts";
import { ConflictError, ValidationError } from "@/services/platform/errors.ts";

const post = (slug: string, publishedAt: string) => ({
  slug,
  title: `Post ${slug}`,
  excerpt: "An excerpt.",
  bodyMarkdown: "word ".repeat(450),
  author: "Tester",
  publishedAt,
});

Deno.test("a post is stored with its date index in one write", async () => {
  using kv = await openTestKv();
  const created = await createPost(
    kv,
    post("hello", "2025-01-02T03:04:05.000Z"),
  );
  expect(created.readingMinutes).toBe(2);
  expect(created.tags).toEqual([]);
  const record = await kv.get(["posts", "hello"]);
  const index = await kv.get([
    "posts_by_date",
    "2025-01-02T03:04:05.000Z",
    "hello",
  ]);
  // Stored as a published record; read back as the public post.
  expect(record.value).toEqual({
    ...created,
    status: "published",
    createdAt: created.publishedAt,
    updatedAt: created.publishedAt,
  });
  expect(index.value).toBe("hello");
  expect(index.versionstamp).toBe(record.versionstamp);
  expect(await getPost(kv, "hello")).toEqual(created);
  expect(await getPost(kv, "nope")).toBeNull();
});

Deno.test("a taken slug is a conflict and leaves no second index entry", async () => {
  using kv = await openTestKv();
  await createPost(kv, post("hello", "2025-01-01T00:00:00.000Z"));
  await expect(createPost(kv, post("hello", "2025-02-01T00:00:00.000Z")))
    .rejects.toThrow(
      ConflictError,
    );
  const index = await Array.fromAsync(kv.list({ prefix: ["posts_by_date"] }));
  expect(index).toHaveLength(1);
});

Deno.test("listPosts pages newest first", async () => {
  using kv = await openTestKv();
  for (let day = 1; day <= 5; day++) {
    await createPost(kv, post(`day-${day}`, `2025-01-0${day}T00:00:00.000Z`));
  }
  const first = await listPosts(kv, { limit: 2 });
  expect(first.posts.map((p) => p.slug)).toEqual(["day-5", "day-4"]);
  const second = await listPosts(kv, { limit: 2, cursor: first.nextCursor! });
  expect(second.posts.map((p) => p.slug)).toEqual(["day-3", "day-2"]);
  const last = await listPosts(kv, { limit: 2, cursor: second.nextCursor! });
  expect(last.posts.map((p) => p.slug)).toEqual(["day-1"]);
  expect(last.nextCursor).toBeNull();
  expect((await listPosts(kv)).nextCursor).toBeNull();
  await expect(listPosts(kv, { cursor: "%%%!" })).rejects.toThrow(
    ValidationError,
  );
  await expect(listPosts(kv, { limit: 0 })).rejects.toThrow(ValidationError);
});

Deno.test("invalid posts are validation errors", async () => {
  using kv = await openTestKv();
  const error = await createPost(kv, {
    ...post("Bad Slug!", "yesterday"),
    title: "",
  })
    .catch((e) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect(Object.keys(error.fieldErrors).sort()).toEqual([
    "publishedAt",
    "slug",
    "title",
  ]);
});

Deno.test("readingMinutesFor counts words at 200 a minute", () => {
  expect(readingMinutesFor("short")).toBe(1);
  expect(readingMinutesFor("word ".repeat(1000))).toBe(5);
});

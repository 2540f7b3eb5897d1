import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  createPost,
  getPost,
  listPosts,
  readingMinutesFor,
  renderMarkdown,
} from "./blog.ts";
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

Deno.test("renderMarkdown keeps formatting and marks external links", () => {
  const html = renderMarkdown(
    "# Title\n\n## Section\n\n- one\n- **two**\n\n[site](https://example.com) [local](/experts)",
  );
  expect(html).toContain("<h2>Title</h2>");
  expect(html).toContain("<li><strong>two</strong></li>");
  expect(html).toContain(
    '<a href="https://example.com" rel="noopener noreferrer">site</a>',
  );
  expect(html).toContain('<a href="/experts">local</a>');
});

Deno.test("renderMarkdown removes scripts, handlers and dangerous URLs", () => {
  const attacks = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<iframe src="https://evil.example"></iframe>',
    "<svg onload=alert(1)><circle /></svg>",
    '<div style="background:url(javascript:alert(1))" onclick="x()">hi</div>',
    "<style>body{display:none}</style>",
    '<a href="https://ok.example" rel="opener" onmouseover="x()">ok</a>',
    "![img](javascript:alert(1))",
  ].join("\n\n");
  const html = renderMarkdown(attacks).toLowerCase();
  for (
    const forbidden of [
      "<script",
      "onerror",
      "onload",
      "onclick",
      "onmouseover",
      "javascript:",
      "data:",
      "<iframe",
      "<svg",
      "<style",
      "style=",
      'rel="opener"',
    ]
  ) {
    expect(html).not.toContain(forbidden);
  }
  expect(html).toContain('rel="noopener noreferrer"');
});

Deno.test("renderMarkdown keeps site images and drops ones the CSP would block", () => {
  const html = renderMarkdown(
    "![ours](/images/chart.png) ![theirs](https://elsewhere.example/x.png) ![sneaky](//elsewhere.example/y.png)",
  );
  expect(html).toContain('<img src="/images/chart.png" alt="ours" />');
  expect(html).not.toContain("elsewhere.example");
  expect(html.match(/<img/g)?.length).toBe(1);
});

/**
 * Blog images through the editor's own form, without JavaScript: a JPEG
 * carrying EXIF (GPS, camera text) comes back stripped and in every
 * variant (a WebP is taken as well), the published post shows it with srcset, sizes, width and
 * height, refusals stand beside the image field (and keep what was
 * typed, storing nothing), and images stored before processing are still
 * served.
 */
import { expect } from "expect";
import { createAuthTestApp, signInAdmin } from "@/tests/support/auth.ts";
import {
  EXIF_MARKER,
  pngClaiming,
  testJpeg,
  testWebp,
  withExif,
} from "@/tests/support/images.ts";
import { BLOG_IMAGE_TYPES } from "@/services/content/mod.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import { page, postFile, postForm } from "./page_helpers.ts";

const POST = {
  title: "A tidy desk",
  slug: "a-tidy-desk",
  excerpt: "Why a clear desk helps.",
  author: "Root Admin",
  tags: "",
  bodyMarkdown: "Start with an empty desk.",
  status: "draft",
  basedOn: "",
};

function contains(bytes: Uint8Array, text: string): boolean {
  return new TextDecoder("latin1").decode(bytes).includes(text);
}

/** The Markdown textarea's text as the page shows it. */
function bodyOf(html: string): string {
  const text = /<textarea[^>]*name="bodyMarkdown"[^>]*>([^<]*)<\/textarea>/
    .exec(html)![1];
  return text.replaceAll("&quot;", '"').replaceAll("&amp;", "&");
}

Deno.test("without scripts, an uploaded JPEG is added to the post stripped of EXIF, in every variant, and the post shows it responsively", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const upload = withExif(await testJpeg(800, 500));
  expect(contains(upload, EXIF_MARKER)).toBe(true);

  const editor = await page(admin, "/admin/blog/new");
  expect(editor.text).toContain('enctype="multipart/form-data"');
  expect(editor.text).toContain('name="image"');

  const uploaded = await postFile(
    admin,
    "/admin/blog/new",
    "image",
    new File([upload.slice()], "desk.jpg", { type: "image/jpeg" }),
    { ...POST, imageAlt: "A [tidy] desk", action: "upload" },
  );
  expect(uploaded.status).toBe(200);
  const html = await uploaded.text();
  expect(html).toContain("The image was uploaded and added");
  const body = bodyOf(html);
  const match =
    /!\[A tidy desk\]\((\/blog\/images\/([0-9a-f]{32}-800x500)\.jpg)\)/
      .exec(body);
  expect(match).not.toBeNull();
  const [, url, base] = match!;
  expect(body.startsWith("Start with an empty desk.")).toBe(true);
  // What was typed stays; the preview already shows the image.
  expect(html).toContain('value="A tidy desk"');
  expect(html).toContain(`srcset="/blog/images/${base}-480.avif 480w`);

  const visitor = app.client();
  for (
    const [name, type] of [
      [`${base}.jpg`, "image/jpeg"],
      [`${base}-480.jpg`, "image/jpeg"],
      [`${base}-480.webp`, "image/webp"],
      [`${base}-800.avif`, "image/avif"],
      [`${base}-share.jpg`, "image/jpeg"],
    ]
  ) {
    const response = await visitor.request(`/blog/images/${name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(type);
    expect(response.headers.get("cache-control")).toContain("immutable");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(contains(bytes, EXIF_MARKER)).toBe(false);
    expect(contains(bytes, "Exif")).toBe(false);
  }
  expect((await visitor.request(`/blog/images/${base}-1080.jpg`)).status).toBe(
    404,
  );

  const saved = await postForm(admin, "/admin/blog/new", {
    ...POST,
    bodyMarkdown: body,
    status: "published",
    action: "save",
  });
  expect(saved.status).toBe(303);
  const article = (await page(visitor, "/blog/a-tidy-desk")).text;
  expect(article).toContain("<picture>");
  expect(article).toContain(
    `<source type="image/avif" srcset="/blog/images/${base}-480.avif 480w, /blog/images/${base}-720.avif 720w, /blog/images/${base}-800.avif 800w"`,
  );
  expect(article).toContain(
    `srcset="/blog/images/${base}-480.jpg 480w, /blog/images/${base}-720.jpg 720w, /blog/images/${base}-800.jpg 800w"`,
  );
  expect(article).toContain('width="800" height="500"');
  expect(article).toContain("sizes=");
  expect(article).toContain(`src="/blog/images/${base}-720.jpg"`);
  expect(url).toBe(`/blog/images/${base}.jpg`);

  // The edit page uploads the same way, after what is there; a WebP too.
  const editor2 = await page(admin, "/admin/blog/a-tidy-desk");
  // The file field offers what the server takes.
  expect(editor2.text).toContain(`accept="${BLOG_IMAGE_TYPES.join(",")}"`);
  const again = await postFile(
    admin,
    "/admin/blog/a-tidy-desk",
    "image",
    new File([await testWebp(300, 200)], "second.webp"),
    { ...POST, bodyMarkdown: body, basedOn: "", action: "upload" },
  );
  expect(editor2.status).toBe(200);
  expect(again.status).toBe(200);
  const twice = bodyOf(await again.text());
  // Forms send line breaks as CRLF.
  expect(twice.replaceAll("\r\n", "\n").startsWith(body.trimEnd())).toBe(
    true,
  );
  expect(twice).toMatch(/\(\/blog\/images\/[0-9a-f]{32}-300x200\.jpg\)\n$/);
});

Deno.test("refused uploads: the reason beside the image field, what was typed kept, nothing stored", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const attempt = async (file: File | null, alt = "") => {
    const fields = { ...POST, imageAlt: alt, action: "upload" };
    const response = file
      ? await postFile(admin, "/admin/blog/new", "image", file, fields)
      : await postForm(admin, "/admin/blog/new", fields);
    const html = await response.text();
    expect(html).toContain("The image was not added to the post");
    expect(html).toContain('value="A tidy desk"');
    expect(html).toContain('aria-invalid="true"');
    return { status: response.status, html };
  };

  const none = await attempt(null);
  expect(none.status).toBe(400);
  expect(none.html).toContain("Choose an image to upload.");

  const text = await attempt(
    new File(["not a picture"], "holiday.jpg", { type: "image/jpeg" }),
    "kept description",
  );
  expect(text.status).toBe(400);
  expect(text.html).toContain("claims to be a JPEG");
  expect(text.html).toContain('value="kept description"');

  const bomb = await attempt(
    new File([await pngClaiming(20_000, 20_000)], "huge.png"),
  );
  expect(bomb.status).toBe(400);
  expect(bomb.html).toContain("20,000×20,000 pixels");

  expect(await Array.fromAsync(app.kv.list({ prefix: ["blog_images"] })))
    .toEqual([]);
  expect(await Array.fromAsync(app.kv.list({ prefix: ["posts"] }))).toEqual(
    [],
  );

  // A body larger than a request may be is refused before it is read.
  const large = new Uint8Array(12 * 1024 * 1024);
  large.set(await testJpeg(16, 16));
  const tooLarge = await postFile(
    admin,
    "/admin/blog/new",
    "image",
    new File([large], "big.jpg"),
    { ...POST, action: "upload" },
  );
  expect(tooLarge.status).toBe(413);
  // Answered on the editor itself, the reason beside the image field (a
  // body that was not read has no typed text to give back).
  const refusedHtml = await tooLarge.text();
  expect(refusedHtml).toContain('name="bodyMarkdown"');
  expect(refusedHtml).toContain("Choose a smaller file");

  // A photo of a megabyte or so is an ordinary upload, not an oversized form.
  const photo = new Uint8Array(1024 * 1024);
  photo.set(await testJpeg(16, 16));
  const ordinary = await postFile(
    admin,
    "/admin/blog/new",
    "image",
    new File([photo], "photo.jpg", { type: "image/jpeg" }),
    { ...POST, action: "upload" },
  );
  expect(ordinary.status).not.toBe(413);
  await ordinary.body?.cancel();
});

Deno.test("an image stored before processing is still served, and shown in its post", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const name = `${"c".repeat(32)}.png`;
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  await getFileStore(app.kv).put(`blog/images/${name}`, png, {
    contentType: "image/png",
    size: png.length,
  });
  const saved = await postForm(admin, "/admin/blog/new", {
    ...POST,
    bodyMarkdown: `Old picture:\n\n![old](/blog/images/${name})`,
    status: "published",
    action: "save",
  });
  expect(saved.status).toBe(303);
  const visitor = app.client();
  const served = await visitor.request(`/blog/images/${name}`);
  expect(served.status).toBe(200);
  expect(served.headers.get("content-type")).toBe("image/png");
  await served.body?.cancel();
  expect((await page(visitor, "/blog/a-tidy-desk")).text).toContain(
    `<img src="/blog/images/${name}" alt="old" decoding="async" />`,
  );
});

import { expect } from "expect";
import * as jpeg from "@jsquash/jpeg";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  EXIF_MARKER,
  pngClaiming,
  testJpeg,
  withExif,
} from "@/tests/support/images.ts";
import { readImageHeader } from "@/services/images/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import {
  addImageToPost,
  getBlogImage,
  MAX_BLOG_IMAGE_BYTES,
  renderMarkdown,
  uploadBlogImage,
} from "./mod.ts";
import { blogImageKeys, parseBlogImageBase } from "./blog_image_names.ts";

const META = { ip: "192.0.2.1", userAgent: "test" };

function contains(bytes: Uint8Array, text: string): boolean {
  return new TextDecoder("latin1").decode(bytes).includes(text);
}

async function served(kv: Deno.Kv, name: string) {
  const found = await getBlogImage(kv, name);
  if (!found) return null;
  return {
    type: found.file.contentType,
    bytes: new Uint8Array(await new Response(found.body).arrayBuffer()),
  };
}

Deno.test("an upload is stripped of EXIF, turned upright and stored at every width in AVIF, WebP and JPEG", async () => {
  await using kv = await openTestKv();
  // 900×600 with orientation 6: shown turned a quarter, so 600×900.
  const upload = withExif(await testJpeg(900, 600), 6);
  expect(contains(upload, EXIF_MARKER)).toBe(true);
  const image = await uploadBlogImage(
    kv,
    "admin-1",
    new File([upload.slice()], "holiday.jpg", { type: "image/jpeg" }),
    META,
  );
  expect([image.width, image.height]).toEqual([600, 900]);
  expect(image.url).toBe(`/blog/images/${image.name}.jpg`);
  const main = await served(kv, `${image.name}.jpg`);
  expect(main?.type).toBe("image/jpeg");
  expect(readImageHeader(main!.bytes)).toMatchObject({
    width: 600,
    height: 900,
    orientation: 1,
  });
  for (const name of ["480.avif", "480.webp", "480.jpg", "600.avif"]) {
    const variant = await served(kv, `${image.name}-${name}`);
    expect(variant).not.toBeNull();
    expect(contains(variant!.bytes, EXIF_MARKER)).toBe(false);
    expect(contains(variant!.bytes, "Exif")).toBe(false);
  }
  const share = await served(kv, `${image.name}-share.jpg`);
  expect(readImageHeader(share!.bytes)).toMatchObject({
    width: 1200,
    height: 630,
  });
  // Upright: the red half (left in the file) is now on top.
  const pixels = await jpeg.decode(main!.bytes.slice().buffer);
  expect(pixels.data[(50 * 600 + 300) * 4]).toBeGreaterThan(150);
  expect(pixels.data[(850 * 600 + 300) * 4]).toBeLessThan(100);
  // No width that was not made, no width above the picture's own.
  expect(await served(kv, `${image.name}-720.jpg`)).toBeNull();
  expect(await served(kv, `${image.name}-480.gif`)).toBeNull();
});

Deno.test("the rendered post shows an uploaded image with srcset, sizes, width and height; only the first is eager", async () => {
  await using kv = await openTestKv();
  const image = await uploadBlogImage(
    kv,
    "admin-1",
    new File([await testJpeg(1600, 1000)], "wide.jpg"),
    META,
  );
  expect([image.width, image.height]).toEqual([1440, 900]);
  const html = renderMarkdown(
    `![A "wide" desk](${image.url})\n\ntext\n\n![again](${image.url})\n\n![old](/blog/images/${
      "a".repeat(32)
    }.png)`,
  );
  const base = `/blog/images/${image.name}`;
  expect(html).toContain(
    `<source type="image/avif" srcset="${base}-480.avif 480w, ${base}-720.avif 720w, ${base}-1080.avif 1080w, ${base}-1440.avif 1440w"`,
  );
  expect(html).toContain('type="image/webp"');
  const imgs = [...html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);
  expect(imgs.length).toBe(3);
  expect(imgs[0]).toContain(`src="${base}-720.jpg"`);
  expect(imgs[0]).toContain(`srcset="${base}-480.jpg 480w,`);
  expect(imgs[0]).toContain('sizes="(min-width: 1024px) 704px');
  expect(imgs[0]).toContain('width="1440" height="900"');
  expect(imgs[0]).toContain('alt="A &quot;wide&quot; desk"');
  expect(imgs[0]).not.toContain("loading=");
  expect(imgs[1]).toContain('loading="lazy"');
  // An image stored before processing is shown as it is, lazily.
  expect(imgs[2]).toContain(`src="/blog/images/${"a".repeat(32)}.png"`);
  expect(imgs[2]).toContain('loading="lazy"');
  expect(html.match(/<picture>/g)?.length).toBe(2);
});

Deno.test("a forged image name renders as a plain image, not as variants", () => {
  const html = renderMarkdown(
    `![x](/blog/images/${"b".repeat(32)}-99999x1.jpg)`,
  );
  expect(html).not.toContain("<picture>");
  expect(html).not.toContain("srcset");
});

Deno.test("not an image, too large or too many pixels: a ValidationError on file and nothing stored", async () => {
  await using kv = await openTestKv();
  const refusal = async (file: File) => {
    const error = await uploadBlogImage(kv, "admin-1", file, META).catch((
      e,
    ) => e);
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fieldErrors.file[0];
  };
  expect(await refusal(new File(["hello"], "x.png", { type: "image/png" })))
    .toContain("not");
  const big = new Uint8Array(MAX_BLOG_IMAGE_BYTES + 1);
  big.set(await testJpeg(16, 16));
  expect(await refusal(new File([big], "big.jpg"))).toContain("larger than");
  expect(
    await refusal(new File([await pngClaiming(20_000, 20_000)], "bomb.png")),
  ).toContain("megapixels");
  expect(await Array.fromAsync(kv.list({ prefix: ["blog_images"] }))).toEqual(
    [],
  );
  const none = await addImageToPost(kv, "admin-1", {
    file: new File([], ""),
    alt: "",
    bodyMarkdown: "x",
  }, META).catch((e) => e);
  expect(none.fieldErrors.file[0]).toBe("Choose an image to upload.");
});

Deno.test("addImageToPost appends the image's Markdown; the same picture twice is stored once", async () => {
  await using kv = await openTestKv();
  const bytes = await testJpeg(300, 200);
  const first = await addImageToPost(kv, "admin-1", {
    file: new File([bytes], "a.jpg"),
    alt: "A [tidy]\ndesk",
    bodyMarkdown: "Intro.\n\n",
  }, META);
  expect(first.bodyMarkdown).toBe(
    `Intro.\n\n![A tidy desk](${first.image.url})\n`,
  );
  const again = await uploadBlogImage(
    kv,
    "admin-1",
    new File([bytes], "b.jpg"),
    META,
  );
  expect(again.url).toBe(first.image.url);
  const keys = blogImageKeys(parseBlogImageBase(first.image.name)!);
  const store = getFileStore(kv);
  for (const key of keys) expect(await store.head(key)).not.toBeNull();
  expect(
    (await Array.fromAsync(kv.list({ prefix: ["blog_images"] }))).length,
  ).toBe(1);
});

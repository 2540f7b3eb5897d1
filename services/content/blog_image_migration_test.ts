import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { EXIF_MARKER, testJpeg, withExif } from "@/tests/support/images.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import { createPost, getBlogImage, getPost, migrateBlogImages } from "./mod.ts";

async function storeOld(kv: Deno.Kv, name: string, bytes: Uint8Array) {
  await getFileStore(kv).put(`blog/images/${name}`, bytes, {
    contentType: name.endsWith(".jpg") ? "image/jpeg" : "image/webp",
    size: bytes.length,
  });
}

Deno.test("old blog images are processed and their posts relinked, once; what cannot be processed is reported and kept", async () => {
  await using kv = await openTestKv();
  const jpg = `${"d".repeat(32)}.jpg`;
  const webp = `${"e".repeat(32)}.webp`;
  await storeOld(kv, jpg, withExif(await testJpeg(500, 300)));
  await storeOld(kv, webp, new TextEncoder().encode("RIFF....WEBPVP8 "));
  await createPost(kv, {
    slug: "old-post",
    title: "Old post",
    excerpt: "From before.",
    author: "Admin",
    bodyMarkdown:
      `![a](/blog/images/${jpg})\n\n![b](/blog/images/${webp})\n\n![a again](/blog/images/${jpg})`,
  });

  const first = await migrateBlogImages(kv);
  expect(first.migrated).toBe(1);
  expect(first.unresolved).toEqual([
    expect.objectContaining({ id: `/blog/images/${webp}` }),
  ]);
  const body = (await getPost(kv, "old-post"))!.bodyMarkdown;
  const links = [...body.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
  expect(links[0]).toMatch(/^\/blog\/images\/[0-9a-f]{32}-500x300\.jpg$/);
  expect(links[2]).toBe(links[0]);
  expect(links[1]).toBe(`/blog/images/${webp}`);
  const processed = await getBlogImage(kv, links[0].split("/").pop()!);
  const bytes = new Uint8Array(
    await new Response(processed!.body).arrayBuffer(),
  );
  expect(new TextDecoder("latin1").decode(bytes)).not.toContain(EXIF_MARKER);
  // The old file is still served.
  const old = await getBlogImage(kv, jpg);
  expect(old).not.toBeNull();
  await old!.body.cancel();

  const second = await migrateBlogImages(kv);
  expect(second.migrated).toBe(0);
});

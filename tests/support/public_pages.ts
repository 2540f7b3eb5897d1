/**
 * The public pages a signed-out visitor (or a crawler) can open, with real
 * ids from the seeded data: what the SEO and HTML validity tests walk.
 */
import { listCategories } from "@/services/categories/mod.ts";
import { listPosts } from "@/services/content/mod.ts";
import { featuredExperts } from "@/services/experts/mod.ts";

export async function publicPagePaths(kv: Deno.Kv): Promise<string[]> {
  const [expert] = await featuredExperts(kv, 1);
  const [category] = await listCategories(kv);
  const { posts: [post] } = await listPosts(kv, { limit: 1 });
  return [
    "/",
    "/experts",
    `/experts/${expert.id}`,
    "/categories",
    `/categories/${category.id}`,
    `/categories/${category.subcategories[0]?.id ?? category.id}`,
    "/blog",
    `/blog/${post.slug}`,
    "/about",
    "/contact",
    "/faq",
    "/feedback",
    "/how-it-works",
    "/join",
    "/login",
    "/signup",
    "/privacy",
    "/terms",
  ];
}

/**
 * Decodes a PNG far enough to prove it is whole: the signature, the header's
 * size and colour type, and image data that inflates to exactly the bytes
 * that size needs. Throws on anything else.
 */
export async function decodePng(
  bytes: Uint8Array,
): Promise<{ width: number; height: number }> {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!signature.every((byte, i) => bytes[i] === byte)) {
    throw new Error("Not a PNG: bad signature.");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let width = 0, height = 0, channels = 0;
  const idat: Uint8Array[] = [];
  let ended = false;
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = new TextDecoder().decode(
      bytes.subarray(offset + 4, offset + 8),
    );
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      const bitDepth = data[8], colourType = data[9];
      if (bitDepth !== 8) throw new Error(`Unexpected bit depth ${bitDepth}.`);
      channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colourType as 0 | 2 | 4 | 6] ?? 0;
      if (!channels) throw new Error(`Unexpected colour type ${colourType}.`);
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") ended = true;
    offset += 12 + length;
  }
  if (!ended || !width || idat.length === 0) throw new Error("Truncated PNG.");
  const inflated = new Uint8Array(
    await new Response(
      new Blob(idat as BlobPart[]).stream().pipeThrough(
        new DecompressionStream("deflate"),
      ),
    ).arrayBuffer(),
  );
  // Each row: one filter byte, then the pixels.
  if (inflated.length !== height * (1 + width * channels)) {
    throw new Error("The image data does not match the header's size.");
  }
  return { width, height };
}

/**
 * Expert photos over HTTP: the seeded portraits, the markup cards and the
 * profile use (picture, srcset, sizes, width and height, lazy below the
 * fold, high priority for the profile's main photo), and year-long caching
 * with ETag revalidation of the content-addressed variant URLs.
 */
import { expect } from "expect";
import { createTestApp } from "@/tests/support/helpers.ts";
import { TEST_ORIGIN } from "@/tests/support/auth.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { demoExpertId, seedDemoPhotos } from "@/services/seed/mod.ts";

function get(path: string, headers: Record<string, string> = {}) {
  return new Request(new URL(path, TEST_ORIGIN), { headers });
}

/** The opening tags named `tag` in `html`. */
function tags(html: string, tag: string): string[] {
  return html.match(new RegExp(`<${tag}\\b[^>]*>`, "g")) ?? [];
}

Deno.test("expert photos: seeded portraits, responsive markup and immutable caching", async () => {
  await using app = await createTestApp();
  const id = demoExpertId(0);
  expect(await seedDemoPhotos(app.kv, { limit: 2 })).toBe(2);
  // Run again: nothing left to do.
  expect(await seedDemoPhotos(app.kv, { limit: 2 })).toBe(0);
  const expert = (await getExpert(app.kv, id))!;
  expect(expert.photoUrl).toMatch(
    new RegExp(`^/experts/${id}/photo/V[0-9A-Z]{25}$`),
  );
  expect((await getExpert(app.kv, demoExpertId(1)))!.photoUrl).not.toBeNull();
  const photoUrl = expert.photoUrl!;

  // The profile: its main photo is the LCP element, fetched first.
  const profile = await (await app.fetch(get(`/experts/${id}`))).text();
  const sources = tags(profile, "source");
  expect(sources[0]).toContain('type="image/avif"');
  expect(sources[1]).toContain('type="image/webp"');
  expect(sources[0]).toContain(`${photoUrl}/320.avif 320w`);
  expect(sources[0]).toContain(`${photoUrl}/640.avif 640w`);
  const main = tags(profile, "img").find((img) => img.includes(photoUrl))!;
  expect(main).toContain('width="128"');
  expect(main).toContain('height="128"');
  expect(main).toContain('sizes="128px"');
  expect(main).toContain(`srcset="${photoUrl}/192.jpg 192w`);
  expect(main).toContain('fetchpriority="high"');
  expect(main).not.toContain("loading=");

  // Cards in a list load lazily, at the small widths only.
  const browse = await (await app.fetch(get("/experts"))).text();
  const card = tags(browse, "img").find((img) => img.includes(photoUrl))!;
  expect(card).toContain('loading="lazy"');
  expect(card).toContain('width="64"');
  expect(card).toContain('height="64"');
  expect(card).toContain(`${photoUrl}/96.jpg 96w, ${photoUrl}/192.jpg 192w`);
  expect(card).not.toContain("320.jpg");

  // Variants: cached for a year, revalidated by ETag.
  for (const variant of ["96.avif", "320.webp", "640.jpg"]) {
    const response = await app.fetch(get(`${photoUrl}/${variant}`));
    expect(response.status).toBe(200);
    await response.body?.cancel();
  }
  const avif = await app.fetch(get(`${photoUrl}/320.avif`));
  expect(avif.headers.get("content-type")).toBe("image/avif");
  expect(avif.headers.get("cache-control")).toBe(
    "public, max-age=31536000, immutable",
  );
  const etag = avif.headers.get("etag")!;
  expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
  const bytes = new Uint8Array(await avif.arrayBuffer());
  expect(avif.headers.get("content-length")).toBe(String(bytes.length));

  const again = await app.fetch(
    get(`${photoUrl}/320.avif`, { "if-none-match": `W/${etag}, "other"` }),
  );
  expect(again.status).toBe(304);
  expect(again.headers.get("etag")).toBe(etag);
  expect(again.headers.get("cache-control")).toContain("immutable");
  expect(await again.text()).toBe("");
  const changed = await app.fetch(
    get(`${photoUrl}/320.avif`, { "if-none-match": '"something-else"' }),
  );
  expect(changed.status).toBe(200);
  await changed.body?.cancel();

  // The photo's own URL (structured data, share cards) is the 640 px JPEG.
  const base = await app.fetch(get(photoUrl));
  expect(base.headers.get("content-type")).toBe("image/jpeg");
  expect(base.headers.get("cache-control")).toContain("max-age=31536000");
  await base.body?.cancel();

  for (const path of [`${photoUrl}/100.avif`, `${photoUrl}/96.gif`]) {
    const missing = await app.fetch(get(path));
    expect(missing.status).toBe(404);
    await missing.body?.cancel();
  }
});

/**
 * Search and sharing over every public page: titles within 70 characters,
 * Open Graph and X/Twitter tags whose image is a real 1200×630 PNG, valid
 * schema.org structured data, canonical URLs without duplicates, and a
 * sitemap with a lastmod for every URL.
 */
import { expect } from "expect";
import { createTestApp, type TestApp } from "@/tests/support/helpers.ts";
import { decodePng, publicPagePaths } from "@/tests/support/public_pages.ts";
import {
  jsonLdOf,
  schemaProblems,
  typesOf,
} from "@/tests/support/schema_org.ts";
import { listCategories } from "@/services/categories/mod.ts";
import { featuredExperts, updateExpert } from "@/services/experts/mod.ts";
import { createPost } from "@/services/content/mod.ts";

const SITE = "http://localhost:8000";

/** A JSON-LD node as the tests read it (shapes are checked by schemaProblems). */
// deno-lint-ignore no-explicit-any
type Node = Record<string, any>;

async function html(app: TestApp, path: string): Promise<string> {
  const response = await app.fetch(new Request(SITE + path));
  expect(response.status).toBe(200);
  return await response.text();
}

function meta(page: string, name: string): string | undefined {
  const tag = new RegExp(
    `<meta (?:name|property)="${
      name.replace(/[:.]/g, "\\$&")
    }" content="([^"]*)"`,
  ).exec(page);
  return tag?.[1].replaceAll("&amp;", "&");
}

function titleOf(page: string): string {
  return /<title>([^<]*)<\/title>/.exec(page)![1]
    .replaceAll("&amp;", "&").replaceAll("&#39;", "'");
}

Deno.test("every public page: a short title, share tags with a working 1200×630 image, valid structured data", async (t) => {
  await using app = await createTestApp();
  const images = new Map<string, string>();
  for (const path of await publicPagePaths(app.kv)) {
    await t.step(path, async () => {
      const page = await html(app, path);
      expect(titleOf(page).length).toBeLessThanOrEqual(70);
      expect(meta(page, "og:title")).toBe(titleOf(page));
      expect(meta(page, "og:description")?.length).toBeGreaterThan(20);
      expect(meta(page, "og:url")).toMatch(/^http:\/\/localhost:8000\//);
      expect(meta(page, "og:image:width")).toBe("1200");
      expect(meta(page, "og:image:height")).toBe("630");
      expect(meta(page, "og:image:alt")?.length).toBeGreaterThan(5);
      expect(meta(page, "twitter:card")).toBe("summary_large_image");
      const image = meta(page, "og:image")!;
      expect(meta(page, "twitter:image")).toBe(image);
      expect(image).toMatch(
        /^http:\/\/localhost:8000\/share-cards\/[a-z]+\/[^/]+\/[0-9a-f]{20}\.png$/,
      );
      images.set(path, image);
      for (const document of jsonLdOf(page)) {
        expect({ path, problems: schemaProblems(document) })
          .toEqual({ path, problems: [] });
      }
    });
  }

  await t.step(
    "each image decodes at 1200×630 and is cached for good",
    async () => {
      for (const url of new Set(images.values())) {
        const response = await app.fetch(new Request(url));
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe("image/png");
        expect(response.headers.get("cache-control")).toContain("immutable");
        const etag = response.headers.get("etag")!;
        const size = await decodePng(
          new Uint8Array(await response.arrayBuffer()),
        );
        expect(size).toEqual({ width: 1200, height: 630 });

        const again = await app.fetch(
          new Request(url, { headers: { "if-none-match": etag } }),
        );
        expect(again.status).toBe(304);
      }
      // Profiles, categories and posts have cards of their own.
      const own = [...images].filter(([, url]) => !url.includes("/site/"));
      expect(own.map(([path]) => path.split("/")[1]).sort()).toEqual(
        ["blog", "categories", "categories", "experts"],
      );
    },
  );
});

Deno.test("the pages' structured data: home, profile, FAQ, blog post", async () => {
  await using app = await createTestApp();
  const types = async (path: string) =>
    jsonLdOf(await html(app, path)).flatMap(typesOf);

  expect(await types("/")).toEqual(["Organization", "WebSite"]);
  const home = jsonLdOf(await html(app, "/"))[0] as {
    "@graph": { potentialAction?: { target: { urlTemplate: string } } }[];
  };
  expect(home["@graph"][1].potentialAction?.target.urlTemplate).toBe(
    `${SITE}/experts?q={search_term_string}`,
  );
  expect(await types("/faq")).toEqual(["FAQPage"]);

  const [expert] = await featuredExperts(app.kv, 1);
  const [profile, crumbs] = jsonLdOf(
    await html(app, `/experts/${expert.id}`),
  ) as Node[];
  expect(profile["@type"]).toBe("ProfilePage");
  expect(profile.mainEntity["@type"]).toBe("Person");
  expect(profile.mainEntity.name).toBe(expert.name);
  expect(profile.mainEntity.aggregateRating).toBeUndefined();
  expect(crumbs["@type"]).toBe("BreadcrumbList");
  expect(crumbs.itemListElement.map((item: { item: string }) => item.item))
    .toEqual([`${SITE}/experts`, `${SITE}/experts/${expert.id}`]);
});

Deno.test("a post by an expert links the author's profile in its BlogPosting", async () => {
  await using app = await createTestApp();
  const [expert] = await featuredExperts(app.kv, 1);
  await createPost(app.kv, {
    slug: "written-by-an-expert",
    title: "Lessons from a hundred sessions",
    excerpt: "What a hundred one-to-one sessions taught me about learning.",
    bodyMarkdown: "Some **lessons**.",
    author: expert.name,
  });
  const [post] = jsonLdOf(
    await html(app, "/blog/written-by-an-expert"),
  ) as Node[];
  expect(schemaProblems(post)).toEqual([]);
  expect(post.author).toEqual({
    "@type": "Person",
    name: expert.name,
    url: `${SITE}/experts/${expert.id}`,
  });
  expect(post.image.url).toMatch(/\/share-cards\/post\/written-by-an-expert\//);
  expect(post.publisher["@type"]).toBe("Organization");
});

Deno.test("a profile's card URL changes with its content; the old URL leads to the new card", async () => {
  await using app = await createTestApp();
  const [expert] = await featuredExperts(app.kv, 1);
  const before = meta(await html(app, `/experts/${expert.id}`), "og:image")!;
  await updateExpert(app.kv, expert.id, { headline: "Now teaching Rust" });
  const after = meta(await html(app, `/experts/${expert.id}`), "og:image")!;
  expect(after).not.toBe(before);

  const old = await app.fetch(new Request(before));
  expect(old.status).toBe(302);
  expect(SITE + old.headers.get("location")).toBe(after);
  expect(old.headers.get("cache-control")).not.toContain("immutable");

  const missing = await app.fetch(
    new Request(`${SITE}/share-cards/expert/nobody/${"0".repeat(20)}.png`),
  );
  expect(missing.status).toBe(404);
  const malformed = await app.fetch(
    new Request(`${SITE}/share-cards/expert/${expert.id}/x.png`),
  );
  expect(malformed.status).toBe(404);
});

Deno.test("browse: one category is canonical to its page; other variants are noindex, follow", async () => {
  await using app = await createTestApp();
  const [category] = await listCategories(app.kv);
  const canonical = (page: string) =>
    /<link rel="canonical" href="([^"]*)"/.exec(page)?.[1]
      .replaceAll("&amp;", "&");

  const base = await html(app, "/experts");
  expect(canonical(base)).toBe(`${SITE}/experts`);
  expect(meta(base, "robots")).toBeUndefined();

  const one = await html(app, `/experts?category=${category.id}`);
  expect(canonical(one)).toBe(`${SITE}/categories/${category.id}`);
  expect(meta(one, "robots")).toBeUndefined();

  for (
    const variant of [
      "/experts?sort=price_asc",
      "/experts?q=design",
      `/experts?category=${category.id}&sort=rating`,
      `/experts?category=${category.id}&maxPrice=100`,
    ]
  ) {
    const page = await html(app, variant);
    expect({ variant, robots: meta(page, "robots") })
      .toEqual({ variant, robots: "noindex, follow" });
    expect(canonical(page)).toBeUndefined();
  }
});

Deno.test("the sitemap gives a lastmod for every URL", async () => {
  await using app = await createTestApp();
  const response = await app.fetch(new Request(`${SITE}/sitemap.xml`));
  const xml = await response.text();
  const urls = [...xml.matchAll(/<url>(.*?)<\/url>/g)].map((m) => m[1]);
  expect(urls.length).toBeGreaterThan(20);
  for (const url of urls) {
    const lastmod = /<lastmod>([^<]+)<\/lastmod>/.exec(url)?.[1];
    expect({ url, valid: !Number.isNaN(Date.parse(lastmod ?? "")) })
      .toEqual({ url, valid: true });
  }
});

import { define } from "@/web/define.ts";
import { listPosts } from "@/services/content/mod.ts";
import { listCategories } from "@/services/categories/mod.ts";
import {
  type ExpertProfile,
  EXPERTS_VERSION_KEY,
  searchExperts,
} from "@/services/experts/mod.ts";
import { canonicalUrl } from "@/components/Seo.tsx";

/**
 * When the copy of the pages whose text lives in the code last changed.
 * Update it with the copy (search engines trust a lastmod that is honest).
 */
const CONTENT_PAGES_UPDATED = "2026-11-29";

/** Pages whose text lives in the code. */
const CONTENT_PATHS = [
  "/how-it-works",
  "/join",
  "/about",
  "/faq",
  "/contact",
  "/feedback",
];

/** Pages that list experts: they change whenever the catalogue does. */
const CATALOGUE_PATHS = ["/", "/experts", "/categories"];

/** The largest page `searchExperts` serves. */
const EXPERTS_PER_READ = 50;
const POSTS_PER_READ = 100;

interface SitemapEntry {
  path: string;
  /** An ISO date or instant. */
  lastModified: string;
}

export const handler = define.handlers({
  async GET(_req, ctx) {
    const { kv, siteUrl } = ctx.state;
    const catalogueChanged =
      (await kv.get<{ changedAt: string }>(EXPERTS_VERSION_KEY)).value
        ?.changedAt ?? CONTENT_PAGES_UPDATED;
    const entries: SitemapEntry[] = [
      ...CATALOGUE_PATHS.map((path) => ({
        path,
        lastModified: catalogueChanged,
      })),
      ...CONTENT_PATHS.map((path) => ({
        path,
        lastModified: CONTENT_PAGES_UPDATED,
      })),
    ];

    for (const expert of await allPublishedExperts(kv)) {
      // Profiles record no edit time yet: their creation is the best known.
      entries.push({
        path: `/experts/${encodeURIComponent(expert.id)}`,
        lastModified: expert.createdAt,
      });
    }
    for (const category of await listCategories(kv)) {
      for (const { id } of [category, ...category.subcategories]) {
        // A category page is mostly its experts.
        entries.push({
          path: `/categories/${encodeURIComponent(id)}`,
          lastModified: catalogueChanged,
        });
      }
    }
    let newestPost: string | undefined;
    let cursor: string | undefined;
    do {
      const page = await listPosts(kv, { cursor, limit: POSTS_PER_READ });
      for (const post of page.posts) {
        newestPost ??= post.publishedAt; // the list is newest first
        entries.push({
          path: `/blog/${encodeURIComponent(post.slug)}`,
          lastModified: post.publishedAt,
        });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    entries.push({
      path: "/blog",
      lastModified: newestPost ?? CONTENT_PAGES_UPDATED,
    });

    return new Response(sitemapXml(siteUrl, entries), {
      headers: {
        "content-type": "application/xml; charset=utf-8",
        "cache-control": "public, max-age=3600",
      },
    });
  },
});

async function allPublishedExperts(kv: Deno.Kv): Promise<ExpertProfile[]> {
  const experts: ExpertProfile[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchExperts(kv, {
      sort: "newest",
      cursor,
      limit: EXPERTS_PER_READ,
    });
    experts.push(...page.experts);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return experts;
}

/** The sitemaps.org XML for `entries`, with absolute, XML-escaped URLs. */
function sitemapXml(siteUrl: string, entries: SitemapEntry[]): string {
  const urls = entries.map(({ path, lastModified }) => {
    const loc = `<loc>${escapeXml(canonicalUrl(siteUrl, path))}</loc>`;
    const lastmod = `<lastmod>${escapeXml(lastModified)}</lastmod>`;
    return `  <url>${loc}${lastmod}</url>`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
    ...urls,
    `</urlset>`,
    "",
  ].join("\n");
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

import { define } from "@/web/define.ts";
import { listPosts } from "@/services/content/mod.ts";
import { listCategories } from "@/services/categories/mod.ts";
import { type ExpertProfile, searchExperts } from "@/services/experts/mod.ts";
import { canonicalUrl } from "@/components/Seo.tsx";

/** Public pages that exist whatever the data. */
const STATIC_PATHS = [
  "/",
  "/experts",
  "/categories",
  "/how-it-works",
  "/join",
  "/about",
  "/faq",
  "/blog",
  "/contact",
  "/feedback",
];

/** The largest page `searchExperts` serves. */
const EXPERTS_PER_READ = 50;
const POSTS_PER_READ = 100;

interface SitemapEntry {
  path: string;
  lastModified?: string;
}

export const handler = define.handlers({
  async GET(_req, ctx) {
    const { kv, siteUrl } = ctx.state;
    const entries: SitemapEntry[] = STATIC_PATHS.map((path) => ({ path }));

    for (const expert of await allPublishedExperts(kv)) {
      entries.push({ path: `/experts/${encodeURIComponent(expert.id)}` });
    }
    for (const category of await listCategories(kv)) {
      for (const { id } of [category, ...category.subcategories]) {
        entries.push({ path: `/categories/${encodeURIComponent(id)}` });
      }
    }
    let cursor: string | undefined;
    do {
      const page = await listPosts(kv, { cursor, limit: POSTS_PER_READ });
      for (const post of page.posts) {
        entries.push({
          path: `/blog/${encodeURIComponent(post.slug)}`,
          lastModified: post.publishedAt,
        });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

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
    const lastmod = lastModified
      ? `<lastmod>${escapeXml(lastModified)}</lastmod>`
      : "";
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

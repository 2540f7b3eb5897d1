/**
 * /sitemap.xml: every public page with the time what it shows last changed.
 *
 * - A profile: its record (any write, the rating included), its offerings
 *   (deleting one is a write that keeps it, inactive), its reviews (edits,
 *   replies, moderation), all stamped by their writes, and its categories'
 *   names.
 * - A category: its record and its parent's and subcategories' (names,
 *   order), and every write to an expert listed under it or its
 *   subcategories, before or after that write (so one leaving counts).
 * - The expert and category lists: the last write to any listed expert or
 *   any category; the home page also the newest post.
 * - A post: its `updatedAt`; the blog index: the newest of those.
 * - The FAQ: its newest entry; the pages whose text lives in the code: the
 *   build (the deploy), which is when their text last could have changed.
 */
import { define } from "@/web/define.ts";
import {
  type BlogPost,
  listAllPosts,
  listFaqEntries,
  listPosts,
} from "@/services/content/mod.ts";
import {
  categoryChangeTimes,
  type CategoryWithChildren,
  listCategories,
} from "@/services/categories/mod.ts";
import {
  type ExpertChangeTimes,
  expertChangeTimes,
  type ExpertProfile,
  fillExpertPageChange,
  searchExperts,
} from "@/services/experts/mod.ts";
import { listOfferings } from "@/services/offerings/mod.ts";
import {
  listExpertReviews,
  PROFILE_PAGE_SIZE,
} from "@/services/reviews/mod.ts";
import { canonicalUrl } from "@/components/Seo.tsx";

/**
 * When the copy of the pages whose text lives in the code last changed,
 * for a server started without a build (tests, `deno task dev`); a built
 * server uses the build's time.
 */
const CONTENT_PAGES_UPDATED = "2026-11-29T00:00:00.000Z";

/** Pages whose text lives in the code. */
const CONTENT_PATHS = [
  "/how-it-works",
  "/join",
  "/about",
  "/contact",
  "/feedback",
];

/** The largest page `searchExperts` serves. */
const EXPERTS_PER_READ = 50;
const POSTS_PER_READ = 100;
/** Profiles whose offerings and reviews are read at once. */
const PROFILES_AT_ONCE = 8;

interface SitemapEntry {
  path: string;
  /** An ISO instant; null when nothing records one (the build's then). */
  lastModified: string | null;
}

export const handler = define.handlers({
  async GET(_req, ctx) {
    const { kv, siteUrl } = ctx.state;
    const built = await buildTime();
    const [experts, categories, posts, faq, changes, categoryChanges] =
      await Promise.all([
        allPublishedExperts(kv),
        listCategories(kv),
        publishedPosts(kv),
        listFaqEntries(kv),
        expertChangeTimes(kv),
        categoryChangeTimes(kv),
      ]);
    const newestPost = latest(posts.map((post) => post.updatedAt));
    const profileTimes = await profileChangeTimes(
      kv,
      experts,
      changes,
      categoryChanges.byId,
    );
    const listing = latest([changes.listing, ...profileTimes.values()]);
    const anyCategory = categoryChanges.any;

    const entries: SitemapEntry[] = [
      { path: "/", lastModified: latest([listing, anyCategory, newestPost]) },
      { path: "/experts", lastModified: latest([listing]) },
      { path: "/categories", lastModified: latest([listing, anyCategory]) },
      ...CONTENT_PATHS.map((path) => ({ path, lastModified: built })),
      {
        path: "/faq",
        lastModified: latest([built, ...faq.map((entry) => entry.updatedAt)]),
      },
    ];
    for (const expert of experts) {
      entries.push({
        path: `/experts/${encodeURIComponent(expert.id)}`,
        lastModified: profileTimes.get(expert.id)!,
      });
    }
    for (const top of categories) {
      for (const category of [top, ...top.subcategories]) {
        entries.push({
          path: `/categories/${encodeURIComponent(category.id)}`,
          lastModified: categoryTime(
            category.id,
            top,
            experts,
            profileTimes,
            changes,
            categoryChanges.byId,
          ),
        });
      }
    }
    for (const post of posts) {
      entries.push({
        path: `/blog/${encodeURIComponent(post.slug)}`,
        lastModified: post.updatedAt,
      });
    }
    entries.push({ path: "/blog", lastModified: newestPost ?? built });

    return new Response(sitemapXml(siteUrl, entries, built), {
      headers: {
        "content-type": "application/xml; charset=utf-8",
        "cache-control": "public, max-age=3600",
      },
    });
  },
});

/**
 * When each published profile's page last changed: its stamp (every write
 * of the profile, its offerings and its reviews leaves one), or, for a
 * profile from before stamps, the latest of what its page shows, read once
 * and then kept as its stamp. Its categories' changes count too.
 */
async function profileChangeTimes(
  kv: Deno.Kv,
  experts: ExpertProfile[],
  changes: ExpertChangeTimes,
  categoryTimes: Map<string, string>,
): Promise<Map<string, string>> {
  const pageTimes = new Map<string, string>();
  const unstamped: ExpertProfile[] = [];
  for (const expert of experts) {
    const stamp = changes.pages.get(expert.id);
    if (stamp) pageTimes.set(expert.id, stamp);
    else unstamped.push(expert);
  }
  for (let i = 0; i < unstamped.length; i += PROFILES_AT_ONCE) {
    await Promise.all(
      unstamped.slice(i, i + PROFILES_AT_ONCE).map(async (expert) => {
        const [offerings, reviews] = await Promise.all([
          listOfferings(kv, expert.id, { includeInactive: true }),
          listExpertReviews(kv, expert.id, { limit: PROFILE_PAGE_SIZE }),
        ]);
        const at = latest([
          expert.createdAt,
          ...offerings.map((offering) => offering.updatedAt),
          ...reviews.items.flatMap((review) => [
            review.updatedAt,
            review.reply?.at ?? null,
          ]),
        ])!;
        await fillExpertPageChange(kv, expert.id, at);
        pageTimes.set(expert.id, at);
      }),
    );
  }
  const times = new Map<string, string>();
  for (const expert of experts) {
    times.set(
      expert.id,
      latest([
        pageTimes.get(expert.id)!,
        ...expert.categoryIds.map((id) => categoryTimes.get(id) ?? null),
      ])!,
    );
  }
  return times;
}

/**
 * When a category's page last changed: its own, its parent's and its
 * subcategories' records, and the experts listed under it or them.
 */
function categoryTime(
  id: string,
  top: CategoryWithChildren,
  experts: ExpertProfile[],
  profileTimes: Map<string, string>,
  changes: ExpertChangeTimes,
  categoryTimes: Map<string, string>,
): string | null {
  const shown = id === top.id
    ? [top.id, ...top.subcategories.map((child) => child.id)]
    : [id];
  const related = id === top.id ? shown : [id, top.id];
  return latest([
    ...related.map((each) => categoryTimes.get(each) ?? null),
    ...shown.map((each) => changes.categoryListings.get(each) ?? null),
    ...experts
      .filter((expert) =>
        expert.categoryIds.some((each) => shown.includes(each))
      )
      .map((expert) => profileTimes.get(expert.id) ?? null),
  ]);
}

/** The latest of some ISO instants; null when there are none. */
function latest(times: (string | null | undefined)[]): string | null {
  let newest: string | null = null;
  for (const time of times) {
    if (time && (newest === null || Date.parse(time) > Date.parse(newest))) {
      newest = time;
    }
  }
  return newest;
}

let builtAt: Promise<string> | null = null;

/** When the client build was made (the deploy), read once. */
function buildTime(): Promise<string> {
  builtAt ??= Deno.stat(new URL("../_fresh/build.json", import.meta.url))
    .then((info) => info.mtime?.toISOString() ?? CONTENT_PAGES_UPDATED)
    .catch(() => CONTENT_PAGES_UPDATED);
  return builtAt;
}

/** Every published post with when it last changed. */
async function publishedPosts(
  kv: Deno.Kv,
): Promise<(BlogPost & { updatedAt: string })[]> {
  // The records' change times (listAllPosts reads at most its first 1,000:
  // a post past those falls back to its publication).
  const changed = new Map(
    (await listAllPosts(kv)).map((record) => [record.slug, record.updatedAt]),
  );
  const posts: (BlogPost & { updatedAt: string })[] = [];
  let cursor: string | undefined;
  do {
    const page = await listPosts(kv, { cursor, limit: POSTS_PER_READ });
    for (const post of page.posts) {
      posts.push({
        ...post,
        updatedAt: changed.get(post.slug) ?? post.publishedAt,
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return posts;
}

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
function sitemapXml(
  siteUrl: string,
  entries: SitemapEntry[],
  built: string,
): string {
  const urls = entries.map(({ path, lastModified }) => {
    const loc = `<loc>${escapeXml(canonicalUrl(siteUrl, path))}</loc>`;
    const lastmod = `<lastmod>${escapeXml(lastModified ?? built)}</lastmod>`;
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

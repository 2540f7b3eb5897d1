/**
 * Picks the benchmark's parameterised targets from the running app's own
 * data, so they keep matching real experts whatever the seed produces: the
 * profile of the first expert `/api/experts?limit=1` returns, a browse filter
 * that this expert passes, a search word taken from this expert, and a
 * blog post the blog page links to.
 */
import { z } from "zod";
import { moneySchema, toUsdMinor } from "@/services/platform/money.ts";

/** The fields of an API expert summary the benchmark uses. */
const expertSampleSchema = z.object({
  id: z.string().min(1),
  headline: z.string(),
  skills: z.array(z.string()),
  categoryIds: z.array(z.string()).min(1),
  hourlyRate: moneySchema,
  rating: z.object({ average: z.number() }),
});

export type ExpertSample = z.infer<typeof expertSampleSchema>;

const apiListSchema = z.union([
  z.object({ experts: z.array(z.unknown()) }),
  z.object({ items: z.array(z.unknown()) }),
  z.object({ data: z.array(z.unknown()) }),
  z.array(z.unknown()),
]);

/**
 * The first expert of a `/api/experts` response body, or an Error saying
 * what was missing (so a changed API shows up as a clear message).
 */
export function firstExpertOf(body: unknown): ExpertSample | Error {
  const list = apiListSchema.safeParse(body);
  if (!list.success) {
    return new Error("/api/experts returned no list of experts");
  }
  const items = Array.isArray(list.data)
    ? list.data
    : "experts" in list.data
    ? list.data.experts
    : "items" in list.data
    ? list.data.items
    : list.data.data;
  if (items.length === 0) return new Error("/api/experts returned no experts");
  const expert = expertSampleSchema.safeParse(items[0]);
  if (!expert.success) {
    const fields = expert.error.issues.map((issue) => issue.path.join("."));
    return new Error(
      `/api/experts: the first expert lacks ${[...new Set(fields)].join(", ")}`,
    );
  }
  return expert.data;
}

/** The expert's public profile page. */
export function profilePath(expert: ExpertSample): string {
  return `/experts/${encodeURIComponent(expert.id)}`;
}

/**
 * A browse URL a visitor would plausibly build that still matches `expert`:
 * its first category, a price cap rounded up to the next 10 above 1.5× its
 * rate (the browse page takes whole US dollars, converting other currencies),
 * and a minimum rating of 4 (or the expert's own, rounded down, when lower).
 */
export function filteredBrowsePath(expert: ExpertSample): string {
  const rate = toUsdMinor(expert.hourlyRate) / 100;
  const maxPrice = Math.ceil((rate * 1.5) / 10) * 10;
  const minRating = Math.min(4, Math.floor(expert.rating.average));
  const params = new URLSearchParams({
    category: expert.categoryIds[0],
    maxPrice: String(maxPrice),
    minRating: String(minRating),
  });
  return `/experts?${params}`;
}

/**
 * A free-text search for one word the expert is known by: the longest word
 * of its first skill, else of its headline (at least three letters).
 */
export function searchPath(expert: ExpertSample): string {
  const word = [...expert.skills, expert.headline]
    .map((text) =>
      text.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length >= 3)
        .sort((a, b) => b.length - a.length)[0]
    )
    .find((candidate) => candidate !== undefined) ?? "expert";
  return `/experts?${new URLSearchParams({ q: word.toLowerCase() })}`;
}

/**
 * The path of the first link in `hrefs` (absolute URLs, as a browser reports
 * them) that stays on `origin` and goes deeper than `pathPrefix`, e.g. a
 * post under "/blog/"; null when there is none.
 */
export function firstLinkUnder(
  hrefs: string[],
  origin: string,
  pathPrefix: string,
): string | null {
  for (const href of hrefs) {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      continue;
    }
    if (
      url.origin === new URL(origin).origin &&
      url.pathname.startsWith(pathPrefix) &&
      url.pathname.length > pathPrefix.length
    ) {
      return url.pathname;
    }
  }
  return null;
}

import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { categoryParents } from "@/services/categories/mod.ts";
import { seedDemoData, seedGeneratedExperts } from "@/services/seed/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import {
  type Currency,
  SUPPORTED_CURRENCIES,
  toUsdMinor,
} from "@/services/platform/money.ts";
import type { ExpertProfile } from "./model.ts";
import { listedPrice } from "./pricing.ts";
import {
  expandCategories,
  findExpertIdsInIndex,
  normalizeText,
  searchWords,
} from "./search_index.ts";
import {
  countPublishedExperts,
  expertsByCategoryCount,
  featuredExperts,
  profileWithSimilar,
  searchExperts,
} from "./search.ts";
import { createExpert, updateExpert } from "./store.ts";
import {
  createCategories,
  createFixture,
  input,
  names,
} from "./test_fixtures.ts";

Deno.test("search only ever returns published experts", async () => {
  using kv = await openTestKv();
  await createFixture(kv);
  const all = await searchExperts(kv, {});
  expect(all.total).toBe(4);
  expect(names(all)).not.toContain("Hidden Reactor");
  expect(names(await searchExperts(kv, { q: "reactor" }))).toEqual([]);
  expect(await countPublishedExperts(kv)).toBe(4);
});

Deno.test("default relevance ranks by rating weighted by review count", async () => {
  using kv = await openTestKv();
  await createFixture(kv);
  expect(names(await searchExperts(kv, {}))).toEqual(
    ["Mia Chen", "José Núñez", "Olu Bello", "Newbie Nguyen"],
  );
  expect((await featuredExperts(kv, 2)).map((e) => e.name)).toEqual([
    "Mia Chen",
    "José Núñez",
  ]);
});

Deno.test("a category filter includes its subcategories", async () => {
  using kv = await openTestKv();
  await createFixture(kv);
  expect(
    names(await searchExperts(kv, { category: "software" }))
      .sort(),
  ).toEqual(
    ["José Núñez", "Newbie Nguyen", "Olu Bello"],
  );
  expect(
    names(await searchExperts(kv, { category: "web" })).sort(),
  ).toEqual(
    ["José Núñez", "Newbie Nguyen"],
  );
  expect(names(await searchExperts(kv, { category: "design" }))).toEqual([
    "Mia Chen",
  ]);
  expect(await expertsByCategoryCount(kv)).toEqual({
    software: 3,
    web: 2,
    design: 1,
  });
});

Deno.test("text search ignores case and accents, needs every word, ranks name matches first", async () => {
  using kv = await openTestKv();
  await createFixture(kv);
  expect(names(await searchExperts(kv, { q: "JOSE" }))).toEqual([
    "José Núñez",
  ]);
  expect(names(await searchExperts(kv, { q: "nunez typescript" }))).toEqual([
    "José Núñez",
  ]);
  expect(names(await searchExperts(kv, { q: "react" }))).toEqual([
    "José Núñez",
    "Olu Bello",
  ]);
  expect(names(await searchExperts(kv, { q: "react figma" }))).toEqual([]);
  expect(names(await searchExperts(kv, { q: "design systems" }))).toEqual([
    "Mia Chen",
  ]);
});

Deno.test("rating, price and language filters", async () => {
  using kv = await openTestKv();
  await createFixture(kv);
  expect(names(await searchExperts(kv, { minRating: "4.5", sort: "rating" })))
    .toEqual(
      ["Olu Bello", "José Núñez"],
    );
  expect(
    names(
      await searchExperts(kv, {
        minPrice: 5000,
        maxPrice: "12000",
        sort: "price_asc",
      }),
    ),
  )
    .toEqual(["José Núñez", "Mia Chen"]);
  expect(names(await searchExperts(kv, { language: "ES" }))).toEqual([
    "José Núñez",
  ]);
});

Deno.test("prices in other currencies are compared in US dollars", async () => {
  using kv = await openTestKv();
  await createCategories(kv);
  const rates: [string, number, Currency][] = [
    ["Euro Hundred", 10000, "EUR"], // ≈ $108
    ["Rupee Eight Thousand", 800000, "INR"], // ≈ $96
    ["Dollar Hundred", 10000, "USD"],
    ["Pound Ninety", 9000, "GBP"], // ≈ $114.30
    ["Aussie One Twenty", 12000, "AUD"], // ≈ $79.20
    ["Canuck One Fifty", 15000, "CAD"], // ≈ $109.50
  ];
  for (const [name, amountMinor, currency] of rates) {
    await createExpert(
      kv,
      input({ name, hourlyRate: { amountMinor, currency } }),
    );
  }

  // $100 keeps ₹8,000 and A$120 but drops €100, £90 and C$150.
  expect(names(await searchExperts(kv, { maxPrice: 10000, sort: "price_asc" })))
    .toEqual(["Aussie One Twenty", "Rupee Eight Thousand", "Dollar Hundred"]);
  expect(
    names(await searchExperts(kv, { minPrice: "10000", sort: "price_asc" })),
  )
    .toEqual([
      "Dollar Hundred",
      "Euro Hundred",
      "Canuck One Fifty",
      "Pound Ninety",
    ]);
  // Sorts interleave currencies by their dollar value, not their raw amount.
  expect(names(await searchExperts(kv, { sort: "price_desc" }))).toEqual([
    "Pound Ninety",
    "Canuck One Fifty",
    "Euro Hundred",
    "Dollar Hundred",
    "Rupee Eight Thousand",
    "Aussie One Twenty",
  ]);

  // A rate change in another currency moves the expert in the catalog too.
  const [euro] = (await searchExperts(kv, { q: "euro" })).experts;
  await updateExpert(kv, euro.id, {
    hourlyRate: { amountMinor: 9000, currency: "EUR" }, // ≈ $97.20
  });
  expect(names(await searchExperts(kv, { maxPrice: 10000, sort: "price_asc" })))
    .toEqual([
      "Aussie One Twenty",
      "Rupee Eight Thousand",
      "Euro Hundred",
      "Dollar Hundred",
    ]);
});

/** The fixture's published experts, cheapest first. */
const BY_PRICE = ["Newbie Nguyen", "José Núñez", "Mia Chen", "Olu Bello"];

Deno.test("every sort order", async () => {
  using kv = await openTestKv();
  await createFixture(kv);
  expect(names(await searchExperts(kv, { sort: "price_asc" }))).toEqual(
    BY_PRICE,
  );
  expect(names(await searchExperts(kv, { sort: "price_desc" }))).toEqual(
    BY_PRICE.toReversed(),
  );
  expect(names(await searchExperts(kv, { sort: "rating" }))).toEqual(
    ["Olu Bello", "José Núñez", "Mia Chen", "Newbie Nguyen"],
  );
  expect(names(await searchExperts(kv, { sort: "newest" }))).toEqual(
    ["Newbie Nguyen", "Olu Bello", "Mia Chen", "José Núñez"],
  );
});

Deno.test("cursor pagination walks every result exactly once", async () => {
  using kv = await openTestKv();
  await createFixture(kv);
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await searchExperts(kv, {
      sort: "price_asc",
      limit: "3",
      cursor,
    });
    expect(page.total).toBe(4);
    seen.push(...names(page));
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor);
  expect(pages).toBe(2);
  expect(seen).toEqual(BY_PRICE);
});

Deno.test("a malformed or foreign cursor is a validation error", async () => {
  using kv = await openTestKv();
  await createFixture(kv);
  const first = await searchExperts(kv, { limit: 1 });
  expect(first.nextCursor).not.toBeNull();
  for (const cursor of ["garbage", "eyJvIjoiYSJ9", "%%%"]) {
    const error = await searchExperts(kv, { cursor }).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.fieldErrors.cursor).toHaveLength(1);
  }
  const foreign = await searchExperts(kv, {
    cursor: first.nextCursor!,
    sort: "rating",
  })
    .catch((e) => e);
  expect(foreign).toBeInstanceOf(ValidationError);
  expect(foreign.fieldErrors.cursor[0]).toContain("different search");
});

/** A small seeded random generator, so a failing case can be replayed. */
function randomGenerator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    next,
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(next() * items.length)];
    },
  };
}

Deno.test("search results equal a brute-force filter over every expert", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  await seedGeneratedExperts(kv, 460, 42);
  const all: ExpertProfile[] = [];
  for await (const entry of kv.list<ExpertProfile>({ prefix: ["experts"] })) {
    all.push(entry.value);
  }
  const parents = await categoryParents(kv);
  const words = [...new Set(all.flatMap((e) => [...searchWords(e)]))];
  const categories = [...parents.keys()];
  const random = randomGenerator(7);

  // Some churn first, so the catalog is exercised after incremental changes.
  await searchExperts(kv, {});
  for (let i = 0; i < 20; i++) {
    const target = random.pick(all);
    const updated = await updateExpert(kv, target.id, {
      published: random.next() < 0.5,
      skills: [random.pick(words), random.pick(words)],
      hourlyRate: {
        amountMinor: 1000 + Math.floor(random.next() * 20000),
        currency: random.pick(SUPPORTED_CURRENCIES),
      },
      // Half listed from a session, half by the hourly rate alone.
      startingPrice: random.next() < 0.5 ? null : {
        amountMinor: 500 + Math.floor(random.next() * 20000),
        currency: random.pick(SUPPORTED_CURRENCIES),
        durationMinutes: 30,
      },
    });
    all[all.indexOf(target)] = updated;
  }

  // The price filters and sorts compare: the one the card shows.
  const usd = (e: ExpertProfile) => toUsdMinor(listedPrice(e).money);
  const order = (a: ExpertProfile, b: ExpertProfile, sort: string) => {
    const pop = (e: ExpertProfile) =>
      e.rating.average * Math.log(e.rating.count + 1);
    const id = a.id < b.id ? -1 : 1;
    const byPop = pop(b) - pop(a) || id;
    const price = usd(a) - usd(b);
    switch (sort) {
      case "rating":
        return b.rating.average - a.rating.average ||
          b.rating.count - a.rating.count || id;
      case "price_asc":
        return price || byPop;
      case "price_desc":
        return -price || byPop;
      case "newest":
        return a.createdAt < b.createdAt
          ? 1
          : a.createdAt > b.createdAt
          ? -1
          : -id;
      default:
        return byPop;
    }
  };

  for (let run = 0; run < 150; run++) {
    const filters: Record<string, string | number> = {
      sort: random.pick(
        ["relevance", "rating", "price_asc", "price_desc", "newest"],
      ),
      limit: 50,
    };
    if (random.next() < 0.5) {
      // Whole words or prefixes, sometimes two.
      const word = random.pick(words);
      filters.q = word.slice(0, 1 + Math.floor(random.next() * word.length));
      if (random.next() < 0.3) filters.q += " " + random.pick(words);
    }
    if (random.next() < 0.4) filters.category = random.pick(categories);
    if (random.next() < 0.3) filters.language = random.pick(["en", "es", "de"]);
    if (random.next() < 0.3) filters.minRating = random.pick([3, 4, 4.5]);
    // US cents: rates in other currencies are converted before comparing.
    if (random.next() < 0.3) filters.minPrice = random.pick([3000, 9600]);
    if (random.next() < 0.3) filters.maxPrice = random.pick([12000, 25000]);

    const queryWords = String(filters.q ?? "").split(" ").filter(Boolean).map(
      normalizeText,
    );
    // What the indexes answer alone: the words, category and language.
    const matchesIndexed = (e: typeof all[number]) =>
      e.published &&
      queryWords.every((q) =>
        [...searchWords(e)].some((w) => w.startsWith(q))
      ) &&
      (filters.category === undefined ||
        expandCategories(e.categoryIds, parents).has(
          String(filters.category),
        )) &&
      (filters.language === undefined ||
        e.languages.includes(String(filters.language)));
    const expected = all.filter((e) =>
      matchesIndexed(e) &&
      (filters.minRating === undefined ||
        e.rating.average >= Number(filters.minRating)) &&
      (filters.minPrice === undefined ||
        usd(e) >= Number(filters.minPrice)) &&
      (filters.maxPrice === undefined ||
        usd(e) <= Number(filters.maxPrice))
    ).sort((a, b) => order(a, b, String(filters.sort)));

    const found: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchExperts(kv, { ...filters, cursor });
      expect(page.total).toBe(expected.length);
      found.push(...page.experts.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    const context = JSON.stringify(filters);
    if (queryWords.length > 0 && filters.sort === "relevance") {
      // Text relevance reorders by score; the set must still match.
      expect([context, found.toSorted()]).toEqual([
        context,
        expected.map((e) => e.id).sort(),
      ]);
    } else {
      expect([context, found]).toEqual([context, expected.map((e) => e.id)]);
    }
    if (queryWords.length > 0 || filters.category || filters.language) {
      const fromIndex = await findExpertIdsInIndex(kv, {
        q: filters.q as string | undefined,
        category: filters.category as string | undefined,
        language: filters.language as string | undefined,
      });
      const numberless = all.filter(matchesIndexed);
      expect([context, [...fromIndex].sort()]).toEqual([
        context,
        numberless.map((e) => e.id).sort(),
      ]);
    }
  }
});

Deno.test("a profile's similar experts are the best rated of its categories in order, from one catalog read", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  await seedGeneratedExperts(kv, 200, 7);
  // The rule, written with searches: each category in order, topped up.
  const bySearches = async (expert: ExpertProfile, limit: number) => {
    const similar = new Map<string, string>();
    for (const category of expert.categoryIds) {
      const { experts } = await searchExperts(kv, {
        category,
        sort: "rating",
        limit: limit + 1,
      });
      for (const other of experts) {
        if (other.id !== expert.id) similar.set(other.id, other.name);
      }
      if (similar.size >= limit) break;
    }
    return [...similar.values()].slice(0, limit);
  };
  const { experts } = await searchExperts(kv, { sort: "newest", limit: 40 });
  for (const expert of experts) {
    const found = await profileWithSimilar(kv, expert.id, 3);
    expect(found?.expert).toEqual(expert);
    expect(found!.similar.map((other) => other.name)).toEqual(
      await bySearches(expert, 3),
    );
  }
  expect(await profileWithSimilar(kv, "no-such-expert", 3)).toBeNull();
});

Deno.test("an unpublished profile is not found for its page", async () => {
  using kv = await openTestKv();
  const { hidden } = await createFixture(kv);
  expect(await profileWithSimilar(kv, hidden.id, 3)).toBeNull();
});

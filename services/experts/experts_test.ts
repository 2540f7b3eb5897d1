import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { categoryParents, createCategory } from "@/services/categories/mod.ts";
import { expandCategories, searchWords } from "./search_index.ts";
import { seedDemoData, seedGeneratedExperts } from "@/services/seed/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import {
  type Currency,
  SUPPORTED_CURRENCIES,
  toUsdMinor,
} from "@/services/platform/money.ts";
import {
  catalogStats,
  countPublishedExperts,
  createExpert,
  type ExpertInput,
  type ExpertProfile,
  EXPERTS_VERSION_KEY,
  expertsByCategoryCount,
  expertSearchSchema,
  featuredExperts,
  findExpertIdsInIndex,
  getExpert,
  getPublishedExpert,
  normalizeText,
  searchExperts,
  updateExpert,
} from "./experts.ts";

async function createCategories(kv: Deno.Kv) {
  await createCategory(kv, {
    id: "software-engineering",
    name: "Software",
    icon: "💻",
  });
  await createCategory(kv, {
    id: "web-development",
    name: "Web",
    icon: "🌐",
    parentId: "software-engineering",
  });
  await createCategory(kv, { id: "design", name: "Design", icon: "🎨" });
}

function input(overrides: Partial<ExpertInput> = {}): ExpertInput {
  return {
    name: "Ada Lovelace",
    headline: "Analytical engine programmer",
    bio: "I wrote the first published algorithm.",
    categoryIds: ["web-development"],
    skills: ["Mathematics", "Algorithms"],
    languages: ["en"],
    yearsExperience: 10,
    hourlyRate: { amountMinor: 10000, currency: "USD" },
    rating: { average: 4.5, count: 10 },
    location: "London, United Kingdom",
    timeZone: "Europe/London",
    ...overrides,
  };
}

/** Five experts with distinct ratings, prices, languages and categories. */
async function createFixture(kv: Deno.Kv) {
  await createCategories(kv);
  return {
    jose: await createExpert(
      kv,
      input({
        name: "José Núñez",
        headline: "React and TypeScript mentor",
        skills: ["React", "TypeScript"],
        languages: ["es", "en"],
        hourlyRate: { amountMinor: 5000, currency: "USD" },
        rating: { average: 4.9, count: 100 },
      }),
    ),
    mia: await createExpert(
      kv,
      input({
        name: "Mia Chen",
        headline: "Product designer",
        categoryIds: ["design"],
        skills: ["Figma", "Design systems"],
        hourlyRate: { amountMinor: 12000, currency: "USD" },
        rating: { average: 4.2, count: 300 },
      }),
    ),
    olu: await createExpert(
      kv,
      input({
        name: "Olu Bello",
        headline: "Backend engineer who reviews React apps too",
        categoryIds: ["software-engineering"],
        skills: ["Go", "PostgreSQL"],
        hourlyRate: { amountMinor: 20000, currency: "USD" },
        rating: { average: 5, count: 2 },
      }),
    ),
    hidden: await createExpert(
      kv,
      input({
        name: "Hidden Reactor",
        skills: ["React"],
        published: false,
      }),
    ),
    newbie: await createExpert(
      kv,
      input({
        name: "Newbie Nguyen",
        headline: "Junior web developer",
        languages: ["vi", "en"],
        hourlyRate: { amountMinor: 2500, currency: "USD" },
        rating: { average: 0, count: 0 },
      }),
    ),
  };
}

const names = (result: { experts: { name: string }[] }) =>
  result.experts.map((e) => e.name);

Deno.test("an expert is stored under [experts, id] and bumps the version key in the same write", async () => {
  using kv = await openTestKv();
  await createCategories(kv);
  const before = await kv.get(EXPERTS_VERSION_KEY);
  const expert = await createExpert(
    kv,
    input({ rating: { average: 4.56, count: 3 } }),
  );
  const stored = await kv.get(["experts", expert.id]);
  const version = await kv.get(EXPERTS_VERSION_KEY);
  expect(stored.value).toEqual(expert);
  expect(version.versionstamp).not.toBe(before.versionstamp);
  // Same atomic commit → same versionstamp.
  expect(version.versionstamp).toBe(stored.versionstamp);
  expect(expert.rating.average).toBe(4.6);
  expect(expert.photoUrl).toBeNull();
  expect(expert.published).toBe(true);
});

Deno.test("createExpert rejects unknown categories and bad fields", async () => {
  using kv = await openTestKv();
  await createCategories(kv);
  const unknown = await createExpert(kv, input({ categoryIds: ["nope"] }))
    .catch((e) => e);
  expect(unknown).toBeInstanceOf(ValidationError);
  expect(unknown.fieldErrors.categoryIds[0]).toContain("nope");

  const bad = await createExpert(
    kv,
    input({
      timeZone: "Mars/Olympus",
      languages: ["english"],
      hourlyRate: { amountMinor: 0, currency: "USD" },
    }),
  ).catch((e) => e);
  expect(Object.keys(bad.fieldErrors).sort()).toEqual(
    ["hourlyRate.amountMinor", "languages.0", "timeZone"],
  );
});

Deno.test("getPublishedExpert hides unpublished profiles that getExpert returns", async () => {
  using kv = await openTestKv();
  const { hidden, jose } = await createFixture(kv);
  expect(await getExpert(kv, hidden.id)).toEqual(hidden);
  expect(await getPublishedExpert(kv, hidden.id)).toBeNull();
  expect(await getPublishedExpert(kv, jose.id)).toEqual(jose);
  expect(await getExpert(kv, "missing")).toBeNull();
});

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
    names(await searchExperts(kv, { category: "software-engineering" }))
      .sort(),
  ).toEqual(
    ["José Núñez", "Newbie Nguyen", "Olu Bello"],
  );
  expect(
    names(await searchExperts(kv, { category: "web-development" })).sort(),
  ).toEqual(
    ["José Núñez", "Newbie Nguyen"],
  );
  expect(names(await searchExperts(kv, { category: "design" }))).toEqual([
    "Mia Chen",
  ]);
  expect(await expertsByCategoryCount(kv)).toEqual({
    "software-engineering": 3,
    "web-development": 2,
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

Deno.test("every sort order", async () => {
  using kv = await openTestKv();
  await createFixture(kv);
  expect(names(await searchExperts(kv, { sort: "price_asc" }))).toEqual(
    ["Newbie Nguyen", "José Núñez", "Mia Chen", "Olu Bello"],
  );
  expect(names(await searchExperts(kv, { sort: "price_desc" }))).toEqual(
    ["Olu Bello", "Mia Chen", "José Núñez", "Newbie Nguyen"],
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
  expect(seen).toEqual([
    "Newbie Nguyen",
    "José Núñez",
    "Mia Chen",
    "Olu Bello",
  ]);
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

Deno.test("expertSearchSchema coerces query strings and rejects bad values", () => {
  expect(
    expertSearchSchema.parse({
      minRating: "4.5",
      limit: "20",
      q: "",
      category: "",
    }),
  ).toEqual({
    minRating: 4.5,
    limit: 20,
    sort: "relevance",
  });
  const result = expertSearchSchema.safeParse({
    minRating: "6",
    maxPrice: "0",
    sort: "cheapest",
    limit: "100",
    language: "english",
    category: "Bad Slug",
  });
  expect(result.success).toBe(false);
  const fields = new Set(result.error!.issues.map((issue) => issue.path[0]));
  expect(fields).toEqual(
    new Set(["minRating", "maxPrice", "sort", "limit", "language", "category"]),
  );
  expect(
    expertSearchSchema.safeParse({ minPrice: "500", maxPrice: "100" }).error
      ?.issues[0].path,
  )
    .toEqual(["maxPrice"]);
});

Deno.test("the catalog notices writes made through another KV handle", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/shared.kv`;
  const first = await Deno.openKv(path);
  const second = await Deno.openKv(path);
  try {
    await createCategories(first);
    const expert = await createExpert(first, input({ name: "First Expert" }));
    expect((await searchExperts(second, {})).total).toBe(1);

    // Another "process" adds and unpublishes experts; this handle's cached catalog must notice.
    await createExpert(first, input({ name: "Second Expert" }));
    expect(names(await searchExperts(second, { sort: "newest" }))).toEqual(
      ["Second Expert", "First Expert"],
    );
    await updateExpert(first, expert.id, { published: false });
    expect(names(await searchExperts(second, {}))).toEqual(["Second Expert"]);
    expect(await countPublishedExperts(second)).toBe(1);
  } finally {
    first.close();
    second.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("updateExpert keeps id and createdAt and re-validates", async () => {
  using kv = await openTestKv();
  await createCategories(kv);
  const expert = await createExpert(kv, input());
  const updated = await updateExpert(kv, expert.id, {
    headline: "New headline",
  });
  expect(updated).toEqual({ ...expert, headline: "New headline" });
  await expect(updateExpert(kv, expert.id, { yearsExperience: -1 })).rejects
    .toThrow(
      ValidationError,
    );
  await expect(updateExpert(kv, "missing", {})).rejects.toThrow("No expert");
});

// ---------------------------------------------------------------------------
// The KV search index and incremental catalog refresh

async function indexKeysOf(kv: Deno.Kv, expertId: string): Promise<string[]> {
  const keys: string[] = [];
  for (
    const prefix of [
      ["expert_terms"],
      ["experts_by_category"],
      ["experts_by_language"],
    ]
  ) {
    for await (const entry of kv.list({ prefix })) {
      if (entry.key.at(-1) === expertId) {
        keys.push(entry.key.slice(0, -1).join(":"));
      }
    }
  }
  return keys.sort();
}

Deno.test("index keys are written with the profile and follow every update", async () => {
  using kv = await openTestKv();
  await createCategories(kv);
  const expert = await createExpert(
    kv,
    input({ name: "Ada Lovelace", headline: "Engine programmer" }),
  );
  const stored = await kv.get(["experts", expert.id]);
  expect(await indexKeysOf(kv, expert.id)).toEqual([
    "expert_terms:ada",
    "expert_terms:algorithms",
    "expert_terms:engine",
    "expert_terms:lovelace",
    "expert_terms:mathematics",
    "expert_terms:programmer",
    "experts_by_category:software-engineering",
    "experts_by_category:web-development",
    "experts_by_language:en",
  ]);
  // Same atomic commit → the index and the record share a versionstamp.
  const term = await kv.get(["expert_terms", "ada", expert.id]);
  expect(term.versionstamp).toBe(stored.versionstamp);

  await updateExpert(kv, expert.id, {
    skills: ["Node.js"],
    categoryIds: ["design"],
    languages: ["fr"],
  });
  expect(await indexKeysOf(kv, expert.id)).toEqual([
    "expert_terms:ada",
    "expert_terms:engine",
    "expert_terms:js",
    "expert_terms:lovelace",
    "expert_terms:node",
    "expert_terms:programmer",
    "experts_by_category:design",
    "experts_by_language:fr",
  ]);
  expect(names(await searchExperts(kv, { q: "mathematics" }))).toEqual([]);
  expect(names(await searchExperts(kv, { q: "node.js" }))).toEqual([
    "Ada Lovelace",
  ]);

  await updateExpert(kv, expert.id, { published: false });
  expect(await indexKeysOf(kv, expert.id)).toEqual([]);
  expect((await searchExperts(kv, {})).total).toBe(0);
  expect(await findExpertIdsInIndex(kv, { q: "ada" })).toEqual(new Set());

  await updateExpert(kv, expert.id, { published: true });
  expect(await indexKeysOf(kv, expert.id)).toHaveLength(8);
});

Deno.test("a concurrent update fails its check instead of leaving stale index keys", async () => {
  using kv = await openTestKv();
  await createCategories(kv);
  const expert = await createExpert(kv, input({ skills: ["Cobol"] }));
  const results = await Promise.allSettled([
    updateExpert(kv, expert.id, { skills: ["Fortran"] }),
    updateExpert(kv, expert.id, { skills: ["Pascal"] }),
  ]);
  const final = (await getExpert(kv, expert.id))!;
  const skillTerms = (await indexKeysOf(kv, expert.id)).filter((key) =>
    ["cobol", "fortran", "pascal"].some((skill) => key.endsWith(skill))
  );
  expect(skillTerms).toEqual([
    `expert_terms:${final.skills[0].toLowerCase()}`,
  ]);
  expect(results.some((result) => result.status === "fulfilled")).toBe(true);
});

async function withTwoHandles(
  fn: (first: Deno.Kv, second: Deno.Kv) => Promise<void>,
) {
  const dir = await Deno.makeTempDir();
  const first = await Deno.openKv(`${dir}/shared.kv`);
  const second = await Deno.openKv(`${dir}/shared.kv`);
  try {
    await fn(first, second);
  } finally {
    first.close();
    second.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("another handle catches up by re-reading only the changed experts", async () => {
  await withTwoHandles(async (writer, reader) => {
    await createCategories(writer);
    const experts = [];
    for (let i = 0; i < 30; i++) {
      experts.push(
        await createExpert(writer, input({ name: `Expert ${i}` })),
      );
    }
    expect((await searchExperts(reader, {})).total).toBe(30);
    expect(catalogStats(reader)).toEqual({ fullLoads: 1, expertsReread: 0 });

    await updateExpert(writer, experts[3].id, { name: "Renamed Person" });
    expect(names(await searchExperts(reader, { q: "renamed" }))).toEqual([
      "Renamed Person",
    ]);
    expect(catalogStats(reader)).toEqual({ fullLoads: 1, expertsReread: 1 });

    await updateExpert(writer, experts[5].id, { published: false });
    await createExpert(writer, input({ name: "Latecomer" }));
    expect((await searchExperts(reader, {})).total).toBe(30);
    expect(names(await searchExperts(reader, { q: "expert 5" }))).toEqual([]);
    expect(catalogStats(reader)).toEqual({ fullLoads: 1, expertsReread: 3 });

    // Nothing changed: no reads beyond the version key.
    await searchExperts(reader, { q: "latecomer" });
    expect(catalogStats(reader)).toEqual({ fullLoads: 1, expertsReread: 3 });
  });
});

Deno.test("a change log trimmed past the catalog's position forces a full reload", async () => {
  await withTwoHandles(async (writer, reader) => {
    await createCategories(writer);
    const expert = await createExpert(writer, input({ name: "First" }));
    await searchExperts(reader, {});
    expect(catalogStats(reader).fullLoads).toBe(1);

    // Expiry removes the oldest entries; do it by hand.
    for await (const entry of writer.list({ prefix: ["experts_changes"] })) {
      await writer.delete(entry.key);
    }
    await updateExpert(writer, expert.id, { name: "Second" });
    expect(names(await searchExperts(reader, {}))).toEqual(["Second"]);
    expect(catalogStats(reader)).toEqual({ fullLoads: 2, expertsReread: 0 });
  });
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
    });
    all[all.indexOf(target)] = updated;
  }

  const order = (a: ExpertProfile, b: ExpertProfile, sort: string) => {
    const pop = (e: ExpertProfile) =>
      e.rating.average * Math.log(e.rating.count + 1);
    const id = a.id < b.id ? -1 : 1;
    const byPop = pop(b) - pop(a) || id;
    const price = toUsdMinor(a.hourlyRate) - toUsdMinor(b.hourlyRate);
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
    const expected = all.filter((e) =>
      e.published &&
      queryWords.every((q) =>
        [...searchWords(e)].some((w) => w.startsWith(q))
      ) &&
      (filters.category === undefined ||
        expandCategories(e.categoryIds, parents).has(
          String(filters.category),
        )) &&
      (filters.language === undefined ||
        e.languages.includes(String(filters.language))) &&
      (filters.minRating === undefined ||
        e.rating.average >= Number(filters.minRating)) &&
      (filters.minPrice === undefined ||
        toUsdMinor(e.hourlyRate) >= Number(filters.minPrice)) &&
      (filters.maxPrice === undefined ||
        toUsdMinor(e.hourlyRate) <= Number(filters.maxPrice))
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
      const numberless = all.filter((e) =>
        e.published &&
        queryWords.every((q) =>
          [...searchWords(e)].some((w) => w.startsWith(q))
        ) &&
        (filters.category === undefined ||
          expandCategories(e.categoryIds, parents).has(
            String(filters.category),
          )) &&
        (filters.language === undefined ||
          e.languages.includes(String(filters.language)))
      );
      expect([context, [...fromIndex].sort()]).toEqual([
        context,
        numberless.map((e) => e.id).sort(),
      ]);
    }
  }
});

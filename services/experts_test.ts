import { expect } from "expect";
import { openTestKv } from "./testing.ts";
import { createCategory } from "./categories.ts";
import { ValidationError } from "./errors.ts";
import {
  countPublishedExperts,
  createExpert,
  type ExpertInput,
  EXPERTS_VERSION_KEY,
  expertsByCategoryCount,
  expertSearchSchema,
  featuredExperts,
  getExpert,
  getPublishedExpert,
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

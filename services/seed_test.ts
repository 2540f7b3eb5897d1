import { expect } from "expect";
import { openTestKv } from "./testing.ts";
import { listPosts } from "./blog.ts";
import { listCategories } from "./categories.ts";
import { countPublishedExperts, searchExperts } from "./experts.ts";
import { SUPPORTED_CURRENCIES } from "./money.ts";
import {
  demoExpertId,
  generateExperts,
  seedDemoData,
  SEEDED_KEY,
  seedGeneratedExperts,
  SEEDING_STALE_MS,
} from "./seed.ts";
import { DEMO_EXPERTS } from "./seed_data/experts.ts";
import { DEMO_POSTS } from "./seed_data/posts.ts";

Deno.test("seedDemoData writes the demo data once, then never again", async () => {
  using kv = await openTestKv();
  const first = await seedDemoData(kv);
  expect(first.seeded).toBe(true);
  expect(first.experts).toBe(DEMO_EXPERTS.length);
  expect(first.posts).toBe(5);
  expect((await kv.get(SEEDED_KEY)).value).toMatchObject({
    state: "done",
    at: expect.any(String),
  });

  const second = await seedDemoData(kv);
  expect(second).toEqual({
    seeded: false,
    categories: 0,
    experts: 0,
    posts: 0,
  });
  expect(await countPublishedExperts(kv)).toBe(DEMO_EXPERTS.length);
});

Deno.test("two processes seeding one fresh database at once seed it once", async () => {
  const dir = await Deno.makeTempDir();
  const handles = await Promise.all(
    [1, 2, 3].map(() => Deno.openKv(`${dir}/seed.kv`)),
  );
  try {
    const results = await Promise.all(handles.map((kv) => seedDemoData(kv)));
    expect(results.filter((r) => r.seeded)).toHaveLength(1);
    const experts = await Array.fromAsync(
      handles[0].list({ prefix: ["experts"] }),
    );
    expect(experts).toHaveLength(DEMO_EXPERTS.length);
  } finally {
    for (const kv of handles) kv.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the demo data has the promised shape", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  const tree = await listCategories(kv);
  expect(tree.length).toBeGreaterThanOrEqual(12);
  for (const category of tree) {
    expect(category.subcategories.length).toBeGreaterThanOrEqual(3);
    expect(category.subcategories.length).toBeLessThanOrEqual(5);
  }
  expect(DEMO_EXPERTS.length).toBeGreaterThanOrEqual(40);
  expect(new Set(DEMO_EXPERTS.map((e) => e.name)).size).toBe(
    DEMO_EXPERTS.length,
  );
  expect(new Set(DEMO_EXPERTS.map((e) => e.hourlyRate.currency)).size)
    .toBeGreaterThanOrEqual(4);
  for (const expert of DEMO_EXPERTS) {
    expect(expert.skills.length).toBeGreaterThanOrEqual(3);
    expect(expert.skills.length).toBeLessThanOrEqual(8);
    expect(expert.rating!.average).toBeGreaterThanOrEqual(3.8);
    expect(SUPPORTED_CURRENCIES).toContain(expert.hourlyRate.currency);
  }
  // Every top-level category has someone in it.
  for (const category of tree) {
    expect((await searchExperts(kv, { category: category.id })).total)
      .toBeGreaterThan(0);
  }
  for (const post of DEMO_POSTS) {
    const words = post.bodyMarkdown.split(/\s+/).length;
    expect(words).toBeGreaterThanOrEqual(400);
    expect(words).toBeLessThanOrEqual(800);
    expect(post.bodyMarkdown).toMatch(/^## /m);
    expect(post.bodyMarkdown).toMatch(/\]\(/);
  }
  expect((await listPosts(kv)).posts[0].slug).toBe(
    "learning-a-language-with-a-tutor",
  );
});

Deno.test("generateExperts is deterministic per seed", () => {
  expect(generateExperts(50, 7)).toEqual(generateExperts(50, 7));
  expect(generateExperts(50, 7)).not.toEqual(generateExperts(50, 8));
  expect(generateExperts(3)).toHaveLength(3);
});

Deno.test("seedGeneratedExperts writes thousands in batches and needs the categories", async () => {
  using kv = await openTestKv();
  await expect(seedGeneratedExperts(kv, 5, 1)).rejects.toThrow("invalid");
  await seedDemoData(kv);
  expect(await seedGeneratedExperts(kv, 1200, 1)).toBe(1200);
  const stored = await Array.fromAsync(kv.list({ prefix: ["experts"] }));
  expect(stored).toHaveLength(DEMO_EXPERTS.length + 1200);
  const published = generateExperts(1200, 1).filter((e) => e.published).length;
  expect(await countPublishedExperts(kv)).toBe(
    DEMO_EXPERTS.length + published,
  );
});

Deno.test("a seeder that died half-way is finished by a later start, once", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  // Simulate a crash: three experts never written, marker left at "seeding".
  const crashedAt = Date.now();
  for (const index of [0, 7, DEMO_EXPERTS.length - 1]) {
    await kv.delete(["experts", demoExpertId(index)]);
  }
  await kv.set(SEEDED_KEY, {
    state: "seeding",
    at: new Date(crashedAt).toISOString(),
  });

  // While the marker is fresh another seeder may still be running: hands off.
  const tooSoon = await seedDemoData(kv, () => crashedAt + 1000);
  expect(tooSoon.seeded).toBe(false);
  expect((await kv.get(["experts", demoExpertId(7)])).value).toBeNull();

  const later = () => crashedAt + SEEDING_STALE_MS + 1000;
  const [a, b] = await Promise.all([
    seedDemoData(kv, later),
    seedDemoData(kv, later),
  ]);
  expect([a.seeded, b.seeded].sort()).toEqual([false, true]);
  expect(a.experts + b.experts).toBe(3);
  expect(a.categories + b.categories).toBe(0);
  expect(await countPublishedExperts(kv)).toBe(
    DEMO_EXPERTS.filter((expert) => expert.published !== false).length,
  );
  expect((await kv.get(SEEDED_KEY)).value).toMatchObject({ state: "done" });
});

Deno.test("databases marked seeded before markers had a state stay seeded", async () => {
  using kv = await openTestKv();
  await kv.set(SEEDED_KEY, { seededAt: "2026-01-01T00:00:00.000Z" });
  expect((await seedDemoData(kv)).seeded).toBe(false);
});

Deno.test("demo expert ids are stable, distinct and sortable ULIDs", () => {
  const ids = DEMO_EXPERTS.map((_, index) => demoExpertId(index));
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(ids);
  for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  expect(demoExpertId(3)).toBe(demoExpertId(3));
});

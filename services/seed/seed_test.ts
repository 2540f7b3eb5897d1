import { listOutbox } from "@/services/platform/email/mod.ts";
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  getApplication,
  listApplications,
  republishExpert,
  unpublishExpert,
} from "@/services/applications/mod.ts";
import { listPosts } from "@/services/content/mod.ts";
import { listCategories } from "@/services/categories/mod.ts";
import { DEMO_ACCOUNTS, seedDemoAccounts } from "./demo_accounts.ts";
import {
  countPublishedExperts,
  getExpert,
  getPublishedExpert,
  searchExperts,
} from "@/services/experts/mod.ts";
import { SUPPORTED_CURRENCIES } from "@/services/platform/money.ts";
import {
  hourlyRateFromOfferings,
  listOfferings,
  migrateLegacyOfferings,
} from "@/services/offerings/mod.ts";
import {
  demoExpertId,
  demoOfferings,
  generateExperts,
  seedDemoData,
  SEEDED_KEY,
  seedGeneratedExperts,
  SEEDING_STALE_MS,
} from "./seed.ts";
import { DEMO_EXPERTS } from "./data/experts.ts";
import { DEMO_POSTS } from "./data/posts.ts";

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

Deno.test("every demo expert was approved and has offerings matching its rate", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  const { applications } = await listApplications(kv, {
    status: "approved",
    limit: 50,
  });
  expect(applications.map((application) => application.userId).sort())
    .toEqual(DEMO_EXPERTS.map((_, index) => demoExpertId(index)));
  for (const [index, input] of DEMO_EXPERTS.entries()) {
    const id = demoExpertId(index);
    const application = await getApplication(kv, id);
    const expert = await getExpert(kv, id);
    expect(application).toMatchObject({
      status: "approved",
      headline: expert!.headline,
      categoryIds: expert!.categoryIds,
      documents: [],
      reviewerNotes: [
        expect.objectContaining({
          decision: "approved",
          note: "Seeded demo expert",
        }),
      ],
    });
    expect(application.steps).toMatchObject({
      profile: true,
      expertise: true,
      offerings: true,
    });
    const offerings = await listOfferings(kv, id);
    expect(offerings.length).toBe(2);
    expect(application.activeOfferings).toBe(offerings.length);
    for (const offering of offerings) {
      expect(offering.priceMinor).toBeGreaterThanOrEqual(1000);
    }
    expect(hourlyRateFromOfferings(offerings)).toEqual(expert!.hourlyRate);
    expect(expert!.hourlyRate).toEqual(input.hourlyRate);
    // Listed from the half hour: the cheapest session, as it is sold.
    expect(expert!.startingPrice).toEqual({
      amountMinor: offerings.find((o) => o.durationMinutes === 30)!.priceMinor,
      currency: input.hourlyRate.currency,
      durationMinutes: 30,
    });
  }
});

Deno.test("demoOfferings: half an hour at half the rate, an hour, and most sell the hour in packages", () => {
  const rate = { amountMinor: 12_001, currency: "EUR" } as const;
  const at = "2026-01-01T00:00:00.000Z";
  const third = demoOfferings("X", 3, rate, at);
  expect(third.map((o) => [o.kind, o.durationMinutes, o.priceMinor]))
    .toEqual([["session", 30, 6001], ["session", 60, 12_001]]);
  expect(third.every((o) => o.active && o.currency === "EUR")).toBe(true);
  expect(third.every((o) => !("sessions" in o))).toBe(true);
  // Packages of the hour, below 5 and 10 single sessions.
  const options = (index: number) =>
    demoOfferings("X", index, rate, at)[1].packageOptions!.map((
      o,
    ) => [o.sessions, o.priceMinor, o.currency]);
  expect(options(3)).toEqual([[5, 54_005, "EUR"]]);
  expect(options(4)).toEqual([[5, 54_005, "EUR"], [10, 102_009, "EUR"]]);
  expect(options(5)).toEqual([]);
  expect(demoOfferings("X", 4, rate, at)[0].packageOptions).toEqual([]);
  expect(hourlyRateFromOfferings(third)).toEqual(rate);
});

Deno.test("admins can unpublish and republish a seeded expert", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  await seedDemoAccounts(kv);
  const expertAccount = DEMO_ACCOUNTS.find((a) => a.role === "expert")!;
  const id = expertAccount.id!;
  const meta = { ip: "127.0.0.1", userAgent: "test", baseUrl: "http://x" };
  const inSearch = async () =>
    (await searchExperts(kv, { q: DEMO_EXPERTS[0].name })).experts
      .some((expert) => expert.id === id);
  expect(await inSearch()).toBe(true);

  await unpublishExpert(kv, "admin", id, { note: "Complaints" }, meta);
  expect(await getPublishedExpert(kv, id)).toBeNull();
  expect(await inSearch()).toBe(false);

  const republished = await republishExpert(kv, "admin", id, {}, meta);
  expect(republished.status).toBe("approved");
  expect(republished.reviewerNotes.map((note) => note.decision)).toEqual([
    "approved",
    "unpublished",
    "republished",
  ]);
  expect(await inSearch()).toBe(true);
});

Deno.test("seeded experts without accounts can be unpublished too, with no email", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  const id = demoExpertId(5);
  const meta = { ip: "127.0.0.1", userAgent: "test", baseUrl: "http://x" };
  const outboxBefore = await listOutbox(kv);
  await unpublishExpert(kv, "admin", id, { note: "Complaints" }, meta);
  expect(await getPublishedExpert(kv, id)).toBeNull();
  await republishExpert(kv, "admin", id, {}, meta);
  expect((await getPublishedExpert(kv, id))?.id).toBe(id);
  expect(await listOutbox(kv)).toEqual(outboxBefore);
});

Deno.test("the demo expert account's application is approved", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  await seedDemoAccounts(kv);
  const expertAccount = DEMO_ACCOUNTS.find((a) => a.role === "expert")!;
  const application = await getApplication(kv, expertAccount.id!);
  expect(application.status).toBe("approved");
  expect(application.activeOfferings).toBe(2);
  // Seeded offerings are stored as today's code writes them: the start-up
  // migration of the retired package kind finds nothing to do.
  expect(await migrateLegacyOfferings(kv)).toEqual({
    migrated: 0,
    unresolved: [],
  });
});

Deno.test("a resumed seed writes the missing experts' applications and offerings too", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  const id = demoExpertId(5);
  const application = await getApplication(kv, id);
  // Simulate a crash before expert 5's batch: none of its keys exist.
  const op = kv.atomic()
    .delete(["experts", id])
    .delete(["applications", id])
    .delete(["applications_by_status", "approved", application.statusEntryId!])
    .delete(["offerings_version", id]);
  for (const offering of await listOfferings(kv, id)) {
    op.delete(["offerings", id, offering.id]);
  }
  await op.commit();
  const crashedAt = Date.now();
  await kv.set(SEEDED_KEY, {
    state: "seeding",
    at: new Date(crashedAt).toISOString(),
  });

  const resumed = await seedDemoData(
    kv,
    () => crashedAt + SEEDING_STALE_MS + 1,
  );
  expect(resumed.experts).toBe(1);
  expect((await getApplication(kv, id)).status).toBe("approved");
  expect(await listOfferings(kv, id)).toHaveLength(2);
  const approved = await listApplications(kv, {
    status: "approved",
    limit: 50,
  });
  expect(approved.applications).toHaveLength(DEMO_EXPERTS.length);
  const allOfferings = await Array.fromAsync(
    kv.list({ prefix: ["offerings"] }),
  );
  expect(allOfferings).toHaveLength(DEMO_EXPERTS.length * 2);
});

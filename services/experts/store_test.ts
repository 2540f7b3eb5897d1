import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { searchExperts } from "./search.ts";
import {
  createExpert,
  EXPERTS_VERSION_KEY,
  getExpert,
  getExperts,
  getPublishedExpert,
  updateExpert,
} from "./store.ts";
import { createCategories, createFixture, input } from "./test_fixtures.ts";

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

Deno.test("getExperts reads many profiles together: unpublished ones too, unknown ids left out", async () => {
  using kv = await openTestKv();
  const { hidden, jose } = await createFixture(kv);
  // More ids than one KV read takes, with repeats.
  const ids = [
    jose.id,
    "missing",
    hidden.id,
    jose.id,
    ...Array.from({ length: 12 }, (_, i) => `gone-${i}`),
  ];
  const found = await getExperts(kv, ids);
  expect([...found.keys()].sort()).toEqual([hidden.id, jose.id].sort());
  expect(found.get(jose.id)).toEqual(jose);
  expect(found.get(hidden.id)).toEqual(hidden);
  expect((await getExperts(kv, [])).size).toBe(0);
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

Deno.test("a profile read back can be written back unchanged", async () => {
  using kv = await openTestKv();
  await createCategories(kv);
  const created = await createExpert(
    kv,
    input({ linkedinOrWebsite: "https://example.com/ada", photoFileKey: null }),
  );
  const gotten = (await getExpert(kv, created.id))!;
  const saved = await updateExpert(kv, created.id, gotten);
  expect(saved).toEqual(gotten);
  expect(await getExpert(kv, created.id)).toEqual(gotten);
});

Deno.test("an unreadable stored profile is left out instead of failing reads", async () => {
  using kv = await openTestKv();
  const { jose } = await createFixture(kv);
  const { rating: _rating, ...damaged } = jose;
  await kv.set(["experts", jose.id], damaged);
  expect(await getExpert(kv, jose.id)).toBeNull();
  const { experts } = await searchExperts(kv, { limit: 50 });
  expect(experts.map((expert) => expert.id)).not.toContain(jose.id);
  await expect(updateExpert(kv, jose.id, { headline: "New" })).rejects
    .toThrow("No expert");
});

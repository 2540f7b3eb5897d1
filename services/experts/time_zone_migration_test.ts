import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import type { ExpertProfile } from "./model.ts";
import { findExpertIdsInIndex } from "./search_index.ts";
import { searchExperts } from "./search.ts";
import {
  createExpert,
  EXPERTS_VERSION_KEY,
  getExpert,
  prepareExpert,
  updateExpert,
} from "./store.ts";
import { migrateExpertTimeZones } from "./time_zone_migration.ts";
import { createCategories, input, names } from "./test_fixtures.ts";

/** Writes a profile straight into KV, as a database from before canonical zones holds it. */
async function writeRaw(
  kv: Deno.Kv,
  name: string,
  timeZone: string,
): Promise<ExpertProfile> {
  const profile = { ...prepareExpert(input({ name })), timeZone };
  await kv.set(["experts", profile.id], profile);
  return profile;
}

async function changeLogIds(kv: Deno.Kv): Promise<string[]> {
  const ids: string[] = [];
  for await (const entry of kv.list<string>({ prefix: ["experts_changes"] })) {
    ids.push(entry.value);
  }
  return ids;
}

Deno.test("profiles with a non-canonical stored zone still read, list and update", async () => {
  using kv = await openTestKv();
  await createCategories(kv);
  const calcutta = await writeRaw(kv, "Calcutta Person", "Asia/Calcutta");
  const eastern = await writeRaw(kv, "Eastern Person", "US/Eastern");
  await createExpert(kv, input({ name: "Canonical Person" }));

  expect((await getExpert(kv, eastern.id))?.timeZone).toBe("US/Eastern");
  expect(names(await searchExperts(kv, { sort: "newest" }))).toEqual([
    "Canonical Person",
    "Eastern Person",
    "Calcutta Person",
  ]);

  // A write that does not set the zone keeps one with no canonical name…
  const hidden = await updateExpert(kv, eastern.id, { published: false });
  expect(hidden.timeZone).toBe("US/Eastern");
  // …and stores the canonical name of one that has it.
  const renamed = await updateExpert(kv, calcutta.id, { headline: "Renamed" });
  expect(renamed.timeZone).toBe("Asia/Kolkata");
  // Setting a zone always takes a canonical one.
  await expect(updateExpert(kv, eastern.id, { timeZone: "US/Eastern" }))
    .rejects.toThrow("The expert profile is invalid.");
});

Deno.test("migrateExpertTimeZones rewrites resolvable zones through the write path and reports the rest", async () => {
  using kv = await openTestKv();
  await createCategories(kv);
  const canonical = await createExpert(kv, input({ name: "Canonical Person" }));
  const calcutta = await writeRaw(kv, "Calcutta Person", "Asia/Calcutta");
  const eastern = await writeRaw(kv, "Eastern Person", "US/Eastern");
  const mars = await writeRaw(kv, "Mars Person", "Mars/Olympus");
  const canonicalBefore = await kv.get(["experts", canonical.id]);
  const versionBefore = await kv.get(EXPERTS_VERSION_KEY);
  // Raw records have no index keys yet.
  expect(await findExpertIdsInIndex(kv, { q: "calcutta" })).toEqual(new Set());

  const first = await migrateExpertTimeZones(kv);
  expect(first.migrated).toBe(1);
  expect(first.unresolved.toSorted((a, b) => a.id < b.id ? -1 : 1)).toEqual([
    { id: eastern.id, timeZone: "US/Eastern" },
    { id: mars.id, timeZone: "Mars/Olympus" },
  ]);

  const migrated = await kv.get<ExpertProfile>(["experts", calcutta.id]);
  expect(migrated.value).toEqual({ ...calcutta, timeZone: "Asia/Kolkata" });
  // One atomic: the index keys, the change log and the version key with it.
  const term = await kv.get(["expert_terms", "calcutta", calcutta.id]);
  expect(term.versionstamp).toBe(migrated.versionstamp);
  expect(await changeLogIds(kv)).toContain(calcutta.id);
  const version = await kv.get(EXPERTS_VERSION_KEY);
  expect(version.versionstamp).not.toBe(versionBefore.versionstamp);
  expect(version.versionstamp).toBe(migrated.versionstamp);
  expect(names(await searchExperts(kv, { q: "calcutta" }))).toEqual([
    "Calcutta Person",
  ]);

  // Left alone: the canonical profile and the unresolved ones.
  expect((await kv.get(["experts", canonical.id])).versionstamp).toBe(
    canonicalBefore.versionstamp,
  );
  expect((await getExpert(kv, eastern.id))?.timeZone).toBe("US/Eastern");

  // Idempotent: nothing left to rewrite, the same ones to report.
  const changesBefore = (await changeLogIds(kv)).length;
  const second = await migrateExpertTimeZones(kv);
  expect(second.migrated).toBe(0);
  expect(second.unresolved.map((item) => item.id).sort()).toEqual(
    [eastern.id, mars.id].sort(),
  );
  expect((await changeLogIds(kv)).length).toBe(changesBefore);
});

import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { findExpertIdsInIndex } from "./search_index.ts";
import { searchExperts } from "./search.ts";
import { createExpert, getExpert, updateExpert } from "./store.ts";
import {
  createCategories,
  indexKeysOf,
  input,
  names,
} from "./test_fixtures.ts";

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
    "experts_by_category:software",
    "experts_by_category:web",
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

import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  createExpert,
  type ExpertInput,
  updateExpert,
} from "@/services/experts/mod.ts";
import { saveOnboarding } from "./onboarding.ts";
import {
  bayesianRating,
  goalWords,
  recommendExperts,
} from "./recommendations.ts";
import { addCategories, COOKING, MUSIC } from "@/tests/support/categories.ts";

function expert(overrides: Partial<ExpertInput>): ExpertInput {
  return {
    name: "Someone",
    headline: "Teacher",
    bio: "I teach.",
    categoryIds: ["piano"],
    skills: ["Teaching"],
    languages: ["en"],
    yearsExperience: 5,
    hourlyRate: { amountMinor: 5000, currency: "USD" },
    rating: { average: 4.5, count: 20 },
    location: "Vienna",
    timeZone: "Europe/Vienna",
    ...overrides,
  };
}

async function setUp(kv: Deno.Kv) {
  await addCategories(kv, MUSIC, COOKING);
  return {
    solid: await createExpert(kv, expert({ name: "Solid Sam" })),
    lucky: await createExpert(
      kv,
      expert({ name: "Lucky Lou", rating: { average: 5, count: 1 } }),
    ),
    jazz: await createExpert(
      kv,
      expert({
        name: "Jazz Jo",
        headline: "Jazz piano and improvisation",
        skills: ["Jazz", "Chords"],
        rating: { average: 4.3, count: 20 },
      }),
    ),
    friendly: await createExpert(
      kv,
      expert({
        name: "Friendly Fay",
        bio: "Beginners welcome: we start from scratch.",
        rating: { average: 4.3, count: 20 },
      }),
    ),
    chef: await createExpert(
      kv,
      expert({
        name: "Chef Cy",
        categoryIds: ["cooking"],
        rating: { average: 5, count: 500 },
      }),
    ),
    hidden: await createExpert(
      kv,
      expert({
        name: "Hidden Hal",
        rating: { average: 5, count: 900 },
        published: false,
      }),
    ),
  };
}

Deno.test("bayesianRating trusts many reviews over a few", () => {
  expect(bayesianRating({ average: 5, count: 1 })).toBeLessThan(
    bayesianRating({ average: 4.5, count: 20 }),
  );
  expect(bayesianRating({ average: 0, count: 0 })).toBe(4);
  expect(goalWords([{ text: "I want to learn Jazz and the blues" }])).toEqual([
    "jazz",
    "blues",
  ]);
});

Deno.test("without onboarding: top-rated published experts overall", async () => {
  using kv = await openTestKv();
  const { chef, solid, hidden } = await setUp(kv);
  const top = await recommendExperts(kv, "nobody", 2);
  expect(top.map((r) => r.expert.id)).toEqual([chef.id, solid.id]);
  expect(top[0].reason).toBe("Among the best-rated experts on TapTime");
  expect((await recommendExperts(kv, "nobody", 50)).map((r) => r.expert.id))
    .not.toContain(hidden.id);
});

Deno.test("interests pick categories (top-level includes subcategories); ranking is deterministic", async () => {
  using kv = await openTestKv();
  const experts = await setUp(kv);
  await saveOnboarding(kv, "l1", {
    goals: [{ text: "Sight reading" }],
    interests: ["music"],
    levels: { music: "intermediate" },
  });
  const first = await recommendExperts(kv, "l1");
  const ids = first.map((r) => r.expert.id);
  expect(ids).not.toContain(experts.chef.id);
  expect(ids).not.toContain(experts.hidden.id);
  expect(ids[0]).toBe(experts.solid.id);
  expect(ids).toHaveLength(4);
  // A subcategory's expert is there for the top-level interest chosen.
  expect(
    first.every((r) =>
      r.reason === "Because you want to learn Music at intermediate level"
    ),
  ).toBe(true);
  expect((await recommendExperts(kv, "l1")).map((r) => r.expert.id)).toEqual(
    ids,
  );
});

Deno.test("goal words and a beginner-friendly bio lift an expert", async () => {
  using kv = await openTestKv();
  const experts = await setUp(kv);
  await saveOnboarding(kv, "jazzfan", {
    goals: [{ text: "Improvise jazz chords" }],
    interests: ["piano"],
    levels: { piano: "intermediate" },
  });
  const [top] = await recommendExperts(kv, "jazzfan");
  expect(top.expert.id).toBe(experts.jazz.id);
  // Why, first of all: the interest and level the learner gave.
  expect(top.reason).toBe(
    "Because you want to learn Piano at intermediate level",
  );
  expect(top.reasons).toEqual([top.reason, "Matches your goals: jazz, chords"]);

  await saveOnboarding(kv, "newbie", {
    goals: [{ text: "Play my first song" }],
    interests: ["piano"],
    levels: { piano: "beginner" },
  });
  const [first] = await recommendExperts(kv, "newbie");
  expect(first.expert.id).toBe(experts.friendly.id);
  expect(first.reasons).toContain("Welcomes beginners");
});

Deno.test("unpublishing removes an expert from recommendations at once", async () => {
  using kv = await openTestKv();
  const experts = await setUp(kv);
  await saveOnboarding(kv, "l1", {
    goals: [{ text: "Sight reading" }],
    interests: ["piano"],
    levels: { piano: "advanced" },
  });
  expect((await recommendExperts(kv, "l1"))[0].expert.id).toBe(
    experts.solid.id,
  );
  await updateExpert(kv, experts.solid.id, { published: false });
  expect((await recommendExperts(kv, "l1")).map((r) => r.expert.id)).not
    .toContain(
      experts.solid.id,
    );
});

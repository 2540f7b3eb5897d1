import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { learnerProfileSchema, type OnboardingInput } from "./model.ts";
import { getOnboarding, saveOnboarding } from "./onboarding.ts";
import { addCategories, MUSIC, RETIRED } from "@/tests/support/categories.ts";
import { fieldErrorsOf } from "@/tests/support/rejections.ts";

/** Music › Piano, and the retired Old. */
function setUp(kv: Deno.Kv) {
  return addCategories(kv, MUSIC, RETIRED);
}

const answers: OnboardingInput = {
  goals: [{ text: "Play a Chopin nocturne", targetDate: "2030-06-01" }, {
    text: "Read sheet music",
  }],
  interests: ["piano", "music"],
  levels: { piano: "beginner", music: "intermediate" },
};

Deno.test("saveOnboarding stores the answers and replaces them later", async () => {
  using kv = await openTestKv();
  using _clock = useFakeClock(new Date("2030-01-01T12:00:00Z"));
  await setUp(kv);
  expect(await getOnboarding(kv, "l1")).toBeNull();
  const saved = await saveOnboarding(kv, "l1", answers);
  expect(saved.goals).toEqual([
    { text: "Play a Chopin nocturne", targetDate: "2030-06-01" },
    { text: "Read sheet music", targetDate: null },
  ]);
  expect(await getOnboarding(kv, "l1")).toEqual(saved);
  expect(saved.assessments).toEqual({});
  const edited = await saveOnboarding(kv, "l1", {
    goals: [{ text: "Jazz chords" }],
    interests: ["music"],
    levels: { music: "advanced" },
  });
  expect(edited.createdAt).toBe(saved.createdAt);
  expect((await getOnboarding(kv, "l1"))!.interests).toEqual(["music"]);
});

Deno.test("saveOnboarding refuses bad answers and stores nothing", async () => {
  using kv = await openTestKv();
  using _clock = useFakeClock(new Date("2030-01-01T12:00:00Z"));
  await setUp(kv);
  const cases: [Partial<OnboardingInput>, string[]][] = [
    [{ goals: [] }, ["goals"]],
    [{ goals: Array(6).fill({ text: "Learn things" }) }, ["goals"]],
    [{ goals: [{ text: "Hi" }] }, ["goals.0.text"]],
    [{ goals: [{ text: "Learn", targetDate: "2029-12-31" }] }, [
      "goals.0.targetDate",
    ]],
    [{ goals: [{ text: "Learn", targetDate: "next week" }] }, [
      "goals.0.targetDate",
    ]],
    [{ interests: [], levels: {} }, ["interests"]],
    [{ interests: ["nope"], levels: { nope: "beginner" } }, ["interests"]],
    [{ interests: ["old"], levels: { old: "beginner" } }, ["interests"]],
    [{ levels: { piano: "beginner" } }, ["levels.music"]],
    [{ levels: { piano: "beginner", music: "expert" as never } }, [
      "levels.music",
    ]],
    [{ levels: { piano: "beginner", music: "advanced", art: "advanced" } }, [
      "levels.art",
    ]],
    [{ assessments: { art: [true] } }, ["assessments.art"]],
    [{ assessments: { piano: Array(7).fill(false) } }, ["assessments.piano"]],
  ];
  for (const [change, fields] of cases) {
    const errors = await fieldErrorsOf(
      saveOnboarding(kv, "l1", { ...answers, ...change }),
    );
    expect([change, Object.keys(errors)]).toEqual([change, fields]);
  }
  expect(await getOnboarding(kv, "l1")).toBeNull();
  // Today is fine.
  await saveOnboarding(kv, "l1", {
    ...answers,
    goals: [{ text: "Learn", targetDate: "2030-01-01" }],
  });
  expect((await getOnboarding(kv, "l1"))!.goals[0].targetDate).toBe(
    "2030-01-01",
  );
});

Deno.test("answers read back save back unchanged, goals without a date included", async () => {
  using kv = await openTestKv();
  using clock = useFakeClock(new Date("2030-01-01T12:00:00Z"));
  await setUp(kv);
  const saved = await saveOnboarding(kv, "l1", answers);
  const gotten = (await getOnboarding(kv, "l1"))!;
  expect(gotten).toEqual(saved);
  expect(gotten.goals[1].targetDate).toBeNull();

  // The whole object, as GET returns it, is a valid PUT body.
  clock.advance(60_000);
  const again = await saveOnboarding(kv, "l1", structuredClone(gotten));
  expect(again).toEqual({ ...gotten, updatedAt: "2030-01-01T12:01:00.000Z" });
  expect(await getOnboarding(kv, "l1")).toEqual(again);
  expect(learnerProfileSchema.parse(again)).toEqual(again);

  // Its server-set fields are ignored, never taken from the body.
  const other = await saveOnboarding(kv, "l2", {
    ...gotten,
    createdAt: "2001-01-01T00:00:00.000Z",
  });
  expect(other.userId).toBe("l2");
  expect(other.createdAt).toBe("2030-01-01T12:01:00.000Z");
});

import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { addCategories, MUSIC, RETIRED } from "@/tests/support/categories.ts";
import { fieldErrorsOf } from "@/tests/support/rejections.ts";
import {
  finishOnboarding,
  getOnboardingDraft,
  getOnboardingProgress,
  saveOnboardingDraft,
  skipOnboarding,
} from "./draft.ts";
import { getOnboarding, saveOnboarding } from "./onboarding.ts";

async function setUp() {
  const kv = await openTestKv();
  await addCategories(kv, MUSIC, RETIRED);
  return kv;
}

const goals = [{ text: "Play jazz standards", targetDate: null }];

Deno.test("onboarding moves step by step and resumes at the first unfinished step", async () => {
  await using kv = await setUp();
  using _clock = useFakeClock(new Date("2030-01-01T12:00:00Z"));
  const fresh = await getOnboardingProgress(kv, "u1");
  expect([fresh.status, fresh.step, fresh.hasDraft]).toEqual([
    "new",
    "goals",
    false,
  ]);

  let progress = await saveOnboardingDraft(kv, "u1", { goals });
  expect([progress.status, progress.step]).toEqual([
    "in_progress",
    "interests",
  ]);
  progress = await saveOnboardingDraft(kv, "u1", {
    interests: ["piano", "music"],
  });
  expect(progress.step).toBe("levels");
  // One interest with a level is not the step done.
  progress = await saveOnboardingDraft(kv, "u1", {
    levels: { piano: "answers" },
    assessments: { piano: [true, true, false] },
  });
  expect(progress.step).toBe("levels");
  expect(progress.completed).toEqual({
    goals: true,
    interests: true,
    levels: false,
    review: false,
  });

  // Leaving and coming back: the same step, with everything entered.
  const back = await getOnboardingProgress(kv, "u1");
  expect(back.step).toBe("levels");
  expect(back.answers.goals).toEqual(goals);
  expect(back.answers.assessments.piano).toEqual([true, true, false]);

  progress = await saveOnboardingDraft(kv, "u1", {
    levels: { music: "advanced" },
  });
  expect(progress.step).toBe("review");
  expect(progress.answers.levels).toEqual({
    piano: "answers",
    music: "advanced",
  });

  const profile = await finishOnboarding(kv, "u1");
  // "answers" became the level the self-assessment gives.
  expect(profile.levels).toEqual({ piano: "intermediate", music: "advanced" });
  expect(profile.assessments).toEqual({ piano: [true, true, false] });
  expect(await getOnboardingDraft(kv, "u1")).toBeNull();
  const done = await getOnboardingProgress(kv, "u1");
  expect([done.status, done.step, done.completed.review]).toEqual([
    "finished",
    "review",
    true,
  ]);
  // Editing later starts from the saved answers, the pick read back as such.
  expect(done.answers.levels).toEqual({ piano: "answers", music: "advanced" });
});

Deno.test("each step's answers are checked as at the end, and nothing is lost", async () => {
  await using kv = await setUp();
  using _clock = useFakeClock(new Date("2030-01-01T12:00:00Z"));
  await saveOnboardingDraft(kv, "u1", { goals, interests: ["piano"] });
  const cases: [Parameters<typeof saveOnboardingDraft>[2], string[]][] = [
    [{ goals: [{ text: "Hi" }] }, ["goals.0.text"]],
    [{ goals: [{ text: "Learn", targetDate: "2029-12-31" }] }, [
      "goals.0.targetDate",
    ]],
    [{ interests: ["old"] }, ["interests"]],
    [{ interests: Array.from({ length: 11 }, (_, i) => `c${i}`) }, [
      "interests",
    ]],
    [{ levels: { piano: "expert" as never } }, ["levels.piano"]],
    [{ levels: { music: "beginner" } }, ["levels.music"]],
    [{ assessments: { piano: Array(7).fill(true) } }, ["assessments.piano"]],
  ];
  for (const [change, fields] of cases) {
    const errors = await fieldErrorsOf(saveOnboardingDraft(kv, "u1", change));
    expect([change, Object.keys(errors)]).toEqual([change, fields]);
  }
  // A step's Continue needs the step done; saving as one goes does not.
  const incomplete: [Parameters<typeof saveOnboardingDraft>[2], string][] = [
    [{ goals: [] }, "goals"],
    [{ interests: [] }, "interests"],
    [{ levels: {} }, "levels"],
  ];
  for (const [change, step] of incomplete) {
    const errors = await fieldErrorsOf(
      saveOnboardingDraft(kv, "u1", change, { complete: step as never }),
    );
    expect(Object.keys(errors)).toEqual([
      step === "levels" ? "levels.piano" : step,
    ]);
  }
  const draft = await getOnboardingDraft(kv, "u1");
  expect([draft?.goals, draft?.interests]).toEqual([goals, ["piano"]]);
  await saveOnboardingDraft(kv, "u2", { goals: [], interests: [] });
  // Finishing with a step left undone is refused, naming it.
  expect(Object.keys(await fieldErrorsOf(finishOnboarding(kv, "u1"))))
    .toEqual(["levels.piano"]);
  expect(await getOnboarding(kv, "u1")).toBeNull();
});

Deno.test("skipping keeps what was entered; carrying on clears the skip", async () => {
  await using kv = await setUp();
  const skippedEarly = await skipOnboarding(kv, "u2");
  expect([skippedEarly.status, skippedEarly.step]).toEqual([
    "skipped",
    "goals",
  ]);

  await saveOnboardingDraft(kv, "u1", { goals });
  const skipped = await skipOnboarding(kv, "u1");
  expect([skipped.status, skipped.step]).toEqual(["skipped", "interests"]);
  expect(skipped.answers.goals).toEqual(goals);
  const resumed = await saveOnboardingDraft(kv, "u1", {
    interests: ["music"],
  });
  expect([resumed.status, resumed.step]).toEqual(["in_progress", "levels"]);

  // Skipped from a step whose answers are all there: back to that step.
  await saveOnboardingDraft(kv, "u1", { levels: { music: "answers" } });
  const fromLevels = await skipOnboarding(kv, "u1", "levels");
  expect([fromLevels.step, fromLevels.completed.levels]).toEqual([
    "levels",
    true,
  ]);
  expect((await getOnboardingProgress(kv, "u1")).step).toBe("levels");
});

Deno.test("a finished learner edits a copy; saving through the API removes it", async () => {
  await using kv = await setUp();
  await saveOnboarding(kv, "u1", {
    goals,
    interests: ["piano"],
    levels: { piano: "beginner" },
  });
  const editing = await saveOnboardingDraft(kv, "u1", {
    interests: ["piano", "music"],
  });
  expect([editing.status, editing.step, editing.completed.review]).toEqual([
    "finished",
    "levels",
    false,
  ]);
  expect(editing.answers.goals).toEqual(goals);
  // Skipping now leaves the saved answers and the edits as they are.
  expect((await skipOnboarding(kv, "u1")).status).toBe("finished");
  await saveOnboarding(kv, "u1", {
    goals,
    interests: ["music"],
    levels: { music: "advanced" },
  });
  expect(await getOnboardingDraft(kv, "u1")).toBeNull();
});

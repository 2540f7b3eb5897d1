/**
 * The onboarding in progress, step by step: goals, then interests, then a
 * level (with its self-assessment) per interest, then a review that saves
 * the finished answers. Each step's answers wait in a draft, so leaving (or
 * skipping) and coming back resumes at the first unfinished step with what
 * was entered. A learner who already finished edits a copy of their answers
 * the same way. (Key design: keys.ts.)
 */
import { z } from "zod";
import { now } from "@/services/platform/clock.ts";
import { parseInput, ValidationError } from "@/services/platform/errors.ts";
import { levelFromAnswers } from "./assessment.ts";
import { draftKey, learnerKey } from "./keys.ts";
import {
  assessmentsSchema,
  goalListSchema,
  interestListSchema,
  type LearnerProfile,
  type Level,
  type LevelChoice,
  levelChoiceSchema,
  NO_GOALS,
  NO_INTERESTS,
} from "./model.ts";
import {
  getOnboarding,
  goalDateErrors,
  interestErrors,
  NOT_AN_INTEREST,
  profileFrom,
  saveOnboarding,
} from "./onboarding.ts";

/** The steps in order; "review" is where the answers are saved. */
export const ONBOARDING_STEPS = [
  "goals",
  "interests",
  "levels",
  "review",
] as const;
export type OnboardingStep = typeof ONBOARDING_STEPS[number];

export const onboardingDraftSchema = z.object({
  goals: z.array(z.object({
    text: z.string(),
    targetDate: z.string().nullable(),
  })),
  interests: z.array(z.string()),
  /** Interest id → a level, or "answers" (the assessment decides). */
  levels: z.record(z.string(), levelChoiceSchema),
  assessments: assessmentsSchema,
  /** When the learner last chose to skip; null once they carry on. */
  skippedAt: z.iso.datetime().nullable(),
  /** The step they skipped from, where they resume even if it holds answers. */
  stoppedAt: z.enum(ONBOARDING_STEPS).nullable().default(null),
  updatedAt: z.iso.datetime(),
});

export type OnboardingDraft = z.infer<typeof onboardingDraftSchema>;

/** What a client may change in the draft: any steps' answers, each checked as at the end. */
export const draftChangeSchema = z.strictObject({
  goals: goalListSchema.optional(),
  interests: interestListSchema.optional(),
  levels: z.record(z.string(), levelChoiceSchema).optional(),
  assessments: assessmentsSchema.optional(),
  skippedAt: z.unknown().optional().meta({
    description: "Set by the server; ignored when sent.",
  }),
  stoppedAt: z.unknown().optional().meta({
    description: "Set by the server; ignored when sent.",
  }),
  updatedAt: z.unknown().optional().meta({
    description: "Set by the server; ignored when sent.",
  }),
});

export type DraftChange = z.input<typeof draftChangeSchema>;

/** Where a learner stands in onboarding. */
export interface OnboardingProgress {
  /**
   * "new": nothing entered yet; "in_progress"/"skipped": a draft, before
   * the first finish; "finished": answers saved (a draft may hold edits).
   */
  status: "new" | "in_progress" | "skipped" | "finished";
  /** The first unfinished step: where a returning learner resumes. */
  step: OnboardingStep;
  /** Which steps hold answers (review: the answers are saved, no edits pending). */
  completed: Record<OnboardingStep, boolean>;
  /** The answers so far: the draft, else the saved answers, else empty. */
  answers: OnboardingDraft;
  /** Whether a draft is stored (the learner started or is editing). */
  hasDraft: boolean;
}

const INVALID = "These answers are invalid.";

/** The stored draft, or null when onboarding has not started (or is finished). */
export async function getOnboardingDraft(
  kv: Deno.Kv,
  userId: string,
): Promise<OnboardingDraft | null> {
  return draftFrom((await kv.get(draftKey(userId))).value);
}

function draftFrom(value: unknown): OnboardingDraft | null {
  const parsed = onboardingDraftSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function fromProfile(profile: LearnerProfile | null): OnboardingDraft {
  const levels: Record<string, LevelChoice> = {};
  for (const [id, level] of Object.entries(profile?.levels ?? {})) {
    const answers = profile?.assessments[id];
    // A level the answers alone give reads back as "let my answers decide".
    levels[id] = answers && levelFromAnswers(answers) === level
      ? "answers"
      : level;
  }
  return {
    goals: profile?.goals ?? [],
    interests: profile?.interests ?? [],
    levels,
    assessments: profile?.assessments ?? {},
    skippedAt: null,
    stoppedAt: null,
    updatedAt: profile?.updatedAt ?? now().toISOString(),
  };
}

/** The level an interest ends with: the learner's pick, or the assessment's. */
export function resolveLevel(
  choice: LevelChoice,
  answers: readonly boolean[] = [],
): Level {
  return choice === "answers" ? levelFromAnswers(answers) : choice;
}

function progressOf(
  draft: OnboardingDraft | null,
  profile: LearnerProfile | null,
): OnboardingProgress {
  const answers = draft ?? fromProfile(profile);
  const completed: Record<OnboardingStep, boolean> = {
    goals: answers.goals.length > 0,
    interests: answers.interests.length > 0,
    levels: answers.interests.length > 0 &&
      answers.interests.every((id) => id in answers.levels),
    review: profile !== null && draft === null,
  };
  const unfinished =
    ONBOARDING_STEPS.find((step) => step !== "review" && !completed[step]) ??
      "review";
  // A learner who skipped from a step comes back to it.
  const stopped = answers.stoppedAt;
  const step = stopped &&
      ONBOARDING_STEPS.indexOf(stopped) < ONBOARDING_STEPS.indexOf(unfinished)
    ? stopped
    : unfinished;
  const status = profile
    ? "finished"
    : draft
    ? (draft.skippedAt ? "skipped" : "in_progress")
    : "new";
  return { status, step, completed, answers, hasDraft: draft !== null };
}

/** Where the learner stands, and their answers so far. */
export async function getOnboardingProgress(
  kv: Deno.Kv,
  userId: string,
): Promise<OnboardingProgress> {
  return (await getOnboardingAndProgress(kv, userId)).progress;
}

/** The finished answers and the progress, read in one snapshot. */
export async function getOnboardingAndProgress(
  kv: Deno.Kv,
  userId: string,
): Promise<{ profile: LearnerProfile | null; progress: OnboardingProgress }> {
  const [draftEntry, profileEntry] = await kv.getMany([
    draftKey(userId),
    learnerKey(userId),
  ]);
  const profile = profileFrom(profileEntry.value);
  return {
    profile,
    progress: progressOf(draftFrom(draftEntry.value), profile),
  };
}

/**
 * Saves some steps' answers into the draft (carrying on clears a skip).
 * Each part is checked with the rules of the finished answers, so a step
 * that passes here passes again at the end: goals (dates today or later),
 * interests (active categories), a level choice and answers only for
 * chosen interests. With `complete`, that step must also be done (a goal,
 * an interest, a level for each interest), as a page's Continue asks; a
 * client saving as it goes may leave parts empty. Throws ValidationError
 * with field errors.
 */
export async function saveOnboardingDraft(
  kv: Deno.Kv,
  userId: string,
  change: DraftChange,
  options: { complete?: OnboardingStep } = {},
): Promise<OnboardingProgress> {
  const parsed = parseInput(draftChangeSchema, change, INVALID);
  const [draft, profile] = await Promise.all([
    getOnboardingDraft(kv, userId),
    getOnboarding(kv, userId),
  ]);
  const previous = draft ?? fromProfile(profile);
  const interests = parsed.interests ?? previous.interests;
  const fieldErrors: Record<string, string[]> = {
    ...(parsed.goals ? await goalDateErrors(kv, userId, parsed.goals) : {}),
    ...(parsed.interests ? await interestErrors(kv, parsed.interests) : {}),
  };
  const levels = { ...previous.levels, ...parsed.levels };
  if (options.complete === "goals" && (parsed.goals ?? []).length === 0) {
    fieldErrors.goals = [NO_GOALS];
  }
  if (options.complete === "interests" && interests.length === 0) {
    fieldErrors.interests = [NO_INTERESTS];
  }
  if (options.complete === "levels") {
    for (const id of interests) {
      if (!(id in levels)) {
        fieldErrors[`levels.${id}`] = ["Choose your level for this interest."];
      }
    }
  }
  for (const part of ["levels", "assessments"] as const) {
    for (const id of Object.keys(parsed[part] ?? {})) {
      if (!interests.includes(id)) {
        fieldErrors[`${part}.${id}`] = [NOT_AN_INTEREST];
      }
    }
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new ValidationError(INVALID, fieldErrors);
  }
  const next: OnboardingDraft = {
    goals: parsed.goals?.map((goal) => ({
      text: goal.text,
      targetDate: goal.targetDate ?? null,
    })) ?? previous.goals,
    interests,
    // Answers for interests dropped meanwhile are kept, so choosing one
    // again brings them back; finishing leaves them out.
    levels,
    assessments: { ...previous.assessments, ...parsed.assessments },
    skippedAt: null,
    stoppedAt: null,
    updatedAt: now().toISOString(),
  };
  // One small record per learner, written only by that learner: last write
  // wins, as with any form they submit twice.
  await kv.set(draftKey(userId), next);
  return progressOf(next, profile);
}

/**
 * The learner skips onboarding for now (from step `from`, where they will
 * resume): the draft keeps what was entered and remembers the skip, so the
 * dashboard asks them to finish. A learner who already finished just
 * leaves; their answers stand.
 */
export async function skipOnboarding(
  kv: Deno.Kv,
  userId: string,
  from: OnboardingStep | null = null,
): Promise<OnboardingProgress> {
  const [draft, profile] = await Promise.all([
    getOnboardingDraft(kv, userId),
    getOnboarding(kv, userId),
  ]);
  if (profile) return progressOf(draft, profile);
  const skipped: OnboardingDraft = {
    ...(draft ?? fromProfile(null)),
    skippedAt: now().toISOString(),
    stoppedAt: from,
  };
  await kv.set(draftKey(userId), skipped);
  return progressOf(skipped, profile);
}

/**
 * Saves the draft's answers as the learner's onboarding (levels resolved,
 * answers for dropped interests left out) and removes the draft. Throws
 * ValidationError, as saveOnboarding does, when a step is unfinished.
 */
export async function finishOnboarding(
  kv: Deno.Kv,
  userId: string,
): Promise<LearnerProfile> {
  const { answers } = await getOnboardingProgress(kv, userId);
  const levels: Record<string, Level> = {};
  const assessments: Record<string, boolean[]> = {};
  for (const id of answers.interests) {
    const choice = answers.levels[id];
    if (choice) levels[id] = resolveLevel(choice, answers.assessments[id]);
    if (answers.assessments[id]) assessments[id] = answers.assessments[id];
  }
  return await saveOnboarding(kv, userId, {
    goals: answers.goals,
    interests: answers.interests,
    levels,
    assessments,
  });
}

/** Removes the draft (the saved answers, if any, stand). */
export async function clearOnboardingDraft(
  kv: Deno.Kv,
  userId: string,
): Promise<void> {
  await kv.delete(draftKey(userId));
}

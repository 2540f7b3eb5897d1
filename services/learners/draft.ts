/**
 * The onboarding in progress: what a learner answered on the steps so far,
 * so leaving (or skipping) and coming back resumes where they were. The
 * finished answers are saved by `saveOnboarding` and the draft removed.
 *
 * KV keys
 *   ["learner_onboarding_drafts", userId] → OnboardingDraft   one per learner
 */
import { z } from "zod";
import { now } from "@/services/platform/clock.ts";
import { parseInput } from "@/services/platform/errors.ts";
import { ASSESSMENT_LENGTH } from "./assessment.ts";
import { onboardingSchema } from "./model.ts";

export const ONBOARDING_STEPS = ["goals", "interests", "levels"] as const;
export type OnboardingStep = typeof ONBOARDING_STEPS[number];

const draftSchema = z.object({
  step: z.enum(ONBOARDING_STEPS),
  goals: z.array(z.object({
    text: z.string(),
    targetDate: z.string().nullable(),
  })),
  interests: z.array(z.string()),
  /** Interest id → the self-assessment's yes/no answers, in order. */
  answers: z.record(z.string(), z.array(z.boolean()).max(ASSESSMENT_LENGTH)),
  updatedAt: z.iso.datetime(),
});

export type OnboardingDraft = z.infer<typeof draftSchema>;

function draftKey(userId: string): Deno.KvKey {
  return ["learner_onboarding_drafts", userId];
}

const INVALID = "These answers are invalid.";

/** The draft, or null when onboarding has not started (or is finished). */
export async function getOnboardingDraft(
  kv: Deno.Kv,
  userId: string,
): Promise<OnboardingDraft | null> {
  const value = (await kv.get(draftKey(userId))).value;
  const parsed = draftSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Saves one step's answers into the draft. Goals and interests are checked
 * with the same rules as the finished answers, so a step that passes here
 * passes again at the end (dates and categories are checked there too).
 */
export async function saveOnboardingDraft(
  kv: Deno.Kv,
  userId: string,
  change:
    & Partial<Pick<OnboardingDraft, "goals" | "interests" | "answers">>
    & { step: OnboardingStep },
): Promise<OnboardingDraft> {
  if (change.goals) {
    parseInput(
      onboardingSchema.pick({ goals: true }),
      { goals: change.goals },
      INVALID,
    );
  }
  if (change.interests) {
    parseInput(
      onboardingSchema.pick({ interests: true }),
      { interests: change.interests },
      INVALID,
    );
  }
  const previous = await getOnboardingDraft(kv, userId);
  const draft: OnboardingDraft = {
    step: change.step,
    goals: change.goals ?? previous?.goals ?? [],
    interests: change.interests ?? previous?.interests ?? [],
    answers: change.answers ?? previous?.answers ?? {},
    updatedAt: now().toISOString(),
  };
  // One small record per learner, written only by that learner: last write
  // wins, as with any form they submit twice.
  await kv.set(draftKey(userId), draft);
  return draft;
}

/** Removes the draft once the answers are saved. */
export async function clearOnboardingDraft(
  kv: Deno.Kv,
  userId: string,
): Promise<void> {
  await kv.delete(draftKey(userId));
}

/**
 * Learner onboarding: learning goals, interests (categories) and a
 * self-assessed level per interest. Recommendations read it.
 *
 * KV keys
 *   ["learner_profiles", userId] → LearnerProfile   one small record per learner
 *
 * Saved whole each time (the pages keep the steps' answers in the form and
 * the API takes all three), so it is never half valid.
 */
import { now } from "@/services/platform/clock.ts";
import { getUser } from "@/services/auth/mod.ts";
import { activeCategoryIds } from "@/services/categories/mod.ts";
import { parseInput, ValidationError } from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import {
  type LearnerProfile,
  type OnboardingInput,
  onboardingSchema,
} from "./model.ts";

function learnerKey(userId: string): Deno.KvKey {
  return ["learner_profiles", userId];
}

const INVALID = "The onboarding answers are invalid.";

/**
 * Saves a learner's goals, interests and levels (replacing earlier answers).
 * Interests must be existing, non-retired categories, with exactly one level
 * each; target dates are today or later in the learner's time zone. Throws
 * ValidationError with field errors (`goals.0.targetDate`, `levels.x`, …).
 */
export async function saveOnboarding(
  kv: Deno.Kv,
  userId: string,
  input: OnboardingInput,
): Promise<LearnerProfile> {
  const parsed = parseInput(onboardingSchema, input, INVALID);
  const user = await getUser(kv, userId);
  const fieldErrors: Record<string, string[]> = {};

  const today = Temporal.Instant.fromEpochMilliseconds(now().getTime())
    .toZonedDateTimeISO(user?.timeZone ?? "UTC").toPlainDate();
  parsed.goals.forEach((goal, index) => {
    if (
      goal.targetDate != null &&
      Temporal.PlainDate.compare(
          Temporal.PlainDate.from(goal.targetDate),
          today,
        ) < 0
    ) {
      fieldErrors[`goals.${index}.targetDate`] = [
        "Choose today or a later date.",
      ];
    }
  });

  const active = await activeCategoryIds(kv);
  const unknown = parsed.interests.filter((id) => !active.has(id));
  if (unknown.length > 0) {
    fieldErrors.interests = [`Unknown categories: ${unknown.join(", ")}.`];
  }
  for (const id of parsed.interests) {
    if (!(id in parsed.levels)) {
      fieldErrors[`levels.${id}`] = ["Choose your level for this interest."];
    }
  }
  for (const id of Object.keys(parsed.levels)) {
    if (!parsed.interests.includes(id)) {
      fieldErrors[`levels.${id}`] = ["This is not one of your interests."];
    }
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new ValidationError(INVALID, fieldErrors);
  }

  return await withLockRetry(async () => {
    const previous = (await kv.get<LearnerProfile>(learnerKey(userId))).value;
    const at = now().toISOString();
    const profile: LearnerProfile = {
      userId,
      goals: parsed.goals.map((goal) => ({
        text: goal.text,
        targetDate: goal.targetDate ?? null,
      })),
      interests: parsed.interests,
      levels: parsed.levels,
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
    };
    await kv.set(learnerKey(userId), profile);
    return profile;
  });
}

/** The learner's answers, or null before onboarding. */
export async function getOnboarding(
  kv: Deno.Kv,
  userId: string,
): Promise<LearnerProfile | null> {
  return (await kv.get<LearnerProfile>(learnerKey(userId))).value;
}

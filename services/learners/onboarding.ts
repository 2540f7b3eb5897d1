/**
 * Learner onboarding: learning goals, interests (categories) and a
 * self-assessed level per interest. Recommendations read it. (Key design:
 * keys.ts.)
 *
 * Saved whole each time (the steps' answers wait in the draft, and the API
 * takes all of them at once), so it is never half valid; saving removes the
 * draft in the same commit.
 */
import { now } from "@/services/platform/clock.ts";
import { getUser } from "@/services/auth/mod.ts";
import { activeCategoryIds } from "@/services/categories/mod.ts";
import { parseInput, ValidationError } from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import { draftKey, learnerKey } from "./keys.ts";
import {
  type LearnerProfile,
  type OnboardingInput,
  onboardingSchema,
} from "./model.ts";

const INVALID = "The onboarding answers are invalid.";
export const NOT_AN_INTEREST = "This is not one of your interests.";

/**
 * Field errors for target dates before today in the learner's time zone,
 * under `goals.<index>.targetDate`.
 */
export async function goalDateErrors(
  kv: Deno.Kv,
  userId: string,
  goals: readonly { targetDate?: string | null }[],
): Promise<Record<string, string[]>> {
  const errors: Record<string, string[]> = {};
  if (!goals.some((goal) => goal.targetDate != null)) return errors;
  const user = await getUser(kv, userId);
  const today = Temporal.Instant.fromEpochMilliseconds(now().getTime())
    .toZonedDateTimeISO(user?.timeZone ?? "UTC").toPlainDate();
  goals.forEach((goal, index) => {
    if (
      goal.targetDate != null &&
      Temporal.PlainDate.compare(
          Temporal.PlainDate.from(goal.targetDate),
          today,
        ) < 0
    ) {
      errors[`goals.${index}.targetDate`] = ["Choose today or a later date."];
    }
  });
  return errors;
}

/** Field errors for interests that are not active categories. */
export async function interestErrors(
  kv: Deno.Kv,
  interests: readonly string[],
): Promise<Record<string, string[]>> {
  const active = await activeCategoryIds(kv);
  const unknown = interests.filter((id) => !active.has(id));
  return unknown.length > 0
    ? { interests: [`Unknown categories: ${unknown.join(", ")}.`] }
    : {};
}

/**
 * Saves a learner's goals, interests and levels (replacing earlier answers,
 * and removing any onboarding draft). Interests must be existing,
 * non-retired categories, with exactly one level each; self-assessment
 * answers only for interests; target dates are today or later in the
 * learner's time zone. Throws ValidationError with field errors
 * (`goals.0.targetDate`, `levels.x`, …).
 */
export async function saveOnboarding(
  kv: Deno.Kv,
  userId: string,
  input: OnboardingInput,
): Promise<LearnerProfile> {
  const parsed = parseInput(onboardingSchema, input, INVALID);
  const fieldErrors: Record<string, string[]> = {
    ...await goalDateErrors(kv, userId, parsed.goals),
    ...await interestErrors(kv, parsed.interests),
  };
  for (const id of parsed.interests) {
    if (!(id in parsed.levels)) {
      fieldErrors[`levels.${id}`] = ["Choose your level for this interest."];
    }
  }
  for (const id of Object.keys(parsed.levels)) {
    if (!parsed.interests.includes(id)) {
      fieldErrors[`levels.${id}`] = [NOT_AN_INTEREST];
    }
  }
  for (const id of Object.keys(parsed.assessments ?? {})) {
    if (!parsed.interests.includes(id)) {
      fieldErrors[`assessments.${id}`] = [NOT_AN_INTEREST];
    }
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new ValidationError(INVALID, fieldErrors);
  }

  return await withLockRetry(async () => {
    const previous = await getOnboarding(kv, userId);
    const at = now().toISOString();
    const profile: LearnerProfile = {
      userId,
      goals: parsed.goals.map((goal) => ({
        text: goal.text,
        targetDate: goal.targetDate ?? null,
      })),
      interests: parsed.interests,
      levels: parsed.levels,
      assessments: parsed.assessments ?? {},
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
    };
    await kv.atomic()
      .set(learnerKey(userId), profile)
      .delete(draftKey(userId))
      .commit();
    return profile;
  });
}

/** The learner's answers, or null before onboarding. */
export async function getOnboarding(
  kv: Deno.Kv,
  userId: string,
): Promise<LearnerProfile | null> {
  return profileFrom((await kv.get(learnerKey(userId))).value);
}

/** A stored profile as the learners feature reads it (null when absent). */
export function profileFrom(value: unknown): LearnerProfile | null {
  const stored = value as LearnerProfile | null;
  // Answers saved before the self-assessment was kept have none.
  return stored ? { ...stored, assessments: stored.assessments ?? {} } : null;
}

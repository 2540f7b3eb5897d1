/**
 * A learner's onboarding answers: zod schemas and the types inferred from
 * them. What `getOnboarding` returns is what `saveOnboarding` accepts and
 * returns (`LearnerProfile`), so a client can read the answers, change
 * some, and send the whole object back: a goal without a date reads as
 * `targetDate: null` and is accepted as null or left out, and the
 * server-set fields (`userId`, `createdAt`, `updatedAt`) are accepted and
 * ignored. `assessments` holds each interest's self-assessment answers
 * (optional: a client may set levels without them).
 */
import { z } from "zod";
import { singleLine } from "@/services/platform/plain_text.ts";
import { ASSESSMENT_LENGTH } from "./assessment.ts";

export const LEVELS = ["beginner", "intermediate", "advanced"] as const;
export type Level = typeof LEVELS[number];

const levelSchema = z.enum(
  LEVELS,
  "Choose beginner, intermediate or advanced.",
);

/**
 * What a learner picks as their level on the way: a level, or "answers"
 * (let the self-assessment decide).
 */
export const LEVEL_CHOICES = [...LEVELS, "answers"] as const;
export type LevelChoice = typeof LEVEL_CHOICES[number];

export const levelChoiceSchema = z.enum(
  LEVEL_CHOICES,
  "Choose a level, or let your answers decide.",
);

/** Interest id → the self-assessment's yes/no answers, in the order asked. */
export const assessmentsSchema = z.record(
  z.string(),
  z.array(z.boolean()).max(
    ASSESSMENT_LENGTH,
    `Answer at most ${ASSESSMENT_LENGTH} questions per interest.`,
  ),
);

const targetDateSchema = z.iso.date("Use a date such as 2030-01-31.");

/** Set by the server; accepted in input only so a read profile can be sent back. */
function serverSet<T extends z.ZodType>(schema: T) {
  return schema.optional().meta({
    description: "Set by the server; ignored when sent.",
  });
}

export const MAX_GOALS = 5;
export const MAX_INTERESTS = 10;
export const NO_GOALS = "Add at least one goal.";
export const NO_INTERESTS = "Choose at least one interest.";

/** Goals as far as entered: the finished answers need at least one. */
export const goalListSchema = z.array(z.strictObject({
  text: singleLine(3, 200),
  targetDate: targetDateSchema.nullable().optional().meta({
    description: "A day, today or later; null or absent for no date.",
  }),
})).max(MAX_GOALS, `Add at most ${MAX_GOALS} goals.`);

/** Interests (category ids) as far as chosen: the finished answers need one. */
export const interestListSchema = z.array(z.string().trim().min(1).max(60))
  .max(MAX_INTERESTS, `Choose at most ${MAX_INTERESTS} interests.`).refine(
    (ids) => new Set(ids).size === ids.length,
    "List each interest once.",
  );

export const onboardingSchema = z.strictObject({
  goals: goalListSchema.min(1, NO_GOALS),
  interests: interestListSchema.min(1, NO_INTERESTS),
  levels: z.record(z.string(), levelSchema),
  assessments: assessmentsSchema.optional().meta({
    description:
      "Interest id → the self-assessment's yes/no answers; absent keeps none.",
  }),
  userId: serverSet(z.string()),
  createdAt: serverSet(z.iso.datetime()),
  updatedAt: serverSet(z.iso.datetime()),
});

export type OnboardingInput = z.input<typeof onboardingSchema>;

/** A learner's saved answers, as `getOnboarding` and `saveOnboarding` return them. */
export const learnerProfileSchema = z.object({
  userId: z.string(),
  goals: z.array(z.object({
    text: z.string(),
    targetDate: targetDateSchema.nullable(),
  })),
  interests: z.array(z.string()),
  levels: z.record(z.string(), levelSchema),
  assessments: assessmentsSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type LearnerProfile = z.infer<typeof learnerProfileSchema>;

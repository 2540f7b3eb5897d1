/**
 * The request and response shapes of the expert side (applications, review,
 * offerings, live profiles), category administration and learner
 * onboarding. Request bodies are the services' own input schemas; response
 * shapes are built from the services' field schemas and constants, so a
 * field is described by the rule that stores it.
 */
import { z } from "zod";
import {
  APPLICATION_STATUSES,
  APPLICATION_STEPS,
  applicationFieldsSchema,
  applicationPatchSchema,
  profilePatchSchema,
  type ReviewDecision,
} from "@/services/applications/mod.ts";
import { publicUserSchema } from "@/services/auth/mod.ts";
import {
  categoryChangesSchema,
  categorySchema,
  categorySlugSchema,
} from "@/services/categories/mod.ts";
import { LEVELS, onboardingSchema } from "@/services/learners/mod.ts";
import {
  offeringInputSchema,
  offeringPatchSchema,
} from "@/services/offerings/mod.ts";
import { idSchema } from "@/services/platform/model.ts";
import { multiLine } from "@/services/platform/plain_text.ts";
import { ALLOWED_UPLOAD_TYPES } from "@/services/storage/mod.ts";
import { expertProfile, expertSummary, nextCursorSchema } from "./schemas.ts";

/** Each field of `shape`, also allowing null (a step field not filled in yet). */
function nullableShape<Shape extends z.ZodRawShape>(shape: Shape) {
  return Object.fromEntries(
    Object.entries(shape).map(([name, field]) => [
      name,
      (field as z.ZodType).nullable(),
    ]),
  ) as unknown as { [Name in keyof Shape]: z.ZodNullable<Shape[Name]> };
}

// ---------------------------------------------------------------------------
// Applications

export const applicationDocumentSchema = z.object({
  id: idSchema,
  name: z.string().describe("The uploaded file's name, for display."),
  contentType: z.string().describe(
    `${ALLOWED_UPLOAD_TYPES.join(", ")}: read from the file's bytes.`,
  ),
  size: z.number().int().describe("Bytes."),
  uploadedAt: z.iso.datetime(),
}).meta({ id: "ApplicationDocument" });

const REVIEW_DECISIONS = [
  "approved",
  "rejected",
  "changes_requested",
  "unpublished",
  "republished",
] as const satisfies readonly ReviewDecision[];
// Fails to compile when the service adds a decision this list lacks.
const _everyDecision: readonly (typeof REVIEW_DECISIONS)[number][] =
  [] as ReviewDecision[];

export const reviewerNoteSchema = z.object({
  at: z.iso.datetime(),
  by: idSchema.describe("The admin's user id."),
  decision: z.enum(REVIEW_DECISIONS),
  note: z.string().nullable(),
});

export const applicationSchema = z.object({
  userId: idSchema,
  status: z.enum(APPLICATION_STATUSES),
  ...nullableShape(applicationFieldsSchema.shape),
  documents: z.array(applicationDocumentSchema),
  reviewerNotes: z.array(reviewerNoteSchema),
  steps: z.object(
    Object.fromEntries(
      APPLICATION_STEPS.map((step) => [step, z.boolean()]),
    ) as Record<(typeof APPLICATION_STEPS)[number], z.ZodBoolean>,
  ).describe("Which steps are complete."),
  activeOfferings: z.number().int().describe(
    "Active offerings (the offerings step).",
  ),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  submittedAt: z.iso.datetime().nullable(),
  decidedAt: z.iso.datetime().nullable(),
}).meta({ id: "Application" });

export const applicationResponseSchema = z.object({
  application: applicationSchema,
});

export const applicationBodySchema = applicationPatchSchema.meta({
  id: "ApplicationInput",
});

/** Who applied, for the review queue; null when the account is gone. */
export const applicantSchema = publicUserSchema.pick({
  name: true,
  email: true,
})
  .nullable();

export const applicationListQuerySchema = z.object({
  status: z.enum(APPLICATION_STATUSES).optional().describe(
    "Which queue; pending (the default) is oldest first.",
  ),
  cursor: z.string().max(26).optional().describe(
    "The nextCursor of the previous page.",
  ),
  limit: z.coerce.number().int().min(1).max(50).optional().describe(
    "Results per page, 1 to 50 (default 20).",
  ),
});

export const applicationsPageSchema = z.object({
  applications: z.array(
    applicationSchema.extend({ applicant: applicantSchema }),
  ),
  nextCursor: nextCursorSchema,
});

/** A reviewer's note: required when rejecting, asking for changes or unpublishing. */
export const requiredNoteBodySchema = z.strictObject({
  note: multiLine(1, 2000),
}).meta({ id: "RequiredNoteInput" });

/** A reviewer's optional note, when approving or republishing. */
export const optionalNoteBodySchema = z.strictObject({
  note: multiLine(0, 2000).optional(),
}).meta({ id: "OptionalNoteInput" });

// ---------------------------------------------------------------------------
// Offerings

export const offeringSchema = offeringPatchSchema.omit({ sessions: true })
  .required().extend({
    id: idSchema,
    expertId: idSchema,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  }).meta({ id: "Offering" });

/** What learners see of an offering: no bookkeeping fields. */
export const publicOfferingSchema = offeringSchema.omit({
  active: true,
  createdAt: true,
  updatedAt: true,
}).meta({ id: "PublicOffering" });

export const offeringBodySchema = offeringInputSchema.meta({
  id: "OfferingInput",
});

export const offeringPatchBodySchema = offeringPatchSchema.meta({
  id: "OfferingPatch",
});

export const offeringListQuerySchema = z.object({
  includeInactive: z.enum(["true", "false"]).optional().describe(
    "true also lists withdrawn (deleted) offerings.",
  ),
});

// ---------------------------------------------------------------------------
// The live profile

export const completenessSchema = z.object({
  percent: z.number().int().min(0).max(100),
  items: z.array(z.object({
    id: z.string(),
    label: z.string(),
    done: z.boolean(),
    hint: z.string().describe("What to do about it."),
  })),
}).meta({ id: "Completeness" });

export const liveProfileSchema = z.object({
  profile: expertProfile,
  offerings: z.array(offeringSchema),
  completeness: completenessSchema,
});

export const profileBodySchema = profilePatchSchema.meta({
  id: "ProfilePatch",
});

// ---------------------------------------------------------------------------
// Category administration

/** Blank means "not given" (make the id from the name). */
const blankAsMissing = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

export const categoryCreateBodySchema = z.object({
  id: z.preprocess(blankAsMissing, categorySlugSchema.optional()).describe(
    "URL slug; made from the name when absent.",
  ),
  name: categorySchema.shape.name,
  description: categorySchema.shape.description.optional(),
  icon: categorySchema.shape.icon,
  parentId: categorySchema.shape.parentId.optional().describe(
    "A top-level category's id, to create a subcategory.",
  ),
}).meta({ id: "CategoryCreateInput" });

export const categoryPatchBodySchema = categoryChangesSchema.extend({
  order: z.number().int().min(0).max(1000).optional().describe(
    "New 0-based position among its siblings (retired ones included).",
  ),
  retired: categorySchema.shape.retired.optional().describe(
    "true hides it from public filters; profiles keep it.",
  ),
}).meta({ id: "CategoryPatch" });

// ---------------------------------------------------------------------------
// Learners

const goalSchema = onboardingSchema.shape.goals.element;

export const learnerProfileSchema = z.object({
  userId: idSchema,
  goals: z.array(goalSchema.extend({
    targetDate: goalSchema.shape.targetDate.unwrap().nullable(),
  })),
  interests: onboardingSchema.shape.interests,
  levels: z.record(z.string(), z.enum(LEVELS)),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
}).meta({ id: "LearnerProfile" });

export const onboardingBodySchema = onboardingSchema.meta({
  id: "OnboardingInput",
});

export const recommendationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(24).optional().describe(
    "How many experts, 1 to 24 (default 6).",
  ),
});

export const recommendationsSchema = z.object({
  recommendations: z.array(z.object({
    expert: expertSummary,
    reasons: z.array(z.string()).describe(
      'Why, e.g. "Matches your goal: react".',
    ),
  })),
});

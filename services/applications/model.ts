/**
 * What an expert application is: its status flow, the step fields with their
 * rules, the stored record and the view callers get, and the review
 * decisions an admin makes. The zod schemas are the one statement of the
 * rules; the types are inferred from them.
 *
 * Status flow:
 *   draft ─submit→ pending ─approve→ approved
 *                         ├reject→ rejected
 *                         └request changes→ changes_requested ─submit→ pending
 * Only draft and changes_requested may be edited.
 *
 * Round trips: what a read returns may be sent back unchanged. The patch
 * schemas accept the read-only fields of the read shape too; the use case
 * ignores the bookkeeping ones and refuses a different value for the ones
 * that say whose record it is or what state it is in (`refuseChanged`).
 */
import { z } from "zod";
import { categorySlugSchema } from "@/services/categories/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { idSchema, languageCodeSchema } from "@/services/platform/model.ts";
import {
  httpsUrlSchema,
  multiLine,
  singleLine,
} from "@/services/platform/plain_text.ts";

export const APPLICATION_STATUSES = [
  "draft",
  "pending",
  "approved",
  "rejected",
  "changes_requested",
] as const;
export type ApplicationStatus = typeof APPLICATION_STATUSES[number];
export const applicationStatusSchema = z.enum(APPLICATION_STATUSES);

export const APPLICATION_STEPS = [
  "profile",
  "expertise",
  "offerings",
  "credentials",
] as const;
export type ApplicationStep = typeof APPLICATION_STEPS[number];

export const MAX_DOCUMENTS = 10;
/** Reviewer notes kept on an application (oldest dropped first). */
export const MAX_REVIEWER_NOTES = 20;
/** Largest profile photo: 5 MiB. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export function isEditable(status: ApplicationStatus): boolean {
  return status === "draft" || status === "changes_requested";
}

// ---------------------------------------------------------------------------
// Review decisions

export const REVIEW_DECISIONS = [
  "approved",
  "rejected",
  "changes_requested",
  "unpublished",
  "republished",
] as const;
export type ReviewDecision = typeof REVIEW_DECISIONS[number];

/**
 * Audit event types for review decisions. services/platform/audit.ts lists the
 * security event types; these are recorded through the same log.
 */
export const REVIEW_EVENT_TYPES = {
  approved: "expert_application_approved",
  rejected: "expert_application_rejected",
  changes_requested: "expert_application_changes_requested",
  unpublished: "expert_unpublished",
  republished: "expert_republished",
} as const satisfies Record<ReviewDecision, string>;

/** A decision that must be explained: 1–2000 characters. */
export const requiredNoteSchema = z.strictObject({ note: multiLine(1, 2000) });
/** A decision that may be explained; blank counts as no note. */
export const optionalNoteSchema = z.strictObject({
  note: multiLine(0, 2000).optional(),
});

export const reviewerNoteSchema = z.object({
  at: z.string(),
  /** The admin's user id. */
  by: z.string(),
  decision: z.enum(REVIEW_DECISIONS),
  note: z.string().nullable(),
});
export type ReviewerNote = z.output<typeof reviewerNoteSchema>;

// ---------------------------------------------------------------------------
// The application

export const applicationDocumentSchema = z.object({
  id: z.string(),
  fileKey: z.string(),
  /** The uploader's file name, for display only. */
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type ApplicationDocument = z.output<typeof applicationDocumentSchema>;

function unique<T>(values: T[], keyOf: (value: T) => string = String) {
  return new Set(values.map(keyOf)).size === values.length;
}

/** The step fields, each validated on its own. */
export const applicationFieldsSchema = z.strictObject({
  headline: singleLine(10, 120),
  bio: multiLine(50, 2000),
  yearsExperience: z.number("Give a whole number of years.").int(
    "Give a whole number of years.",
  ).min(0).max(60, "At most 60 years."),
  languages: z.array(languageCodeSchema).min(
    1,
    "Choose at least one language.",
  )
    .max(10, "Choose at most 10 languages.").refine(
      (codes) => unique(codes),
      "List each language once.",
    ),
  linkedinOrWebsite: httpsUrlSchema.nullable(),
  photoFileKey: z.string().max(200).nullable(),
  /** Where the expert is, shown on the profile; the time zone's city when absent. */
  location: singleLine(1, 100).nullable(),
  categoryIds: z.array(categorySlugSchema).min(
    1,
    "Choose at least one category.",
  ).max(10, "Choose at most 10 categories.").refine(
    (ids) => unique(ids),
    "List each category once.",
  ),
  skills: z.array(singleLine(1, 40)).min(1, "Add at least one skill.").max(
    15,
    "Add at most 15 skills.",
  ).refine(
    (skills) => unique(skills, (skill) => skill.toLowerCase()),
    "List each skill once.",
  ),
});

export type ApplicationFields = z.output<typeof applicationFieldsSchema>;
type FieldShape = typeof applicationFieldsSchema.shape;

/** The step fields as a draft holds them: null until filled in. */
const draftFieldShape = Object.fromEntries(
  Object.entries(applicationFieldsSchema.shape).map((
    [name, schema],
  ) => [name, schema instanceof z.ZodNullable ? schema : schema.nullable()]),
) as {
  [K in keyof FieldShape]: FieldShape[K] extends z.ZodNullable ? FieldShape[K]
    : z.ZodNullable<FieldShape[K]>;
};

/** Fields each step needs before it counts as complete (others are optional). */
export const STEP_FIELDS: Record<
  "profile" | "expertise",
  (keyof ApplicationFields)[]
> = {
  profile: ["headline", "bio", "yearsExperience", "languages"],
  expertise: ["categoryIds", "skills"],
};

/** The stored application. Step fields are null until saved. */
export const applicationSchema = z.object({
  userId: z.string(),
  status: applicationStatusSchema,
  /** The ULID of its `applications_by_status` key; null until first saved. */
  statusEntryId: z.string().nullable(),
  ...draftFieldShape,
  documents: z.array(applicationDocumentSchema),
  reviewerNotes: z.array(reviewerNoteSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type Application = z.output<typeof applicationSchema>;

/** An application as callers see it: with each step's completeness. */
export type ApplicationView = Application & {
  steps: Record<ApplicationStep, boolean>;
  /** How many active offerings the expert has (the offerings step). */
  activeOfferings: number;
};

/** One row of the review queue. */
export type ApplicationListItem = ApplicationView & {
  applicant: { name: string; email: string } | null;
};

export function stepsOf(
  application: Application,
  activeOfferings: number,
): Record<ApplicationStep, boolean> {
  const filled = (fields: (keyof ApplicationFields)[]) =>
    fields.every((field) => application[field] !== null);
  return {
    profile: filled(STEP_FIELDS.profile),
    expertise: filled(STEP_FIELDS.expertise),
    offerings: activeOfferings > 0,
    credentials: application.documents.length > 0,
  };
}

// ---------------------------------------------------------------------------
// Read-only fields sent back

const IGNORED = "Read-only: may be sent back as read; ignored.";

/** A read-only field that is accepted in any form and ignored. */
function ignored() {
  return z.unknown().meta({ description: IGNORED });
}

/**
 * Throws a ValidationError naming each read-only field `sent` with another
 * value than `current` holds; `why` says, per field, where it is changed.
 */
export function refuseChanged(
  sent: Record<string, unknown>,
  current: Record<string, unknown>,
  why: Record<string, string>,
  message: string,
): void {
  const fieldErrors: Record<string, string[]> = {};
  for (const [field, reason] of Object.entries(why)) {
    if (sent[field] !== undefined && sent[field] !== current[field]) {
      fieldErrors[field] = [reason];
    }
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new ValidationError(message, fieldErrors);
  }
}

/**
 * What `saveApplication` accepts: any subset of the step fields (null means
 * "not filled in yet"), and the rest of the application as read (fields
 * the service keeps: `userId` and `status` must be the stored ones).
 */
export const applicationPatchSchema = z.strictObject({
  ...draftFieldShape,
  userId: idSchema.meta({ description: "Read-only: the applicant's own id." }),
  status: applicationStatusSchema.meta({
    description:
      "Read-only: changed by submitting and by review, so it must be the current one.",
  }),
  statusEntryId: ignored(),
  documents: ignored(),
  reviewerNotes: ignored(),
  createdAt: ignored(),
  updatedAt: ignored(),
  submittedAt: ignored(),
  decidedAt: ignored(),
  steps: ignored(),
  activeOfferings: ignored(),
}).partial();
export type ApplicationPatch = z.input<typeof applicationPatchSchema>;

/** Why `userId` and `status` can't be changed through `saveApplication`. */
export const APPLICATION_FIXED_FIELDS = {
  userId: "This is another expert's application.",
  status:
    "The status changes when you submit and when an admin reviews; it can't be set here.",
} as const;

// ---------------------------------------------------------------------------
// The live profile of an approved expert

/** The public fields an approved expert edits (validated as in the application). */
const profileFieldsSchema = applicationFieldsSchema.pick({
  headline: true,
  bio: true,
  languages: true,
  skills: true,
  categoryIds: true,
  yearsExperience: true,
  photoFileKey: true,
  linkedinOrWebsite: true,
  location: true,
});

/**
 * What `updateExpertProfile` accepts: any of the editable fields, and the
 * rest of the profile as read (`id`, `name`, `timeZone` and `published` must
 * be the stored ones; the others are derived and ignored).
 */
export const profilePatchSchema = profileFieldsSchema.extend({
  id: idSchema.meta({ description: "Read-only: the expert's own id." }),
  name: z.string().meta({
    description: "Read-only: the account's name, changed in account settings.",
  }),
  timeZone: z.string().meta({
    description:
      "Read-only: the account's time zone, changed in account settings.",
  }),
  published: z.boolean().meta({
    description: "Read-only: only an admin publishes or unpublishes.",
  }),
  photoUrl: ignored(),
  hourlyRate: ignored(),
  startingPrice: ignored(),
  rating: ignored(),
  createdAt: ignored(),
  hiddenWhileSuspended: ignored(),
}).partial();
export type ProfilePatch = z.input<typeof profilePatchSchema>;

/** Why the profile's own read-only fields can't be changed by its expert. */
export const PROFILE_FIXED_FIELDS = {
  id: "This is another expert's profile.",
  name: "Your name comes from your account: change it in account settings.",
  timeZone:
    "Your time zone comes from your account: change it in account settings.",
  published: "Only an admin publishes or unpublishes a profile.",
} as const;

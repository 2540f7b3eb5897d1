/**
 * The zod schemas of the account API: request bodies and queries (validated
 * at the boundary, before the flows validate again with their own rules), and
 * the response shapes the OpenAPI document describes.
 */
import { z } from "zod";
import { SECURITY_EVENT_TYPES } from "@/services/auth/mod.ts";

const email = z.string().trim().max(254).describe("Email address.");
const password = z.string().min(1, "Enter the password.").max(1024);
const newPassword = z.string().max(1024).describe(
  "At least 10 characters, not among the most common passwords.",
);
const token = z.string().min(1, "The link has no token.").max(512);
const code = z.string().trim().min(1, "Enter the code.").max(64).describe(
  "The 6-digit code from the authenticator app, or an unused recovery code.",
);
const timeZone = z.string().max(64).describe(
  "IANA time zone, e.g. Europe/Paris.",
);
const cursor = z.string().max(1000).optional().describe(
  "The nextCursor of the previous page.",
);
const limit = z.coerce.number().int().min(1).max(100).optional().describe(
  "Results per page, 1 to 100.",
);

export const signupBodySchema = z.object({
  email,
  password: newPassword,
  name: z.string().max(200),
  role: z.enum(["learner", "expert"]),
  timeZone: timeZone.optional(),
});

export const loginBodySchema = z.object({ email, password });
export const codeBodySchema = z.object({ code });
export const disableTwoFactorBodySchema = z.object({ password, code });
export const forgotPasswordBodySchema = z.object({ email });
export const resetPasswordBodySchema = z.object({
  token,
  password: newPassword,
});
export const changePasswordBodySchema = z.object({
  currentPassword: password,
  newPassword,
});
export const changeEmailBodySchema = z.object({
  currentPassword: password,
  newEmail: email,
});
export const verifyEmailBodySchema = z.object({ token });
export const updateProfileBodySchema = z.object({
  name: z.string().max(200).optional(),
  timeZone: timeZone.optional(),
});

export const adminUsersQuerySchema = z.object({
  q: z.string().max(200).optional().describe(
    "Part of the name or email, any case.",
  ),
  role: z.enum(["learner", "expert", "admin"]).optional(),
  status: z.enum(["active", "suspended"]).optional(),
  cursor,
  limit,
});

export const changeRoleBodySchema = z.object({
  role: z.enum(["learner", "expert"]).describe(
    "The new role. Admins come only from the ADMIN_EMAIL bootstrap, so admin is refused.",
  ),
});

export const auditQuerySchema = z.object({
  userId: z.string().max(64).optional().describe("Whose account."),
  actorId: z.string().max(64).optional().describe("Who acted."),
  type: z.enum(SECURITY_EVENT_TYPES).optional(),
  cursor,
  limit,
});

export const pageQuerySchema = z.object({ cursor, limit });

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["learner", "expert", "admin"]),
  timeZone: z.string(),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
  status: z.enum(["active", "suspended"]),
  createdAt: z.string(),
});

export const sessionSchema = z.object({
  id: z.string().describe("Public id, for DELETE /api/auth/sessions/{id}."),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  device: z.string().describe('E.g. "Chrome on Linux".'),
  current: z.boolean().optional().describe("The session making this request."),
});

export const securityEventSchema = z.object({
  id: z.string(),
  type: z.enum(SECURITY_EVENT_TYPES),
  at: z.string(),
  actorId: z.string().nullable(),
  userId: z.string().nullable(),
  ip: z.string(),
  userAgent: z.string(),
  details: z.record(z.string(), z.string()),
});

// ---------------------------------------------------------------------------
// Issue 4: applications, offerings, expert profiles, categories, onboarding.
// Request bodies are validated again (with their full rules) by the services;
// these describe them for the OpenAPI document and refuse the wrong shape early.

const note = z.string().max(2000).describe(
  "For the expert: why, or what to change (1–2000 characters; optional on approve and republish).",
);

export const decisionBodySchema = z.object({ note: note.optional() });
export const requiredNoteBodySchema = z.object({ note });

export const applicationListQuerySchema = z.object({
  status: z.enum([
    "draft",
    "pending",
    "approved",
    "rejected",
    "changes_requested",
  ]).optional().describe("Which queue; pending (the default) is oldest first."),
  cursor,
  limit: z.coerce.number().int().min(1).max(50).optional().describe(
    "Results per page, 1 to 50.",
  ),
});

export const offeringListQuerySchema = z.object({
  includeInactive: z.enum(["true", "false"]).optional().describe(
    "true also lists withdrawn (deleted) offerings.",
  ),
});

export const recommendationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(24).optional().describe(
    "How many experts, 1 to 24 (default 6).",
  ),
});

export const categoryCreateBodySchema = z.object({
  id: z.string().max(60).optional().describe(
    "URL slug; made from the name when absent.",
  ),
  name: z.string().max(80),
  description: z.string().max(300).optional(),
  icon: z.string().max(16).describe("An emoji or short symbol."),
  parentId: z.string().max(60).nullable().optional().describe(
    "A top-level category's id, to create a subcategory.",
  ),
});

export const categoryPatchBodySchema = z.strictObject({
  name: z.string().max(80).optional(),
  description: z.string().max(300).optional(),
  icon: z.string().max(16).optional(),
  order: z.number().int().min(0).max(1000).optional().describe(
    "New 0-based position among its siblings (retired ones included).",
  ),
  retired: z.boolean().optional().describe(
    "true hides it from public filters; profiles keep it.",
  ),
});

export const applicationDocumentSchema = z.object({
  id: z.string(),
  name: z.string().describe("The uploaded file's name, for display."),
  contentType: z.enum(["application/pdf", "image/png", "image/jpeg"]),
  size: z.number().int(),
  uploadedAt: z.string(),
});

export const reviewerNoteSchema = z.object({
  at: z.string(),
  by: z.string().describe("The admin's user id."),
  decision: z.enum([
    "approved",
    "rejected",
    "changes_requested",
    "unpublished",
    "republished",
  ]),
  note: z.string().nullable(),
});

export const applicationSchema = z.object({
  userId: z.string(),
  status: z.enum([
    "draft",
    "pending",
    "approved",
    "rejected",
    "changes_requested",
  ]),
  headline: z.string().nullable(),
  bio: z.string().nullable().describe("Plain text, never HTML."),
  yearsExperience: z.number().int().nullable(),
  languages: z.array(z.string()).nullable(),
  linkedinOrWebsite: z.string().nullable(),
  photoFileKey: z.string().nullable(),
  location: z.string().nullable(),
  categoryIds: z.array(z.string()).nullable(),
  skills: z.array(z.string()).nullable(),
  documents: z.array(applicationDocumentSchema),
  reviewerNotes: z.array(reviewerNoteSchema),
  steps: z.object({
    profile: z.boolean(),
    expertise: z.boolean(),
    offerings: z.boolean(),
    credentials: z.boolean(),
  }).describe("Which steps are complete."),
  activeOfferings: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});

export const completenessSchema = z.object({
  percent: z.number().int().min(0).max(100),
  items: z.array(z.object({
    id: z.string(),
    label: z.string(),
    done: z.boolean(),
    hint: z.string(),
  })),
});

export const learnerProfileSchema = z.object({
  userId: z.string(),
  goals: z.array(z.object({
    text: z.string(),
    targetDate: z.string().nullable(),
  })),
  interests: z.array(z.string()),
  levels: z.record(
    z.string(),
    z.enum(["beginner", "intermediate", "advanced"]),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const offeringSchema = z.object({
  id: z.string(),
  expertId: z.string(),
  kind: z.enum(["session", "package"]),
  title: z.string(),
  description: z.string(),
  durationMinutes: z.number().int().describe("15, 30, 45, 60 or 90."),
  priceMinor: z.number().int().describe(
    "Price in minor units (cents); for a package, of the whole bundle.",
  ),
  currency: z.string(),
  sessions: z.number().int().nullable().describe(
    "Sessions in a package; null for a single session.",
  ),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

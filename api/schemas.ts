/**
 * The request and response shapes of the account, admin and catalogue
 * operations, built from the concepts' one definition each
 * (services/platform/model.ts, the services' own schemas). Nothing here
 * re-states a rule: a name is personNameSchema, a time zone timeZoneSchema,
 * a user publicUserSchema. Shapes named with `.meta({ id })` become
 * components of the OpenAPI document, referenced where used.
 */
import { z } from "zod";
import {
  changeEmailInputSchema,
  changePasswordInputSchema,
  changeRoleInputSchema,
  disableTwoFactorInputSchema,
  loginInputSchema,
  publicUserSchema,
  requestPasswordResetInputSchema,
  resetPasswordInputSchema,
  SECURITY_EVENT_TYPES,
  sessionInfoSchema,
  signupInputSchema,
  twoFactorCodeInputSchema,
  updateProfileInputSchema,
  userStatusSchema,
} from "@/services/auth/mod.ts";
import {
  categorySchema,
  categoryWithChildrenSchema,
} from "@/services/categories/mod.ts";
import {
  contactInputSchema,
  feedbackInputSchema,
} from "@/services/content/mod.ts";
import {
  expertProfileSchema,
  expertSummarySchema,
} from "@/services/experts/mod.ts";
import {
  idSchema,
  pageQuerySchema,
  roleSchema,
} from "@/services/platform/model.ts";

// ---------------------------------------------------------------------------
// Shared pieces

export { pageQuerySchema };

/** The `nextCursor` of a page: pass it back as `cursor`; null on the last page. */
export const nextCursorSchema = z.string().nullable().describe(
  "Pass as cursor for the next page; null on the last page.",
);

/** `{ id, createdAt }` of something just stored. */
export const createdSchema = z.object({
  id: idSchema,
  createdAt: z.iso.datetime(),
});

export const userResponseSchema = z.object({ user: publicUserSchema });

export const messageResponseSchema = z.object({ message: z.string() });

// ---------------------------------------------------------------------------
// Sign-up, login, passwords, email, two-factor

/** The emailed link's token. */
const token = z.string().min(1, "The link has no token.");

// Request bodies are the account service's own input schemas, so what the
// document promises is what the service enforces.
export const signupBodySchema = signupInputSchema.meta({ id: "SignupInput" });
export const loginBodySchema = loginInputSchema.meta({ id: "LoginInput" });
export const codeBodySchema = twoFactorCodeInputSchema.meta({
  id: "CodeInput",
});
export const disableTwoFactorBodySchema = disableTwoFactorInputSchema.meta({
  id: "DisableTwoFactorInput",
});
export const forgotPasswordBodySchema = requestPasswordResetInputSchema.meta({
  id: "ForgotPasswordInput",
});
export const resetPasswordBodySchema = resetPasswordInputSchema.meta({
  id: "ResetPasswordInput",
});
export const changePasswordBodySchema = changePasswordInputSchema.meta({
  id: "ChangePasswordInput",
});
export const changeEmailBodySchema = changeEmailInputSchema.meta({
  id: "ChangeEmailInput",
});

export const verifyEmailBodySchema = z.object({ token }).meta({
  id: "VerifyEmailInput",
});

export const twoFactorSetupSchema = z.object({
  secret: z.string().describe("Base32, for typing into the app."),
  otpauthUrl: z.string().describe("otpauth:// URL, for a QR code."),
});

export const recoveryCodesSchema = z.object({
  recoveryCodes: z.array(z.string()).describe(
    "10 single-use codes, shown only this once.",
  ),
});

export const loginResponseSchema = z.union([
  userResponseSchema,
  z.object({ twoFactorRequired: z.literal(true) }),
]);

export const sessionsResponseSchema = z.object({
  sessions: z.array(sessionInfoSchema),
});

// ---------------------------------------------------------------------------
// The account and admin tools

export const updateProfileBodySchema = updateProfileInputSchema.meta({
  id: "UpdateProfileInput",
});

export const adminUsersQuerySchema = z.object({
  q: z.string().trim().max(200).optional().describe(
    "Part of the name or email, any case.",
  ),
  role: roleSchema.optional(),
  status: userStatusSchema.optional(),
  ...pageQuerySchema.shape,
});

export const usersPageSchema = z.object({
  users: z.array(publicUserSchema),
  nextCursor: nextCursorSchema,
});

export const changeRoleBodySchema = changeRoleInputSchema.meta({
  id: "ChangeRoleInput",
});

const securityEventType = z.enum(SECURITY_EVENT_TYPES);

export const auditQuerySchema = z.object({
  userId: idSchema.optional().describe("Whose account."),
  actorId: idSchema.optional().describe("Who acted."),
  type: securityEventType.optional(),
  ...pageQuerySchema.shape,
});

export const securityEventSchema = z.object({
  id: idSchema,
  type: securityEventType,
  at: z.iso.datetime(),
  actorId: z.string().nullable().describe(
    "Who did it; null for an anonymous caller or the system.",
  ),
  userId: z.string().nullable().describe(
    "Whose account; null when no account matched.",
  ),
  ip: z.string(),
  userAgent: z.string(),
  details: z.record(z.string(), z.string()),
}).meta({ id: "SecurityEvent" });

export const eventsPageSchema = z.object({
  events: z.array(securityEventSchema),
  nextCursor: nextCursorSchema,
});

// ---------------------------------------------------------------------------
// The public catalogue

export const category = categorySchema.meta({ id: "Category" });

export const categoryTree = z.array(
  categoryWithChildrenSchema.meta({ id: "CategoryWithChildren" }),
);

export const expertSummary = expertSummarySchema.meta({ id: "ExpertSummary" });

export const expertProfile = expertProfileSchema.meta({ id: "ExpertProfile" });

export const expertsPageSchema = z.object({
  experts: z.array(expertSummary),
  nextCursor: nextCursorSchema,
  total: z.number().int().describe("Matches across all pages."),
});

export const contactBodySchema = contactInputSchema.meta({
  id: "ContactInput",
});

export const feedbackBodySchema = feedbackInputSchema.meta({
  id: "FeedbackInput",
});

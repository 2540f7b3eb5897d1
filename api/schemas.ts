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
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  publicUserSchema,
  SECURITY_EVENT_TYPES,
  sessionInfoSchema,
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
  EMAIL_MAX_LENGTH,
  emailSchema,
  idSchema,
  pageQuerySchema,
  personNameSchema,
  roleSchema,
  signupRoleSchema,
  timeZoneSchema,
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

/** A password being checked: whatever the user typed. */
const password = z.string().min(1, "Enter the password.").max(1024);

/** A new password; the policy itself is applied by the account service. */
const newPassword = z.string().describe(
  `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters, not among the most common passwords.`,
);

/** The emailed link's token. */
const token = z.string().min(1, "The link has no token.");

const code = z.string().trim().min(1, "Enter the code.").max(40).describe(
  "The 6-digit code from the authenticator app, or an unused recovery code.",
);

export const signupBodySchema = z.object({
  email: emailSchema,
  password: newPassword,
  name: personNameSchema,
  role: signupRoleSchema.describe("Admins are never created by signing up."),
  timeZone: timeZoneSchema.optional(),
}).meta({ id: "SignupInput" });

/** The email as typed at login: a malformed one simply matches no account. */
export const loginBodySchema = z.object({
  email: z.string().trim().min(1, "Enter your email address.").max(
    EMAIL_MAX_LENGTH,
  ),
  password,
}).meta({ id: "LoginInput" });

export const codeBodySchema = z.object({ code }).meta({ id: "CodeInput" });

export const disableTwoFactorBodySchema = z.object({ password, code }).meta({
  id: "DisableTwoFactorInput",
});

export const forgotPasswordBodySchema = z.object({ email: emailSchema }).meta({
  id: "ForgotPasswordInput",
});

export const resetPasswordBodySchema = z.object({
  token,
  password: newPassword,
}).meta({ id: "ResetPasswordInput" });

export const changePasswordBodySchema = z.object({
  currentPassword: password,
  newPassword,
}).meta({ id: "ChangePasswordInput" });

export const changeEmailBodySchema = z.object({
  currentPassword: password,
  newEmail: emailSchema,
}).meta({ id: "ChangeEmailInput" });

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

export const updateProfileBodySchema = z.object({
  name: personNameSchema.optional(),
  timeZone: timeZoneSchema.optional(),
}).meta({ id: "UpdateProfileInput" });

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

export const changeRoleBodySchema = z.object({
  role: signupRoleSchema.describe(
    "The new role. Admins come only from the ADMIN_EMAIL bootstrap, so admin is refused.",
  ),
}).meta({ id: "ChangeRoleInput" });

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

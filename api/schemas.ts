/**
 * The zod schemas of the account API: request bodies and queries (validated
 * at the boundary, before the flows validate again with their own rules), and
 * the response shapes the OpenAPI document describes.
 */
import { z } from "zod";
import { SECURITY_EVENT_TYPES } from "../services/auth/types.ts";

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

export const auditQuerySchema = z.object({
  userId: z.string().max(64).optional().describe("Whose account."),
  actorId: z.string().max(64).optional().describe("Who acted."),
  type: z.enum(SECURITY_EVENT_TYPES as [string, ...string[]]).optional(),
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
  type: z.enum(SECURITY_EVENT_TYPES as [string, ...string[]]),
  at: z.string(),
  actorId: z.string().nullable(),
  userId: z.string().nullable(),
  ip: z.string(),
  userAgent: z.string(),
  details: z.record(z.string(), z.string()),
});

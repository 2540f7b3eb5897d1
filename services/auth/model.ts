/**
 * The account shapes shared by the services, the HTTP layer and the pages,
 * as zod schemas with their types inferred, so the API documents exactly
 * what the services return. Nothing here carries a password hash, a TOTP
 * secret or a token: these are the shapes that may leave services/auth.
 */
import { z } from "zod";
import {
  emailSchema,
  idSchema,
  personNameSchema,
  roleSchema,
} from "@/services/platform/model.ts";

export type { Role } from "@/services/platform/model.ts";

export const USER_STATUSES = ["active", "suspended"] as const;
export const userStatusSchema = z.enum(USER_STATUSES);
export type UserStatus = z.infer<typeof userStatusSchema>;

/** What callers outside services/auth see: never the hash, secrets or codes. */
export const publicUserSchema = z.object({
  id: idSchema,
  email: emailSchema,
  name: personNameSchema,
  role: roleSchema,
  // Stored values are canonical; a plain string here keeps reading a record
  // that predates the rule from failing (start-up reports those).
  timeZone: z.string(),
  emailVerified: z.boolean(),
  twoFactorEnabled: z.boolean(),
  status: userStatusSchema,
  createdAt: z.iso.datetime(),
  pendingEmail: emailSchema.optional().describe(
    "An address asked for and not yet confirmed; `email` stays in use until then.",
  ),
}).meta({ id: "User" });
export type PublicUser = z.infer<typeof publicUserSchema>;

/** A session as shown to its owner: the public id, never the token. */
export const sessionInfoSchema = z.object({
  /** Public id (ULID), safe to show and to use in `DELETE /sessions/:id`. */
  id: z.string().describe("Public id, for DELETE /api/auth/sessions/{id}."),
  userId: z.string(),
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  ip: z.string(),
  userAgent: z.string(),
  /** A readable summary of the user agent, e.g. "Chrome on Linux". */
  device: z.string().describe('E.g. "Chrome on Linux".'),
  /** True for the session the listing was asked from. */
  current: z.boolean().optional().describe(
    "The session making this request.",
  ),
  /** A login waiting for its second factor; it can do nothing else. */
  twoFactorPending: z.boolean(),
}).meta({ id: "Session" });
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export type {
  RequestMeta,
  SecurityEvent,
  SecurityEventType,
} from "@/services/platform/audit.ts";
export { SECURITY_EVENT_TYPES } from "@/services/platform/audit.ts";

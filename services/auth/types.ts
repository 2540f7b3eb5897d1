/**
 * The account types shared by the services, the HTTP layer and the pages.
 * Nothing here carries a password hash, a TOTP secret or a token: these are
 * the shapes that may leave services/auth.
 */

export type { Role } from "@/services/platform/model.ts";
import type { Role } from "@/services/platform/model.ts";
export type UserStatus = "active" | "suspended";

/** What callers outside services/auth see: never the hash, secrets or codes. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  status: UserStatus;
  createdAt: string;
}

/** A session as shown to its owner: the public id, never the token. */
export interface SessionInfo {
  /** Public id (ULID), safe to show and to use in `DELETE /sessions/:id`. */
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string;
  userAgent: string;
  /** A readable summary of the user agent, e.g. "Chrome on Linux". */
  device: string;
  /** True for the session the listing was asked from. */
  current?: boolean;
  /** A login waiting for its second factor; it can do nothing else. */
  twoFactorPending: boolean;
}

export type {
  RequestMeta,
  SecurityEvent,
  SecurityEventType,
} from "@/services/platform/audit.ts";
export { SECURITY_EVENT_TYPES } from "@/services/platform/audit.ts";

/**
 * The account types shared by the services, the HTTP layer and the pages.
 * Nothing here carries a password hash, a TOTP secret or a token: these are
 * the shapes that may leave services/auth.
 */

export type Role = "learner" | "expert" | "admin";
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

/**
 * Who is asking, passed to every flow for the audit log and new sessions.
 * `baseUrl` (e.g. `https://taptime.example`, no trailing slash) is the origin
 * that links in emails point to: the HTTP layer passes PUBLIC_URL when set,
 * else the request's origin.
 */
export interface RequestMeta {
  ip: string;
  userAgent: string;
  baseUrl: string;
}

/** Every kind of entry in the audit log (accounts, and expert review decisions). */
export const SECURITY_EVENT_TYPES = [
  "login_succeeded",
  "login_failed",
  "logout",
  "signup",
  "password_changed",
  "password_reset_requested",
  "password_reset",
  "email_changed",
  "email_verified",
  "two_factor_enabled",
  "two_factor_disabled",
  "recovery_code_used",
  "account_locked",
  "user_suspended",
  "user_reactivated",
  "role_changed",
  "session_revoked",
  "expert_application_approved",
  "expert_application_rejected",
  "expert_application_changes_requested",
  "expert_unpublished",
  "expert_republished",
] as const;

export type SecurityEventType = typeof SECURITY_EVENT_TYPES[number];

/** One entry of the audit log. */
export interface SecurityEvent {
  id: string;
  type: SecurityEventType;
  at: string;
  /** Who did it; null for the anonymous (a failed login) and the system. */
  actorId: string | null;
  /** Whose account it concerns; null when no account matched. */
  userId: string | null;
  ip: string;
  userAgent: string;
  details: Record<string, string>;
}

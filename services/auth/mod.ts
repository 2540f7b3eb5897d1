/**
 * The auth feature's public entry: everything outside services/auth/ imports
 * from here, and only what is listed here. The stores (users, sessions,
 * tokens, TOTP secrets) stay inside: outside code reaches accounts through
 * the flows, which validate, rate-limit and audit.
 */

// Signing up and in, sessions
export { signup, type SignupInput, signupInputSchema } from "./signup.ts";
export {
  completeTwoFactorLogin,
  LOCKOUT_MS,
  LOCKOUT_THRESHOLD,
  login,
  type LoginInput,
  loginInputSchema,
} from "./login.ts";
export {
  authenticate,
  listSessions,
  logout,
  revokeSession,
  rotateSession,
} from "./account_sessions.ts";
export {
  PENDING_SESSION_MS,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from "./sessions.ts";

// Email links and account settings
export { resendVerification, verifyEmail } from "./email_verification.ts";
export {
  isResetLinkLive,
  requestPasswordReset,
  type RequestPasswordResetInput,
  requestPasswordResetInputSchema,
  resetPassword,
  type ResetPasswordInput,
  resetPasswordInputSchema,
} from "./password_reset.ts";
export {
  changeEmail,
  type ChangeEmailInput,
  changeEmailInputSchema,
  changePassword,
  type ChangePasswordInput,
  changePasswordInputSchema,
  updateProfile,
  type UpdateProfileInput,
  updateProfileInputSchema,
} from "./account_changes.ts";

// Two-factor authentication
export {
  disableTwoFactor,
  type DisableTwoFactorInput,
  disableTwoFactorInputSchema,
  enableTwoFactor,
  type EnableTwoFactorInput,
  enableTwoFactorInputSchema,
  startTwoFactorSetup,
} from "./two_factor.ts";
export {
  otpauthUrl,
  qrSvg,
  RECOVERY_CODE_COUNT,
  totpCode,
  type TwoFactorCodeInput,
  twoFactorCodeInputSchema,
  twoFactorCodeSchema,
} from "./totp.ts";

// Administration and start-up
export {
  assertAdminActor,
  type ChangeRoleInput,
  changeRoleInputSchema,
  changeUserRole,
  reactivateUser,
  suspendUser,
} from "./admin_users.ts";
export { ensureAccount, ensureAdmin } from "./bootstrap.ts";
export {
  migrateUserTimeZones,
  type TimeZoneMigration,
  type UnresolvedTimeZone,
} from "./user_time_zones.ts";
export {
  getUser,
  getUserByEmail,
  getUsers,
  listUsers,
  listUsersInputSchema,
} from "./users.ts";
export { listSecurityEvents } from "@/services/platform/audit.ts";

// Shapes, errors and shared rules
export {
  type PublicUser,
  publicUserSchema,
  type RequestMeta,
  type Role,
  SECURITY_EVENT_TYPES,
  type SecurityEvent,
  type SecurityEventType,
  type SessionInfo,
  sessionInfoSchema,
  USER_STATUSES,
  type UserStatus,
  userStatusSchema,
} from "./model.ts";
export {
  AccountLockedError,
  AccountSuspendedError,
  AuthError,
  EmailTakenError,
  ForbiddenError,
  InvalidCodeError,
  InvalidCredentialsError,
  InvalidTokenError,
  RateLimitedError,
  SessionExpiredError,
  TwoFactorRequiredError,
  waitText,
  WeakPasswordError,
  type WeakPasswordReason,
} from "./errors.ts";
export {
  assertPasswordPolicy,
  currentPasswordSchema,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  newPasswordSchema,
  passwordSchema,
} from "./passwords.ts";
export {
  consumeRateLimit,
  enforceRateLimit,
  RATE_LIMITS,
  type RateLimitRule,
} from "./rate_limits.ts";
export { deliver } from "./emails.ts";

// Identities other services vouch for (social login)
export {
  confirmAccountPassword,
  createAccountWithIdentity,
  hasPassword,
  type IdentityAccountInput,
  identityAccountInputSchema,
  signInWithIdentity,
} from "./identity_sign_in.ts";
export { sealStoredTotpSecrets } from "./totp_sealing.ts";

// Re-authentication and erasure (services/privacy)
export {
  endAllSessions,
  eraseAccountIdentity,
  type ErasedIdentity,
  FORMER_MEMBER_NAME,
  reauthenticate,
  type ReauthInput,
  reauthInputSchema,
  reauthRequirements,
  TOMBSTONE_DOMAIN,
} from "./account_erasure.ts";

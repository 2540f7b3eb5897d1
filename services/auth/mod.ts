/**
 * The auth feature's public entry: everything outside services/auth/ imports from here.
 */
export * from "./auth.ts";
export * from "./emails.ts";
export * from "./errors.ts";
export * from "./one_time_tokens.ts";
export * from "./passwords.ts";
export * from "./rate_limits.ts";
export * from "./sessions.ts";
export * from "./totp.ts";
export * from "./model.ts";
export * from "./users.ts";

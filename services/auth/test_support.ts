/**
 * Shared set-up for the account flow tests beside this file: two devices'
 * request metadata, a learner signed up through the real flow, and the
 * links and codes a person would read from their email and authenticator.
 */
import { listOutbox } from "@/services/platform/email/mod.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { login } from "./login.ts";
import type { RequestMeta } from "./model.ts";
import { signup } from "./signup.ts";
import { totpCode } from "./totp.ts";
import { enableTwoFactor, startTwoFactorSetup } from "./two_factor.ts";

export const meta: RequestMeta = {
  ip: "203.0.113.5",
  userAgent:
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
  baseUrl: "http://localhost:8000",
};
export const otherDevice: RequestMeta = {
  ip: "198.51.100.7",
  userAgent:
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Gecko/20100101 Firefox/125.0",
  baseUrl: "http://localhost:8000",
};
export const PASSWORD = "lighthouse keeper 42";
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

/** Signs up Ada (or `email`) as a learner in Europe/London. */
export async function newLearner(kv: Deno.Kv, email = "ada@example.com") {
  return await signup(kv, {
    acceptTerms: true,
    email,
    password: PASSWORD,
    name: "Ada Lovelace",
    role: "learner",
    timeZone: "Europe/London",
  }, meta);
}

/** Logs in with PASSWORD and returns the (full, not pending) session token. */
export async function fullLogin(kv: Deno.Kv, email: string, from = meta) {
  const result = await login(kv, { email, password: PASSWORD }, from);
  if (!("sessionToken" in result)) throw new Error("expected a full session");
  return result.sessionToken;
}

/** The token of the newest link to `to` whose path is `path`. */
export async function linkToken(kv: Deno.Kv, to: string, path: string) {
  for (const message of await listOutbox(kv, { to })) {
    const match = message.text.match(
      new RegExp(`http://localhost:8000${path}\\?token=([\\w-]+)`),
    );
    if (match) return match[1];
  }
  throw new Error(`no ${path} link to ${to}`);
}

/** Enrols an authenticator for `userId` and returns its secret and codes. */
export async function turnOnTwoFactor(kv: Deno.Kv, userId: string) {
  const { secret } = await startTwoFactorSetup(kv, userId);
  const { recoveryCodes } = await enableTwoFactor(kv, userId, {
    code: await totpCode(secret),
  }, meta);
  return { secret, recoveryCodes };
}

/** The types of the user's audit events, newest first. */
export async function eventTypes(kv: Deno.Kv, userId: string) {
  const { events } = await listSecurityEvents(kv, { userId, limit: 100 });
  return events.map((e) => e.type);
}

/**
 * The two auth cookies and how they are written.
 *
 * - `tt_session`: the session token. HttpOnly (scripts never see it),
 *   SameSite=Lax (not sent on cross-site POSTs), Path=/, Secure whenever the
 *   request came over https, Max-Age 30 days (the session's absolute limit;
 *   the server enforces idle and absolute expiry on its own).
 * - `tt_2fa`: the pending-login token between the password and the 2FA code;
 *   same attributes, five minutes.
 * - `tt_device`: a random token naming this browser to the accounts that
 *   signed in from it, so a stranger's wrong passwords never lock it out
 *   (services/auth/login_throttle.ts); same attributes, a year.
 */
import { isHttpsRequest } from "./request_meta.ts";

export const SESSION_COOKIE = "tt_session";
export const PENDING_COOKIE = "tt_2fa";
export const DEVICE_COOKIE = "tt_device";

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const PENDING_MAX_AGE_SECONDS = 5 * 60;
const DEVICE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** Adds to `headers` an auth cookie, with the attributes they all share. */
function appendAuthCookie(
  headers: Headers,
  name: string,
  value: string,
  maxAgeSeconds: number,
  req: Request,
  trustProxy: boolean,
): void {
  const attributes = [
    `${name}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (isHttpsRequest(req, trustProxy)) attributes.push("Secure");
  headers.append("set-cookie", attributes.join("; "));
}

/** Adds the session cookie for `token` to `headers`. */
export function setSessionCookie(
  headers: Headers,
  token: string,
  req: Request,
  trustProxy: boolean,
): void {
  appendAuthCookie(
    headers,
    SESSION_COOKIE,
    token,
    SESSION_MAX_AGE_SECONDS,
    req,
    trustProxy,
  );
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(
  headers: Headers,
  req: Request,
  trustProxy: boolean,
): void {
  appendAuthCookie(headers, SESSION_COOKIE, "", 0, req, trustProxy);
}

/** Adds the device cookie for `token` to `headers`. */
export function setDeviceCookie(
  headers: Headers,
  token: string,
  req: Request,
  trustProxy: boolean,
): void {
  appendAuthCookie(
    headers,
    DEVICE_COOKIE,
    token,
    DEVICE_MAX_AGE_SECONDS,
    req,
    trustProxy,
  );
}

/** Adds the short-lived pending 2FA cookie for `token` to `headers`. */
export function setPendingCookie(
  headers: Headers,
  token: string,
  req: Request,
  trustProxy: boolean,
): void {
  appendAuthCookie(
    headers,
    PENDING_COOKIE,
    token,
    PENDING_MAX_AGE_SECONDS,
    req,
    trustProxy,
  );
}

/** Tells the browser to forget the pending 2FA cookie. */
export function clearPendingCookie(
  headers: Headers,
  req: Request,
  trustProxy: boolean,
): void {
  appendAuthCookie(headers, PENDING_COOKIE, "", 0, req, trustProxy);
}

/** Whether `headers` already set (or cleared) the cookie `name`. */
export function setsCookie(headers: Headers, name: string): boolean {
  return headers.getSetCookie().some((cookie) => cookie.startsWith(`${name}=`));
}

/**
 * The value of cookie `name` in the request, or `null`. Tokens are
 * base64url, so values are used as sent; anything oddly long is ignored.
 */
export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator === -1) continue;
    if (part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    return value === "" || value.length > 256 ? null : value;
  }
  return null;
}

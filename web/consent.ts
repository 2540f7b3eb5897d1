/**
 * The analytics consent contract, shared by the browser script
 * (web/scripts/consent.ts), the cookie choices page and the events API.
 * Dependency-free, because the script is bundled for the browser.
 *
 * Cookies (first-party, readable by the script, SameSite=Lax):
 * - `tt_consent`: the visitor's choice, "allow" or "decline", for 12 months.
 *   No cookie means "not asked yet": the banner shows, nothing is tracked.
 * - `tt_visitor`: a random id for counting visits, set only while the choice
 *   is "allow" and removed on "decline". It names a browser, never a person.
 *
 * Pages are the same HTML for every visitor (signed-out pages are served
 * from a shared cache), so nothing here is decided on the server for a
 * page: the banner ships hidden in every page and the script shows it.
 */

export const CONSENT_COOKIE = "tt_consent";
export const VISITOR_COOKIE = "tt_visitor";
export const CONSENT_CHOICES = ["allow", "decline"] as const;
export type ConsentChoice = typeof CONSENT_CHOICES[number];
/** A choice is remembered for 12 months, then asked again. */
export const CONSENT_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** Where events are sent. */
export const ANALYTICS_EVENTS_PATH = "/api/analytics/events";
/** The page with the no-JavaScript form; also where the footer link goes. */
export const COOKIE_CHOICES_PATH = "/privacy/cookies";
/** What the banner links to for the longer explanation. */
export const PRIVACY_INFO_PATH = "/privacy";

/** Ids and attributes the banner markup and the script agree on. */
export const CONSENT_BANNER_ID = "consent-banner";
export const CONSENT_CHOICE_ATTRIBUTE = "data-consent-choice";
export const CONSENT_OPEN_ATTRIBUTE = "data-consent-open";

/** The value of cookie `name` in a Cookie header (or document.cookie). */
export function readCookie(
  cookieHeader: string | null | undefined,
  name: string,
): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The visitor's remembered choice, or null when not made (or unreadable). */
export function consentFrom(
  cookieHeader: string | null | undefined,
): ConsentChoice | null {
  const value = readCookie(cookieHeader, CONSENT_COOKIE);
  return (CONSENT_CHOICES as readonly string[]).includes(value ?? "")
    ? value as ConsentChoice
    : null;
}

/** A cookie string for a Set-Cookie header or `document.cookie`. */
export function cookieString(
  name: string,
  value: string,
  maxAgeSeconds: number,
  secure: boolean,
): string {
  const parts = [
    `${name}=${value}`,
    "Path=/",
    `Max-Age=${maxAgeSeconds}`,
    "SameSite=Lax",
  ];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/** The cookies that record `choice` (and drop the visitor id on decline). */
export function choiceCookies(
  choice: ConsentChoice,
  secure: boolean,
): string[] {
  const cookies = [
    cookieString(CONSENT_COOKIE, choice, CONSENT_MAX_AGE_SECONDS, secure),
  ];
  if (choice === "decline") {
    cookies.push(cookieString(VISITOR_COOKIE, "", 0, secure));
  }
  return cookies;
}

/** What the script sends: one event, without visitor or user (cookies say). */
export type BeaconEvent =
  | { type: "page_view"; path: string; referrerHost?: string }
  | { type: "profile_view"; subjectId: string; path: string }
  | {
    type: "booking_started";
    subjectId: string;
    offeringId?: string;
    path: string;
  };

/**
 * The events a page view at `url` (coming from `referrer`) stands for:
 * always a page view; an expert's profile (/experts/<id>) is also a
 * profile view, the booking page (/book/<expertId>?offering=<id>) a
 * booking started. The referrer counts only as its host, and only when
 * another site sent the visitor.
 */
export function eventsForPage(url: URL, referrer: string): BeaconEvent[] {
  const path = url.pathname;
  const page: BeaconEvent = { type: "page_view", path };
  try {
    const from = referrer ? new URL(referrer) : null;
    if (from && from.host !== url.host && /^https?:$/.test(from.protocol)) {
      page.referrerHost = from.host;
    }
  } catch {
    // An unreadable referrer is left out.
  }
  const events: BeaconEvent[] = [page];
  const segment = (pattern: RegExp) => {
    const match = path.match(pattern);
    if (!match) return null;
    try {
      return decodeURIComponent(match[1]);
    } catch {
      return null;
    }
  };
  const expert = segment(/^\/experts\/([^/]+)\/?$/);
  if (expert) events.push({ type: "profile_view", subjectId: expert, path });
  const booked = segment(/^\/book\/([^/]+)\/?$/);
  if (booked) {
    const offeringId = url.searchParams.get("offering") || undefined;
    events.push({
      type: "booking_started",
      subjectId: booked,
      path,
      ...(offeringId ? { offeringId } : {}),
    });
  }
  return events;
}

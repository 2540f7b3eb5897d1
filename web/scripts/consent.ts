/**
 * The consent banner and first-party analytics, started on every page by
 * the site-wide script (site.ts).
 *
 * Every page carries the banner hidden, the same for every visitor, so
 * shared cached pages stay identical. Here, in the browser:
 * - no choice cookie yet: the banner is shown; nothing is sent;
 * - Allow: the choice and a random visitor id are remembered, the banner
 *   goes, and this page's events are sent;
 * - Decline: the choice is remembered, any visitor id dropped, nothing sent;
 * - with "allow" remembered: this page's events go out with
 *   `navigator.sendBeacon` (see web/consent.ts for which events a page is);
 * - the footer's "Cookie choices" link reopens the banner to change it
 *   (without JavaScript it opens the /privacy/cookies page instead).
 */
import {
  ANALYTICS_EVENTS_PATH,
  type BeaconEvent,
  choiceCookies,
  CONSENT_BANNER_ID,
  CONSENT_CHOICE_ATTRIBUTE,
  CONSENT_MAX_AGE_SECONDS,
  CONSENT_OPEN_ATTRIBUTE,
  type ConsentChoice,
  consentFrom,
  cookieString,
  eventsForPage,
  readCookie,
  VISITOR_COOKIE,
} from "../consent.ts";

const secure = () => location.protocol === "https:";

function randomVisitorId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The visitor id, made on first use; only ever called with consent. */
function ensureVisitorId(): void {
  if (readCookie(document.cookie, VISITOR_COOKIE)) return;
  document.cookie = cookieString(
    VISITOR_COOKIE,
    randomVisitorId(),
    CONSENT_MAX_AGE_SECONDS,
    secure(),
  );
}

function send(event: BeaconEvent): void {
  const body = new Blob([JSON.stringify(event)], {
    type: "application/json",
  });
  if (navigator.sendBeacon?.(ANALYTICS_EVENTS_PATH, body)) return;
  // A browser that refuses the beacon (or lacks it) gets a keepalive fetch.
  fetch(ANALYTICS_EVENTS_PATH, {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
    keepalive: true,
    credentials: "same-origin",
  }).catch(() => {});
}

let sentThisPage = false;

function sendPageEvents(): void {
  if (sentThisPage) return;
  sentThisPage = true;
  ensureVisitorId();
  for (
    const event of eventsForPage(new URL(location.href), document.referrer)
  ) {
    send(event);
  }
}

function remember(choice: ConsentChoice): void {
  for (const cookie of choiceCookies(choice, secure())) {
    document.cookie = cookie;
  }
}

/** Shows the banner when no choice is remembered, and sends what it allows. */
export function startConsent(): void {
  // The banner is sticky at the end of the page (components/ConsentBanner.tsx),
  // so it takes its own room below the footer: showing it is one attribute,
  // with no measuring and no restyling of the page.
  const banner = document.getElementById(CONSENT_BANNER_ID);
  const show = (focus: boolean) => {
    if (!banner) return;
    banner.hidden = false;
    if (focus) banner.querySelector<HTMLElement>("[tabindex='-1']")?.focus();
  };
  const hide = () => {
    if (banner) banner.hidden = true;
  };

  banner?.addEventListener("click", (event) => {
    const button = (event.target as Element).closest(
      `[${CONSENT_CHOICE_ATTRIBUTE}]`,
    );
    const choice = button?.getAttribute(CONSENT_CHOICE_ATTRIBUTE);
    if (choice !== "allow" && choice !== "decline") return;
    remember(choice);
    hide();
    if (choice === "allow") sendPageEvents();
  });

  for (const link of document.querySelectorAll(`[${CONSENT_OPEN_ATTRIBUTE}]`)) {
    link.addEventListener("click", (event) => {
      if (!banner) return;
      event.preventDefault();
      show(true);
    });
  }

  const choice = consentFrom(document.cookie);
  if (choice === null) show(false);
  else if (choice === "allow") sendPageEvents();
}

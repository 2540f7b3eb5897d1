/**
 * The analytics consent banner. Every page carries it hidden and the same
 * for every visitor (signed-out pages are shared from a cache); the static
 * script web/scripts/consent.ts shows it when no choice is remembered,
 * records the choice, and reopens it from the footer's "Cookie choices".
 * Without JavaScript it stays hidden and nothing is tracked; the footer link
 * then leads to the /privacy/cookies form.
 *
 * It is the page's last element and sticky at the bottom: it stays in view
 * while open, and being in the flow it makes its own room below the footer.
 */
import { ClientScript } from "@/framework/runtime.ts";
import { buttonClasses } from "./Button.tsx";
import {
  CONSENT_BANNER_ID,
  CONSENT_CHOICE_ATTRIBUTE,
  PRIVACY_INFO_PATH,
} from "@/web/consent.ts";

const HEADING_ID = `${CONSENT_BANNER_ID}-heading`;

export function ConsentBanner() {
  const choice = (value: "allow" | "decline") => ({
    [CONSENT_CHOICE_ATTRIBUTE]: value,
  });
  return (
    <>
      <section
        id={CONSENT_BANNER_ID}
        aria-labelledby={HEADING_ID}
        hidden
        class="sticky bottom-0 z-40 border-t border-slate-300 bg-white shadow-[0_-4px_16px_rgba(15,23,42,0.12)]"
      >
        <div class="mx-auto flex max-w-5xl flex-col gap-4 px-4 py-4 sm:flex-row sm:items-center sm:justify-between sm:px-6">
          <div class="min-w-0">
            <h2
              id={HEADING_ID}
              tabIndex={-1}
              class="text-base font-semibold text-slate-900 focus:outline-none"
            >
              Allow anonymous usage statistics?
            </h2>
            <p class="mt-1 text-sm text-slate-700">
              We count page and profile views on our own servers to improve
              TapTime. No third-party trackers, and nothing is counted unless
              you allow it.{" "}
              <a
                href={PRIVACY_INFO_PATH}
                class="font-medium text-brand-800 underline hover:text-brand-950"
              >
                Privacy policy
              </a>
            </p>
          </div>
          <div class="flex shrink-0 gap-3">
            <button
              type="button"
              {...choice("decline")}
              class={buttonClasses("secondary")}
            >
              Decline
            </button>
            <button
              type="button"
              {...choice("allow")}
              class={buttonClasses("primary")}
            >
              Allow
            </button>
          </div>
        </div>
      </section>
      {/* The site-wide script: this banner's behaviour, and the menus'. */}
      <ClientScript name="site" />
    </>
  );
}

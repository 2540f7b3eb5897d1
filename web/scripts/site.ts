/**
 * The one script every page carries (no island: a page hydrates nothing for
 * it): the consent banner with its first-party analytics beacon, and the
 * header menus' closing.
 */
import { startConsent } from "./consent.ts";
import { closeMenusLikeMenus } from "./header_menus.ts";

function start(): void {
  startConsent();
  closeMenusLikeMenus(document);
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else start();
}

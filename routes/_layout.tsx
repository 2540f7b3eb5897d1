import { define } from "@/web/define.ts";
import { SiteFooter } from "@/components/SiteFooter.tsx";
import { SiteHeader } from "@/components/SiteHeader.tsx";
import { ConsentBanner } from "@/components/ConsentBanner.tsx";

/**
 * The site chrome: a skip link (the first thing keyboard users reach),
 * header (with the signed-in user's menu), the page itself as the main landmark, and the footer.
 */
export default define.layout(function Layout({ Component, url, state }) {
  return (
    <>
      <a
        href="#main"
        class="sr-only rounded-md bg-white px-4 py-3 font-semibold text-brand-900 shadow-lg focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to main content
      </a>
      <SiteHeader
        pathname={url.pathname}
        user={state?.user ?? null}
        bell={state?.notificationBell}
      />
      <main id="main" tabIndex={-1} class="flex-1">
        <Component />
      </main>
      <SiteFooter pathname={url.pathname} />
      <ConsentBanner />
    </>
  );
});

import { define } from "@/web/define.ts";
import { SiteFooter } from "@/components/SiteFooter.tsx";
import { SiteHeader } from "@/components/SiteHeader.tsx";
import { ConsentBanner } from "@/components/ConsentBanner.tsx";
import { Container } from "@/components/Layout.tsx";

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
        {state?.policyOutdated && url.pathname !== "/account/privacy" && (
          <div class="border-b border-amber-200 bg-amber-50">
            <Container class="py-3 text-sm text-amber-950">
              Please read the current Terms and Privacy policy.{" "}
              <a
                href="/account/privacy#policy"
                class="font-semibold underline"
              >
                Read and accept them
              </a>
            </Container>
          </div>
        )}
        <Component />
      </main>
      <SiteFooter pathname={url.pathname} />
      <ConsentBanner />
    </>
  );
});

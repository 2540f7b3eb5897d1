import type { PageProps } from "../framework/types.ts";
import type { AppState } from "../state.ts";
import { ButtonLink } from "../components/Button.tsx";
import { Container } from "../components/Layout.tsx";
import { Seo } from "../components/Seo.tsx";

/**
 * Shown when something fails on our side. The error itself is logged by the
 * page layer and never shown: it could reveal internals.
 */
export default function ErrorPage(
  { url, state }: PageProps<unknown, AppState>,
) {
  return (
    <>
      <Seo
        title="Something went wrong"
        description="An unexpected error occurred on our side."
        siteUrl={state?.siteUrl ?? url.origin}
        path={url.pathname}
        noindex
      />
      <Container class="py-16 sm:py-24">
        <p class="text-sm font-semibold tracking-wide text-brand-800 uppercase">
          Error 500
        </p>
        <h1 class="mt-2 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
          Sorry, something went wrong on our side
        </h1>
        <p class="mt-4 max-w-2xl text-lg text-slate-700">
          It's not something you did, and we've logged the problem. Please try
          again in a moment; if it keeps happening, contact us and we'll sort it
          out.
        </p>
        <div class="mt-8 flex flex-wrap gap-3">
          <ButtonLink href={url.pathname + url.search}>Try again</ButtonLink>
          <ButtonLink href="/" variant="secondary">
            Go to the home page
          </ButtonLink>
          <ButtonLink href="/contact" variant="ghost">Contact us</ButtonLink>
        </div>
      </Container>
    </>
  );
}

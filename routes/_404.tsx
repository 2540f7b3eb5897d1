import type { PageProps } from "../framework/types.ts";
import type { AppState } from "../state.ts";
import { ButtonLink } from "../components/Button.tsx";
import { Container } from "../components/Layout.tsx";
import { Seo } from "../components/Seo.tsx";

/** Shown for unknown addresses and for records that are gone or hidden. */
export default function NotFoundPage(
  { url, state }: PageProps<unknown, AppState>,
) {
  return (
    <>
      <Seo
        title="Page not found"
        description="We couldn't find the page you were looking for."
        siteUrl={state?.siteUrl ?? url.origin}
        path={url.pathname}
        noindex
      />
      <Container class="py-16 sm:py-24">
        <p class="text-sm font-semibold tracking-wide text-brand-800 uppercase">
          Error 404
        </p>
        <h1 class="mt-2 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
          We couldn't find that page
        </h1>
        <p class="mt-4 max-w-2xl text-lg text-slate-700">
          The link may be old, or the page may have moved. If you were looking
          for an expert, their profile may no longer be public.
        </p>
        <div class="mt-8 flex flex-wrap gap-3">
          <ButtonLink href="/experts">Browse experts</ButtonLink>
          <ButtonLink href="/" variant="secondary">
            Go to the home page
          </ButtonLink>
        </div>
        <p class="mt-8 text-slate-700">
          Think something is broken?{" "}
          <a href="/contact" class="font-medium text-brand-800 underline">
            Let us know
          </a>.
        </p>
      </Container>
    </>
  );
}

import { define } from "@/web/define.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { ErrorScreen } from "@/components/ErrorScreen.tsx";

/** Shown for unknown addresses and for records that are gone or hidden. */
export default define.page(function NotFoundPage(
  { url, state },
) {
  return (
    <ErrorScreen
      status={404}
      title="Page not found"
      description="We couldn't find the page you were looking for."
      heading="We couldn't find that page"
      message="The link may be old, or the page may have moved. If you were looking for an expert, their profile may no longer be public."
      actions={
        <>
          <ButtonLink href="/experts">Browse experts</ButtonLink>
          <ButtonLink href="/" variant="secondary">
            Go to the home page
          </ButtonLink>
        </>
      }
      url={url}
      siteUrl={state?.siteUrl ?? url.origin}
    >
      <p class="mt-8 text-slate-700">
        Think something is broken?{" "}
        <a href="/contact" class="font-medium text-brand-800 underline">
          Let us know
        </a>.
      </p>
    </ErrorScreen>
  );
});

import { define } from "@/web/define.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { ErrorScreen } from "@/components/ErrorScreen.tsx";

/**
 * Shown when something fails on our side. The error itself is logged by the
 * page layer and never shown: it could reveal internals.
 */
export default define.page(function ErrorPage(
  { url, state },
) {
  return (
    <ErrorScreen
      status={500}
      title="Something went wrong"
      description="An unexpected error occurred on our side."
      heading="Sorry, something went wrong on our side"
      message="It's not something you did, and we've logged the problem. Please try again in a moment; if it keeps happening, contact us and we'll sort it out."
      actions={
        <>
          <ButtonLink href={url.pathname + url.search}>Try again</ButtonLink>
          <ButtonLink href="/" variant="secondary">
            Go to the home page
          </ButtonLink>
          <ButtonLink href="/contact" variant="ghost">Contact us</ButtonLink>
        </>
      }
      url={url}
      siteUrl={state?.siteUrl ?? url.origin}
    />
  );
});

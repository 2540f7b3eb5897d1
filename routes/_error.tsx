import { define } from "@/web/define.ts";
import { HttpError } from "@/framework/http_error.ts";
import { Button, ButtonLink } from "@/components/Button.tsx";
import { ErrorScreen } from "@/components/ErrorScreen.tsx";
import { roleHome } from "@/auth/policy.ts";

/** Plain-language headings for the statuses people actually meet. */
const HEADINGS: Record<number, string> = {
  400: "That request didn't look right",
  401: "Please log in to see this page",
  404: "We couldn't find that page",
  405: "That action isn't available here",
  413: "That's too much to send at once",
  429: "Too many requests",
};

/**
 * Rendered for `throw new HttpError(status)` from a handler or middleware.
 * A 403 explains that this account can't see the page and offers the way
 * home or a switch of account; other statuses get a short generic message.
 */
export default define.page(function HttpErrorPage(
  { error, state, url },
) {
  const status = error instanceof HttpError ? error.status : 500;
  const user = state?.user ?? null;
  const siteUrl = state?.siteUrl ?? url.origin;
  const forbidden = status === 403;
  const unauthenticated = status === 401 && !user;
  const heading = forbidden
    ? "You don't have access to this page"
    : HEADINGS[status] ?? "Something went wrong with that request";
  const message = forbidden
    ? user
      ? `You're logged in as ${user.email}, and this account can't open this page. If you have another account that can, log out and sign in with it.`
      : "This page needs an account with access to it."
    : (status === 413 || status === 401) && error instanceof HttpError
    ? error.message
    : "Please check the address, or go back and try again.";
  const actions = user
    ? (
      <>
        <ButtonLink href={roleHome(user)}>
          Go to your home
        </ButtonLink>
        {forbidden && (
          <form method="post" action="/logout">
            <input type="hidden" name="next" value="/login" />
            <Button variant="secondary">
              Log out and sign in as someone else
            </Button>
          </form>
        )}
      </>
    )
    : (
      <>
        {unauthenticated && (
          <ButtonLink
            href={`/login?next=${
              encodeURIComponent(url.pathname + url.search)
            }`}
          >
            Log in
          </ButtonLink>
        )}
        <ButtonLink
          href="/"
          variant={unauthenticated ? "secondary" : undefined}
        >
          Go to the home page
        </ButtonLink>
        {forbidden && (
          <ButtonLink href="/login" variant="secondary">
            Log in
          </ButtonLink>
        )}
      </>
    );
  return (
    <ErrorScreen
      status={status}
      title={heading}
      description={heading}
      heading={heading}
      message={message}
      actions={actions}
      url={url}
      siteUrl={siteUrl}
    />
  );
});

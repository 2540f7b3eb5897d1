import type { ComponentChildren } from "preact";
import { Container } from "./Layout.tsx";
import { Seo } from "./Seo.tsx";

/**
 * The frame of every error page (404, 500 and the statuses handlers throw):
 * the status, a plain-language heading and message, and the ways onward.
 * Error pages are never indexed.
 */
export function ErrorScreen(
  {
    status,
    title,
    description,
    heading,
    message,
    actions,
    children,
    url,
    siteUrl,
  }: {
    status: number;
    /** The document title and description, for the tab and for sharing. */
    title: string;
    description: string;
    heading: string;
    message: ComponentChildren;
    /** The buttons under the message. */
    actions: ComponentChildren;
    /** Anything shown below the buttons. */
    children?: ComponentChildren;
    url: URL;
    siteUrl: string;
  },
) {
  return (
    <>
      <Seo
        title={title}
        description={description}
        siteUrl={siteUrl}
        path={url.pathname}
        noindex
      />
      <Container class="py-16 sm:py-24">
        <p class="text-sm font-semibold tracking-wide text-brand-800 uppercase">
          {`Error ${status}`}
        </p>
        <h1 class="mt-2 text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
          {heading}
        </h1>
        <p class="mt-4 max-w-2xl text-lg text-slate-700">{message}</p>
        <div class="mt-8 flex flex-wrap gap-3">{actions}</div>
        {children}
      </Container>
    </>
  );
}

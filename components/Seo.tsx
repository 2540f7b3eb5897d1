import { Head } from "@/framework/runtime.ts";
import { SITE_NAME } from "@/web/site.ts";

export interface SeoProps {
  /** The page's own title; " · TapTime" is appended. */
  title: string;
  /** One or two sentences for search results and link previews. */
  description: string;
  /** The site origin (`state.siteUrl`), no trailing slash. */
  siteUrl: string;
  /** Path (plus any meaningful query) of the canonical URL, e.g. "/experts?category=design". */
  path: string;
  /** OpenGraph type: "website" unless the page is an article or a person. */
  type?: "website" | "article" | "profile";
  /** Keep error and confirmation pages out of search indexes. */
  noindex?: boolean;
}

/** The absolute, canonical URL of `path` on this site. */
export function canonicalUrl(siteUrl: string, path: string): string {
  return `${siteUrl.replace(/\/+$/, "")}${
    path.startsWith("/") ? "" : "/"
  }${path}`;
}

/** "Browse experts" → "Browse experts · TapTime". */
export function pageTitle(title: string): string {
  return `${title} · ${SITE_NAME}`;
}

/**
 * Everything a page puts in `<head>` for search engines and link previews:
 * title, description, canonical URL, OpenGraph and Twitter card tags. Every
 * page renders exactly one of these.
 */
export function Seo(
  { title, description, siteUrl, path, type = "website", noindex = false }:
    SeoProps,
) {
  const fullTitle = pageTitle(title);
  const url = canonicalUrl(siteUrl, path);
  return (
    <Head>
      <title>{fullTitle}</title>
      <meta name="description" content={description} />
      {noindex
        ? <meta name="robots" content="noindex" />
        : <link rel="canonical" href={url} />}
      <meta property="og:title" content={fullTitle} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      <meta property="og:type" content={type} />
      <meta property="og:site_name" content={SITE_NAME} />
      <meta name="twitter:card" content="summary" />
      <meta name="twitter:title" content={fullTitle} />
      <meta name="twitter:description" content={description} />
    </Head>
  );
}

/**
 * Structured data for search engines. `<` is escaped so that no value (an
 * expert's bio, say) can close the script element early.
 */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return (
    <Head>
      <script
        type="application/ld+json"
        // deno-lint-ignore react-no-danger
        dangerouslySetInnerHTML={{ __html: json }}
      />
    </Head>
  );
}

/**
 * The head of a page only its signed-in user sees (an account area, an
 * application, a review): its title says it all, and search engines are
 * kept away.
 */
export function PrivatePageSeo(
  { title, siteUrl, path }: Pick<SeoProps, "title" | "siteUrl" | "path">,
) {
  return (
    <Seo
      title={title}
      description={`${title} on ${SITE_NAME}.`}
      siteUrl={siteUrl}
      path={path}
      noindex
    />
  );
}

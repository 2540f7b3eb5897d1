/**
 * What a page puts in `<head>` for search engines and link previews: the
 * title, description, canonical URL or robots rule, and Open Graph and
 * X/Twitter card tags with a share image (the site's card unless the page
 * has its own).
 */
import { Head } from "@/framework/runtime.ts";
import { SITE_NAME } from "@/web/site.ts";
import { type ShareImage, SITE_SHARE_IMAGE } from "@/web/share_cards.ts";

export interface SeoProps {
  /** The page's own title; " · TapTime" is appended (see `pageTitle`). */
  title: string;
  /** One or two sentences for search results and link previews. */
  description: string;
  /** The site origin (`state.siteUrl`), no trailing slash. */
  siteUrl: string;
  /** Path (plus any meaningful query) of the canonical URL, e.g. "/experts?category=design". */
  path: string;
  /** OpenGraph type: "website" unless the page is an article or a person. */
  type?: "website" | "article" | "profile";
  /**
   * Keep the page out of search indexes: `true` for private, error and
   * confirmation pages; `"follow"` for variants of a listing (a sort, a
   * search) whose links should still be followed.
   */
  noindex?: boolean | "follow";
  /** The link-preview picture; the site's card when absent. */
  image?: ShareImage;
}

/** The longest title search results show in full. */
export const MAX_TITLE_LENGTH = 70;

const TITLE_SUFFIX = ` · ${SITE_NAME}`;

/** The absolute, canonical URL of `path` on this site. */
export function canonicalUrl(siteUrl: string, path: string): string {
  return `${siteUrl.replace(/\/+$/, "")}${
    path.startsWith("/") ? "" : "/"
  }${path}`;
}

/**
 * "Browse experts" → "Browse experts · TapTime", shortened at a word (with
 * "…") so that the whole stays within MAX_TITLE_LENGTH characters.
 */
export function pageTitle(title: string): string {
  const room = MAX_TITLE_LENGTH - TITLE_SUFFIX.length;
  const flat = title.replace(/\s+/g, " ").trim();
  if (flat.length <= room) return `${flat}${TITLE_SUFFIX}`;
  const cut = flat.slice(0, room - 1);
  const space = cut.lastIndexOf(" ");
  const kept = (space > room / 2 ? cut.slice(0, space) : cut)
    .replace(/[\s,.;:–-]+$/, "");
  return `${kept}…${TITLE_SUFFIX}`;
}

/** Every page renders exactly one of these. */
export function Seo(
  {
    title,
    description,
    siteUrl,
    path,
    type = "website",
    noindex = false,
    image = SITE_SHARE_IMAGE,
  }: SeoProps,
) {
  const fullTitle = pageTitle(title);
  const url = canonicalUrl(siteUrl, path);
  const imageUrl = canonicalUrl(siteUrl, image.path);
  return (
    <Head>
      <title>{fullTitle}</title>
      <meta name="description" content={description} />
      {noindex
        ? (
          <meta
            name="robots"
            content={noindex === "follow" ? "noindex, follow" : "noindex"}
          />
        )
        : <link rel="canonical" href={url} />}
      <meta property="og:title" content={fullTitle} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      <meta property="og:type" content={type} />
      <meta property="og:site_name" content={SITE_NAME} />
      <meta property="og:image" content={imageUrl} />
      <meta property="og:image:type" content="image/png" />
      <meta property="og:image:width" content={String(image.width)} />
      <meta property="og:image:height" content={String(image.height)} />
      <meta property="og:image:alt" content={image.alt} />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={fullTitle} />
      <meta name="twitter:description" content={description} />
      <meta name="twitter:image" content={imageUrl} />
      <meta name="twitter:image:alt" content={image.alt} />
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

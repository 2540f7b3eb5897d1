/**
 * Structured data (schema.org, as JSON-LD) for search engines, and the
 * builders for each kind of page. Only properties schema.org defines for a
 * type are used (tests/support/schema_org.ts checks them): a `Person` has no
 * rating, so a profile's rating, when shown, sits on the `Service` it offers.
 * JSON-LD is data, not script: CSP's script-src does not apply to it.
 */
import type { ComponentChildren } from "preact";
import { renderToString } from "preact-render-to-string";
import { Head } from "@/framework/runtime.ts";
import type { ExpertProfile, ListedPrice } from "@/services/experts/mod.ts";
import type { BlogPost } from "@/services/content/mod.ts";
import { SITE_NAME, SITE_TAGLINE } from "@/web/site.ts";
import type { ShareImage } from "@/web/share_cards.ts";
import { canonicalUrl } from "./meta.tsx";

type Thing = Record<string, unknown>;

const CONTEXT = "https://schema.org";

/**
 * A `<script type="application/ld+json">` in the head. `<` is escaped so
 * that no value (an expert's bio, say) can close the element early.
 */
export function JsonLd({ data }: { data: Thing }) {
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

function organizationId(siteUrl: string): string {
  return canonicalUrl(siteUrl, "/#organization");
}

/** The company behind the site; other nodes point at it by `@id`. */
export function organization(siteUrl: string): Thing {
  return {
    "@type": "Organization",
    "@id": organizationId(siteUrl),
    name: SITE_NAME,
    url: canonicalUrl(siteUrl, "/"),
    logo: {
      "@type": "ImageObject",
      url: canonicalUrl(siteUrl, "/logo.svg"),
    },
  };
}

/** The home page's graph: the organization and the site with its search. */
export function homeJsonLd(siteUrl: string): Thing {
  return {
    "@context": CONTEXT,
    "@graph": [
      organization(siteUrl),
      {
        "@type": "WebSite",
        "@id": canonicalUrl(siteUrl, "/#website"),
        name: SITE_NAME,
        description: SITE_TAGLINE,
        url: canonicalUrl(siteUrl, "/"),
        publisher: { "@id": organizationId(siteUrl) },
        potentialAction: {
          "@type": "SearchAction",
          target: {
            "@type": "EntryPoint",
            urlTemplate: `${
              canonicalUrl(siteUrl, "/experts")
            }?q={search_term_string}`,
          },
          "query-input": "required name=search_term_string",
        },
      },
    ],
  };
}

/** A crumb: what the breadcrumb shows and where it leads. */
export interface Crumb {
  name: string;
  path: string;
}

/** The trail a page's breadcrumb shows, the current page last. */
export function breadcrumbJsonLd(siteUrl: string, crumbs: Crumb[]): Thing {
  return {
    "@context": CONTEXT,
    "@type": "BreadcrumbList",
    itemListElement: crumbs.map((crumb, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: crumb.name,
      item: canonicalUrl(siteUrl, crumb.path),
    })),
  };
}

/** A question and its answer as the FAQ page shows them. */
export interface FaqEntry {
  question: string;
  answer: ComponentChildren;
}

/**
 * The FAQ as `FAQPage`. Answers are the page's own markup (links kept,
 * classes dropped): search engines accept basic HTML in `Answer.text`.
 */
export function faqJsonLd(entries: FaqEntry[]): Thing {
  return {
    "@context": CONTEXT,
    "@type": "FAQPage",
    mainEntity: entries.map((entry) => ({
      "@type": "Question",
      name: entry.question,
      acceptedAnswer: {
        "@type": "Answer",
        text: answerHtml(entry.answer),
      },
    })),
  };
}

function answerHtml(answer: ComponentChildren): string {
  if (typeof answer === "string") return answer;
  return renderToString(<>{answer}</>)
    .replace(/\s(class|id)="[^"]*"/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** What a blog post's structured data needs besides the post. */
export interface BlogPostingContext {
  siteUrl: string;
  path: string;
  image: ShareImage;
  /** The author's profile, when the author is an expert on the site. */
  authorPath?: string;
}

/** A complete `BlogPosting`: image, dates, author and publisher. */
export function blogPostingJsonLd(
  post: BlogPost,
  c: BlogPostingContext,
): Thing {
  const url = canonicalUrl(c.siteUrl, c.path);
  return {
    "@context": CONTEXT,
    "@type": "BlogPosting",
    "@id": `${url}#article`,
    headline: post.title,
    description: post.excerpt,
    url,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    image: imageObject(c.siteUrl, c.image),
    datePublished: post.publishedAt,
    // Posts are not edited once published, so they last changed then.
    dateModified: post.publishedAt,
    author: {
      "@type": "Person",
      name: post.author,
      ...(c.authorPath ? { url: canonicalUrl(c.siteUrl, c.authorPath) } : {}),
    },
    publisher: organization(c.siteUrl),
    keywords: post.tags.join(", "),
    timeRequired: `PT${post.readingMinutes}M`,
    inLanguage: "en",
  };
}

/** What a profile's structured data needs besides the profile. */
export interface ProfileContext {
  siteUrl: string;
  path: string;
  price: ListedPrice;
  image: ShareImage;
  /**
   * The rating, only once visitors can read the reviews behind it: a count
   * search engines show must lead to reviews a visitor can open.
   */
  showRating?: boolean;
}

/**
 * A profile as `ProfilePage` about a `Person`. What the person offers is a
 * `Service` with an `Offer` at the listed price; a rating belongs to that
 * service (a `Person` cannot have one).
 */
export function profilePageJsonLd(
  expert: ExpertProfile,
  c: ProfileContext,
): Thing {
  const url = canonicalUrl(c.siteUrl, c.path);
  const personId = `${url}#person`;
  const { money, durationMinutes } = c.price;
  const price = (money.amountMinor / 100).toFixed(2);
  return {
    "@context": CONTEXT,
    "@type": "ProfilePage",
    "@id": url,
    url,
    name: `${expert.name} on ${SITE_NAME}`,
    dateCreated: expert.createdAt,
    mainEntity: {
      "@type": "Person",
      "@id": personId,
      url,
      name: expert.name,
      jobTitle: expert.headline,
      description: expert.bio,
      // Read off-site, so the photo is an absolute URL.
      ...(expert.photoUrl
        ? { image: new URL(expert.photoUrl, canonicalUrl(c.siteUrl, "/")).href }
        : {}),
      knowsAbout: expert.skills,
      knowsLanguage: expert.languages,
      homeLocation: { "@type": "Place", name: expert.location },
      ...(expert.linkedinOrWebsite
        ? { sameAs: [expert.linkedinOrWebsite] }
        : {}),
      makesOffer: {
        "@type": "Offer",
        url,
        priceCurrency: money.currency,
        price,
        priceSpecification: {
          "@type": "UnitPriceSpecification",
          price,
          priceCurrency: money.currency,
          ...(durationMinutes === null ? { unitCode: "HUR" } : {
            referenceQuantity: {
              "@type": "QuantitativeValue",
              value: durationMinutes,
              unitCode: "MIN",
            },
          }),
        },
        itemOffered: {
          "@type": "Service",
          name: `One-to-one sessions with ${expert.name}`,
          serviceType: expert.headline,
          provider: { "@id": personId },
          ...(c.showRating && expert.rating.count > 0
            ? {
              aggregateRating: {
                "@type": "AggregateRating",
                ratingValue: expert.rating.average.toFixed(1),
                reviewCount: expert.rating.count,
                bestRating: 5,
                worstRating: 1,
              },
            }
            : {}),
        },
      },
    },
    primaryImageOfPage: imageObject(c.siteUrl, c.image),
  };
}

function imageObject(siteUrl: string, image: ShareImage): Thing {
  return {
    "@type": "ImageObject",
    url: canonicalUrl(siteUrl, image.path),
    width: image.width,
    height: image.height,
    caption: image.alt,
  };
}

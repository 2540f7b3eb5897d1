/**
 * Which card each public page gets, and where its image lives. A page builds
 * its card's content from data it already has (so the image URL is in its
 * `<head>` without another read); the image route builds the same content
 * from the database with `loadShareCardContent`, so one definition serves
 * both and the hash in the URL always matches what is drawn.
 */
import {
  SHARE_CARD_HEIGHT,
  SHARE_CARD_WIDTH,
  type ShareCardContent,
  shareCardHash,
  type ShareCardKind,
} from "@/services/share_cards/mod.ts";
import {
  type ExpertProfile,
  getPublishedExpert,
  type ListedPrice,
  listedPrice,
  type PricedOffering,
  startingPriceFromOfferings,
} from "@/services/experts/mod.ts";
import { type Category, getCategory } from "@/services/categories/mod.ts";
import { type BlogPost, getPost } from "@/services/content/mod.ts";
import { listOfferings } from "@/services/offerings/mod.ts";
import { formatMoney } from "@/services/platform/money.ts";
import { formatDate, initials, plural } from "./format.ts";
import { SITE_NAME, SITE_TAGLINE } from "./site.ts";

/** An image for link previews: a site path plus what `og:image:*` says of it. */
export interface ShareImage {
  path: string;
  width: number;
  height: number;
  alt: string;
}

/** The id the site card goes by in its URL. */
const SITE_CARD_ID = "home";

/** `/share-cards/<kind>/<id>/<hash>.png` */
export function shareCardPath(
  kind: ShareCardKind,
  id: string,
  content: ShareCardContent,
): string {
  return `/share-cards/${kind}/${encodeURIComponent(id)}/${
    shareCardHash(content)
  }.png`;
}

function shareImage(
  kind: ShareCardKind,
  id: string,
  content: ShareCardContent,
  alt: string,
): ShareImage {
  return {
    path: shareCardPath(kind, id, content),
    width: SHARE_CARD_WIDTH,
    height: SHARE_CARD_HEIGHT,
    alt,
  };
}

const SITE_CARD: ShareCardContent = {
  kind: "site",
  eyebrow: "",
  title: "Learn from vetted experts, one session at a time",
  subtitle: SITE_TAGLINE,
  facts: ["Vetted experts", "Pay per session", "Video calls"],
};

/** The card of every page without one of its own; the same on every page. */
export const SITE_SHARE_IMAGE: ShareImage = shareImage(
  "site",
  SITE_CARD_ID,
  SITE_CARD,
  `${SITE_NAME}: ${SITE_CARD.title}`,
);

/** "From $45.00 / 30 min", or "$80.00 / hour" when no session price is known. */
export function listedPriceText(price: ListedPrice): string {
  return price.durationMinutes === null
    ? `${formatMoney(price.money)} / hour`
    : `From ${formatMoney(price.money)} / ${price.durationMinutes} min`;
}

/**
 * The price a profile shows: its cheapest active offering, even before the
 * catalogue has caught up with an offering change; else the listed price.
 */
export function profilePrice(
  expert: ExpertProfile,
  offerings: PricedOffering[],
): ListedPrice {
  return listedPrice({
    hourlyRate: expert.hourlyRate,
    startingPrice: startingPriceFromOfferings(offerings) ??
      expert.startingPrice,
  });
}

function expertCardContent(
  expert: ExpertProfile,
  price: ListedPrice,
): ShareCardContent {
  const rated = expert.rating.count > 0;
  return {
    kind: "expert",
    eyebrow: "Expert",
    title: expert.name,
    subtitle: expert.headline,
    facts: [
      ...(rated
        ? [
          `${expert.rating.average.toFixed(1)} · ${
            plural(expert.rating.count, "review")
          }`,
        ]
        : []),
      listedPriceText(price),
    ],
    firstFactIsRating: rated,
    initials: initials(expert.name),
  };
}

/** A profile's card: name, headline, rating, and the price it is listed at. */
export function expertShareImage(
  expert: ExpertProfile,
  price: ListedPrice,
): ShareImage {
  return shareImage(
    "expert",
    expert.id,
    expertCardContent(expert, price),
    `${expert.name}, ${expert.headline}, on ${SITE_NAME}`,
  );
}

function categoryCardContent(
  category: Category,
  parent: Category | null,
): ShareCardContent {
  return {
    kind: "category",
    eyebrow: parent ? parent.name : "Category",
    title: `${category.name} experts`,
    subtitle: category.description ||
      `One-to-one sessions with vetted ${category.name} experts.`,
    facts: ["Vetted experts", "Book a one-to-one session"],
  };
}

/** A category page's card. */
export function categoryShareImage(
  category: Category,
  parent: Category | null,
): ShareImage {
  return shareImage(
    "category",
    category.id,
    categoryCardContent(category, parent),
    `${category.name} experts on ${SITE_NAME}`,
  );
}

function postCardContent(post: BlogPost): ShareCardContent {
  return {
    kind: "post",
    eyebrow: "Blog",
    title: post.title,
    subtitle: post.excerpt,
    facts: [
      post.author,
      formatDate(post.publishedAt),
      `${post.readingMinutes} min read`,
    ],
  };
}

/** A blog post's card. */
export function postShareImage(post: BlogPost): ShareImage {
  return shareImage(
    "post",
    post.slug,
    postCardContent(post),
    `${post.title}, on the ${SITE_NAME} blog`,
  );
}

/**
 * The content of the card `kind`/`id` as the page shows it now, or null when
 * there is no such public page (an unpublished expert, a retired category).
 */
export async function loadShareCardContent(
  kv: Deno.Kv,
  kind: string,
  id: string,
): Promise<ShareCardContent | null> {
  switch (kind) {
    case "site":
      return id === SITE_CARD_ID ? SITE_CARD : null;
    case "expert": {
      const expert = await getPublishedExpert(kv, id);
      if (!expert) return null;
      const offerings = await listOfferings(kv, expert.id);
      return expertCardContent(expert, profilePrice(expert, offerings));
    }
    case "category": {
      const category = await getCategory(kv, id);
      if (!category || category.retired) return null;
      const parent = category.parentId
        ? await getCategory(kv, category.parentId)
        : null;
      if (parent?.retired) return null;
      return categoryCardContent(category, parent);
    }
    case "post": {
      const post = await getPost(kv, id);
      return post ? postCardContent(post) : null;
    }
    default:
      return null;
  }
}

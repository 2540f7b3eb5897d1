/**
 * A focused schema.org checker for the structured data TapTime publishes:
 * for each type we use, the properties schema.org defines for it (its own
 * and inherited ones, as far as we use them), what search engines require
 * for rich results, and which types a nested value may have. Anything else
 * is a problem: a property a type may not have (a rating on a `Person`), a
 * missing `image` on a `BlogPosting`, a relative URL, a date that is not
 * ISO 8601.
 */

type Json = Record<string, unknown>;

interface TypeRule {
  /** Properties beyond Thing's. */
  allowed: string[];
  required?: string[];
  /** Nested values: the types each property may hold. */
  expects?: Record<string, string[]>;
}

/** Thing's properties, which every type has. */
const THING = [
  "@context",
  "@id",
  "@type",
  "name",
  "alternateName",
  "description",
  "url",
  "image",
  "sameAs",
  "identifier",
  "mainEntityOfPage",
  "potentialAction",
];

const CREATIVE_WORK = [
  "author",
  "publisher",
  "dateCreated",
  "dateModified",
  "datePublished",
  "headline",
  "inLanguage",
  "keywords",
  "timeRequired",
  "wordCount",
  "about",
];

const WEB_PAGE = [...CREATIVE_WORK, "mainEntity", "primaryImageOfPage"];

const IMAGE = ["ImageObject"];
const AGENT = ["Person", "Organization"];

export const RULES: Record<string, TypeRule> = {
  Organization: {
    allowed: ["logo", "email", "address", "contactPoint"],
    required: ["name", "url"],
    expects: { logo: IMAGE },
  },
  WebSite: {
    allowed: CREATIVE_WORK,
    required: ["name", "url"],
    expects: { publisher: AGENT, potentialAction: ["SearchAction"] },
  },
  SearchAction: {
    allowed: ["target", "query-input", "object", "result"],
    required: ["target", "query-input"],
    expects: { target: ["EntryPoint"] },
  },
  EntryPoint: { allowed: ["urlTemplate"], required: ["urlTemplate"] },
  BreadcrumbList: {
    allowed: ["itemListElement", "numberOfItems"],
    required: ["itemListElement"],
    expects: { itemListElement: ["ListItem"] },
  },
  ListItem: { allowed: ["position", "item"], required: ["position", "name"] },
  FAQPage: {
    allowed: WEB_PAGE,
    required: ["mainEntity"],
    expects: { mainEntity: ["Question"] },
  },
  Question: {
    allowed: ["acceptedAnswer", "answerCount", "text"],
    required: ["name", "acceptedAnswer"],
    expects: { acceptedAnswer: ["Answer"] },
  },
  Answer: { allowed: ["text"], required: ["text"] },
  WebPage: { allowed: WEB_PAGE },
  BlogPosting: {
    allowed: [...CREATIVE_WORK, "articleBody"],
    required: [
      "headline",
      "image",
      "datePublished",
      "dateModified",
      "author",
      "publisher",
    ],
    expects: {
      image: IMAGE,
      author: AGENT,
      publisher: AGENT,
      mainEntityOfPage: ["WebPage"],
    },
  },
  ProfilePage: {
    allowed: WEB_PAGE,
    required: ["mainEntity"],
    expects: { mainEntity: AGENT, primaryImageOfPage: IMAGE },
  },
  Person: {
    allowed: [
      "jobTitle",
      "knowsAbout",
      "knowsLanguage",
      "homeLocation",
      "makesOffer",
      "worksFor",
    ],
    required: ["name"],
    expects: { homeLocation: ["Place"], makesOffer: ["Offer"] },
  },
  Place: { allowed: ["address"], required: ["name"] },
  Offer: {
    allowed: [
      "price",
      "priceCurrency",
      "priceSpecification",
      "itemOffered",
      "availability",
      "aggregateRating",
    ],
    required: ["price", "priceCurrency"],
    expects: {
      priceSpecification: ["UnitPriceSpecification"],
      itemOffered: ["Service"],
      aggregateRating: ["AggregateRating"],
    },
  },
  UnitPriceSpecification: {
    allowed: ["price", "priceCurrency", "unitCode", "referenceQuantity"],
    required: ["price", "priceCurrency"],
    expects: { referenceQuantity: ["QuantitativeValue"] },
  },
  QuantitativeValue: { allowed: ["value", "unitCode"], required: ["value"] },
  Service: {
    allowed: ["serviceType", "provider", "aggregateRating", "areaServed"],
    required: ["name"],
    expects: { provider: AGENT, aggregateRating: ["AggregateRating"] },
  },
  AggregateRating: {
    allowed: [
      "ratingValue",
      "reviewCount",
      "ratingCount",
      "bestRating",
      "worstRating",
    ],
    required: ["ratingValue"],
  },
  ImageObject: {
    allowed: ["contentUrl", "width", "height", "caption"],
    required: ["url"],
  },
};

const URL_PROPERTIES = new Set(["url", "item", "contentUrl", "sameAs"]);
const DATE_PROPERTIES = new Set([
  "datePublished",
  "dateModified",
  "dateCreated",
]);
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** Every problem in one JSON-LD document; empty when it is valid. */
export function schemaProblems(document: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(document)) return ["The document is not an object."];
  if (document["@context"] !== "https://schema.org") {
    problems.push('@context is not "https://schema.org".');
  }
  const nodes = Array.isArray(document["@graph"])
    ? document["@graph"]
    : [document];
  for (const node of nodes) checkNode(node, "$", null, problems);
  return problems;
}

function checkNode(
  node: unknown,
  path: string,
  expected: string[] | null,
  problems: string[],
): void {
  if (!isObject(node)) {
    problems.push(`${path}: expected an object.`);
    return;
  }
  const type = node["@type"];
  // A bare reference to a node defined elsewhere.
  if (type === undefined && Object.keys(node).join() === "@id") return;
  if (typeof type !== "string" || !(type in RULES)) {
    problems.push(`${path}: unknown or missing @type ${JSON.stringify(type)}.`);
    return;
  }
  if (expected && !expected.includes(type)) {
    problems.push(`${path}: a ${type} where ${expected.join(" or ")} belongs.`);
  }
  const rule = RULES[type];
  const allowed = new Set([...THING, ...rule.allowed]);
  for (const property of rule.required ?? []) {
    if (node[property] === undefined || node[property] === "") {
      problems.push(`${path}: a ${type} needs ${property}.`);
    }
  }
  if (
    type === "AggregateRating" && node.reviewCount === undefined &&
    node.ratingCount === undefined
  ) {
    problems.push(
      `${path}: an AggregateRating needs a review or rating count.`,
    );
  }
  for (const [property, value] of Object.entries(node)) {
    const at = `${path}.${property}`;
    if (property === "@context" && path !== "$") {
      problems.push(`${at}: @context belongs on the top node only.`);
    }
    if (!allowed.has(property)) {
      problems.push(`${at}: schema.org defines no ${property} on ${type}.`);
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      if (URL_PROPERTIES.has(property) && typeof item === "string") {
        if (!/^https?:\/\//.test(item)) {
          problems.push(`${at}: ${item} is not an absolute URL.`);
        }
      }
      if (DATE_PROPERTIES.has(property) && !ISO_DATE.test(String(item))) {
        problems.push(`${at}: ${item} is not an ISO 8601 date.`);
      }
      if (isObject(item)) {
        checkNode(item, at, rule.expects?.[property] ?? null, problems);
      } else if (
        rule.expects?.[property] && property !== "image" &&
        property !== "mainEntityOfPage" && typeof item !== "string"
      ) {
        problems.push(
          `${at}: expected ${rule.expects[property].join(" or ")}.`,
        );
      }
    }
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON-LD documents in a page, parsed. */
export function jsonLdOf(html: string): unknown[] {
  return [
    ...html.matchAll(
      /<script type="application\/ld\+json">([^<]*)<\/script>/g,
    ),
  ].map((match) => JSON.parse(match[1]));
}

/** The @type of a document (or of each node of its graph). */
export function typesOf(document: unknown): string[] {
  if (!isObject(document)) return [];
  const nodes = Array.isArray(document["@graph"])
    ? document["@graph"]
    : [document];
  return nodes.map((node) => String((node as Json)["@type"]));
}

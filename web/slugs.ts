/**
 * Addresses made from names, for forms whose address field may be left
 * empty (a category's id, a blog post's slug).
 */

/**
 * A slug from a name: "Data & AI" → "data-ai", "Café design" → "cafe-design".
 * Empty when the name has no Latin letters or digits to make one from
 * ("日本語"): the form then asks for the address itself.
 */
export function slugFrom(name: string, maxLength = 60): string {
  return name.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "")
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, maxLength)
    .replace(/-+$/, "");
}

/**
 * What to say when `source` ("name", "title") gave no slug and the form's
 * `address` ("an id", "an address") was left empty.
 *
 * @example
 * nothingToSlugFrom("title", "an address");
 */
export function nothingToSlugFrom(source: string, address: string): string {
  return `The ${source} has no Latin letters or digits to make ${address} from: give one (lowercase letters, digits and hyphens).`;
}

/**
 * Markdown to HTML that is safe to embed, for blog posts, their preview
 * and FAQ answers: no scripts, styles, iframes, event-handler attributes
 * or `javascript:` URLs; external links carry `rel="noopener noreferrer"`;
 * images only from this site (the CSP's `img-src 'self'`).
 *
 * Images uploaded through the editor (blog_image_names.ts) become a
 * `<picture>` with AVIF and WebP sources, a JPEG `srcset`, `sizes` for the
 * text column and their `width`/`height` (so nothing shifts as they load).
 * Every image but the first is loaded lazily: the first is usually above
 * the fold, where lazy loading would only delay it.
 */
import { marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { BLOG_IMAGE_SIZES, responsiveImage } from "./blog_image_names.ts";

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags.filter((tag: string) => tag !== "h1"),
    "img",
    "del",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title", "width", "height"],
    code: ["class"],
    ol: ["start"],
    th: ["align"],
    td: ["align"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  // Only site-relative images: anything else is dropped, not left broken.
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  exclusiveFilter: (frame: sanitizeHtml.IFrame) =>
    frame.tag === "img" && !frame.attribs.src,
  allowedClasses: { code: [/^language-[\w-]+$/] },
  transformTags: {
    // The page owns the only <h1>; a post's top heading becomes an <h2>.
    h1: "h2",
    a: (tagName: string, attribs: Record<string, string>) => {
      const external = /^https?:\/\//i.test(attribs.href ?? "");
      const { rel: _rel, ...rest } = attribs;
      return {
        tagName,
        attribs: external ? { ...rest, rel: "noopener noreferrer" } : rest,
      };
    },
  },
};

/** Renders Markdown to HTML that is safe to embed (see the module doc). */
export function renderMarkdown(md: string): string {
  const html = marked.parse(md, { async: false, gfm: true });
  return withResponsiveImages(sanitizeHtml(html, SANITIZE_OPTIONS));
}

/** The attributes of a tag sanitize-html wrote (values always in "…"). */
function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag.matchAll(/\s([a-z-]+)="([^"]*)"/g)) {
    attributes.set(match[1], match[2]);
  }
  return attributes;
}

function attributeText(attributes: [string, string | number][]): string {
  return attributes.map(([name, value]) =>
    ` ${name}="${String(value).replace(/&(?!(?:[a-z]+|#\d+);)/g, "&amp;")}"`
  ).join("");
}

/**
 * Upgrades the sanitised `<img>` tags. Runs on sanitize-html's output, so
 * every attribute is one it allowed, already escaped, and nothing added
 * here comes from the Markdown except the escaped `alt` and `title`.
 */
function withResponsiveImages(html: string): string {
  let seen = 0;
  return html.replace(/<img\b[^>]*>/g, (tag) => {
    const first = seen++ === 0;
    const attributes = attributesOf(tag);
    const src = attributes.get("src") ?? "";
    const loading: [string, string][] = first
      ? [["decoding", "async"]]
      : [["loading", "lazy"], ["decoding", "async"]];
    const image = responsiveImage(src);
    if (!image) {
      const kept = [...attributes].filter(([name]) => name !== "loading");
      return `<img${attributeText([...kept, ...loading])} />`;
    }
    const jpeg = image.srcsets[image.srcsets.length - 1];
    const sources = image.srcsets.slice(0, -1).map(({ type, srcset }) =>
      `<source${
        attributeText([["type", type], ["srcset", srcset], [
          "sizes",
          BLOG_IMAGE_SIZES,
        ]])
      } />`
    ).join("");
    const text = ["alt", "title"].flatMap((name) =>
      attributes.has(name)
        ? [[name, attributes.get(name)!] as [string, string]]
        : []
    );
    return `<picture>${sources}<img${
      attributeText([
        ["src", image.src],
        ["srcset", jpeg.srcset],
        ["sizes", BLOG_IMAGE_SIZES],
        ["width", image.width],
        ["height", image.height],
        ...text,
        ...loading,
      ])
    } /></picture>`;
  });
}

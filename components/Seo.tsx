/**
 * The page head for search engines and link previews; the code lives in
 * components/seo/ (meta tags, structured data).
 */
export {
  canonicalUrl,
  MAX_TITLE_LENGTH,
  pageTitle,
  PrivatePageSeo,
  Seo,
  type SeoProps,
} from "./seo/meta.tsx";
export { JsonLd } from "./seo/json_ld.tsx";

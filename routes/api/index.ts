/**
 * `/api` and `/api/` themselves belong to the JSON API too (a catch-all needs
 * at least one segment), so they answer in its shape rather than as a page.
 */
export { handler } from "./[...path].ts";

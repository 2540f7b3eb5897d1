/**
 * The content feature's public entry: everything outside services/content/ imports from here.
 */
export * from "./blog.ts";
export * from "./contact.ts";
export * from "./feedback.ts";

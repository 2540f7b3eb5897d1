/**
 * The seed feature's public entry: everything outside services/seed/ imports from here.
 */
export * from "./demo_accounts.ts";
export * from "./seed.ts";
export * from "./data/categories.ts";
export * from "./data/experts.ts";
export * from "./data/generated.ts";
export * from "./data/posts.ts";

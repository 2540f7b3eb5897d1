/**
 * The experts feature's public entry: everything outside services/experts/ imports from here.
 */
export * from "./experts.ts";
export * from "./moderation.ts";
export * from "./search_index.ts";

/**
 * The offerings feature's public entry: everything outside services/offerings/ imports from here.
 */
export * from "./offerings.ts";

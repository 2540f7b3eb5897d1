/**
 * The categories feature's public entry: everything outside services/categories/ imports from here.
 */
export * from "./categories.ts";

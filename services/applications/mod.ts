/**
 * The applications feature's public entry: everything outside services/applications/ imports from here.
 */
export * from "./applications.ts";
export * from "./profile_completeness.ts";

/**
 * The learners feature's public entry: everything outside services/learners/ imports from here.
 */
export * from "./onboarding.ts";
export * from "./recommendations.ts";

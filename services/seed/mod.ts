/**
 * The seed feature's public entry: everything outside services/seed/
 * imports from here. Demo data (categories, experts with their applications
 * and offerings, posts, demo accounts) and bulk generated experts.
 */
export {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  type DemoAccount,
  seedDemoAccounts,
} from "./demo_accounts.ts";
export {
  demoExpertId,
  demoOfferings,
  SEED_REVIEWER_ID,
  seedDemoData,
  SEEDED_KEY,
  seedGeneratedExperts,
  SEEDING_STALE_MS,
  type SeedResult,
} from "./seed.ts";
export { portraitPixels, seedDemoPhotos } from "./portraits.ts";
export { DEMO_CATEGORIES } from "./data/categories.ts";
export { DEMO_EXPERTS } from "./data/experts.ts";
export { generateExperts } from "./data/generated.ts";
export { DEMO_POSTS } from "./data/posts.ts";

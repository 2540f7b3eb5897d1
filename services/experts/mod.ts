/**
 * The experts feature's public entry: everything outside services/experts/
 * imports from here. Profiles (model.ts, store.ts), search (search.ts and
 * the index it reads), account moderation and the time zone migration.
 */
export {
  EXPERT_SORTS,
  type ExpertInput,
  expertInputSchema,
  type ExpertProfile,
  expertProfileSchema,
  type ExpertSearch,
  type ExpertSearchResult,
  expertSearchSchema,
  type ExpertSort,
  type ExpertSummary,
  expertSummarySchema,
  type ParsedExpertSearch,
  ratingSchema,
  SEARCH_LIMIT_DEFAULT,
  SEARCH_LIMIT_MAX,
  startingPriceSchema,
  storedExpertProfileSchema,
  toExpertSummary,
} from "./model.ts";
export {
  type ListedPrice,
  listedPrice,
  type PricedOffering,
  sameStartingPrice,
  type StartingPrice,
  startingPriceFromOfferings,
} from "./pricing.ts";
export {
  assertKnownCategories,
  createExpert,
  EXPERT_PREFIX,
  EXPERTS_VERSION_KEY,
  type ExpertWriteContext,
  getExpert,
  getPublishedExpert,
  prepareExpert,
  stageExpertWrite,
  updateExpert,
} from "./store.ts";
export {
  expandCategories,
  findExpertIdsInIndex,
  normalizeText,
  wordsOf,
} from "./search_index.ts";
export {
  countPublishedExperts,
  expertsByCategoryCount,
  expertsByLanguageCount,
  featuredExperts,
  searchExperts,
} from "./search.ts";
export { type CatalogStats, catalogStats } from "./catalog.ts";
export {
  changeAccountRole,
  reactivateAccount,
  suspendAccount,
} from "./moderation.ts";
export {
  migrateExpertTimeZones,
  type TimeZoneMigrationResult,
} from "./time_zone_migration.ts";

/**
 * The experts feature's public entry: everything outside services/experts/
 * imports from here. Profiles (model.ts, store.ts), search (search.ts and
 * the index it reads), each expert's next free time for browse
 * (next_free_*.ts), account moderation and the time zone migration.
 *
 * Wiring: list `nextFreeRefreshJob` in runtime.ts's JOBS and bind
 * `nextFreeFinderProvider` there (to services/next_free's finder); list
 * `nextFreeCron` in main.ts's CRONS.
 */
export {
  AVAILABLE_WITHIN,
  AVAILABLE_WITHIN_MS,
  type AvailableWithin,
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
  getExperts,
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
  profileWithSimilar,
  searchExperts,
} from "./search.ts";
export { type CatalogStats, catalogStats } from "./catalog.ts";
export {
  getNextFree,
  type NextFreeFinding,
  type NextFreeRecord,
  STALE_AFTER_MS,
} from "./next_free_store.ts";
export {
  type NextFreeFinder,
  nextFreeFinderProvider,
  nextFreeRefreshJob,
  queueNextFreeRefresh,
  refreshNextFree,
} from "./next_free_refresh.ts";
export {
  expertsWithoutNextFree,
  nextFreeCron,
  queueStaleNextFree,
} from "./next_free_cron.ts";
export {
  changeAccountRole,
  reactivateAccount,
  suspendAccount,
} from "./moderation.ts";
export { type Rating, ratingFromTotals, stageExpertRating } from "./rating.ts";
export {
  migrateExpertTimeZones,
  type TimeZoneMigrationResult,
} from "./time_zone_migration.ts";
export {
  type ExpertChangeTimes,
  expertChangeTimes,
  fillExpertPageChange,
  stageExpertPageChange,
} from "./page_changes.ts";

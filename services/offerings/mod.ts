/**
 * The offerings feature's public entry: everything outside services/offerings/
 * imports from here.
 */
export {
  hourlyRateFromOfferings,
  type LoadedOffering,
  MAX_OFFERINGS_PER_EXPERT,
  MAX_PACKAGE_OPTIONS,
  MAX_PACKAGE_PRICE_MINOR,
  MAX_PACKAGE_SESSIONS,
  MAX_SESSION_PRICE_MINOR,
  MIN_PACKAGE_SESSIONS,
  MIN_PRICE_MINOR,
  type Offering,
  OFFERING_KINDS,
  type OfferingInput,
  offeringInputSchema,
  type OfferingKind,
  type OfferingPatch,
  offeringPatchSchema,
  offeringSchema,
  PACKAGE_KIND_RETIRED,
  type PackageOption,
  type PackageOptionInput,
  packageOptionInputSchema,
  packageOptionSchema,
  packageOptionsOf,
  SESSION_DURATIONS,
} from "./model.ts";
export {
  convertLegacyOffering,
  type LegacyOffering,
  legacyOfferingSchema,
  migrateLegacyOfferings,
} from "./legacy.ts";
export { loadBookable } from "./bookable.ts";
export {
  getOffering,
  listOfferings,
  offeringsFrozenReason,
  offeringsVersionKey,
  stageOfferingsFrozen,
} from "./store.ts";
export { createOffering, deleteOffering, updateOffering } from "./offerings.ts";

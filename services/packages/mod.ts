/**
 * The packages feature's public entry: everything outside services/packages/
 * imports from here. A learner buys one of a session type's package options
 * (buy.ts: the whole price into the package's escrow, N credits); a booking
 * paid with a credit takes one in its own atomic commit and a cancellation
 * in time gives it back (credits.ts, used by services/bookings); cancelling
 * the package refunds its unused credits pro rata (cancel.ts). Postings:
 * postings.ts. KV keys: store.ts.
 */
export {
  type BuyPackageRequest,
  buyPackageRequestSchema,
  nextCreditValue,
  type Package,
  PACKAGE_STATUSES,
  packageSchema,
  type PackageStatus,
  perSessionMinor,
} from "./model.ts";
export { buyPackage, PackageFundsError } from "./buy.ts";
export { cancelPackage } from "./cancel.ts";
export {
  bookablePackage,
  type PackageStep,
  prepareCreditReturn,
  prepareCreditUse,
} from "./credits.ts";
export { listLearnerPackages } from "./store.ts";

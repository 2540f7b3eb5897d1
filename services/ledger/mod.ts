/**
 * The double-entry ledger: every movement of money in TapTime, as immutable
 * entries whose lines sum to zero, with balances that cannot go negative
 * where they hold someone's money. Other features (top-ups, bookings,
 * withdrawals) describe movements; only this feature writes them.
 */
export {
  ACCOUNT_KINDS,
  type AccountKind,
  accountKind,
  accountOwner,
  accountSchema,
  availableEarningsAccount,
  type Balance,
  type Entry,
  ENTRY_KINDS,
  type EntryKind,
  entryKindSchema,
  entrySchema,
  escrowAccount,
  frozenAccount,
  isGuarded,
  type Line,
  payoutInFlightAccount,
  PAYOUTS,
  pendingEarningsAccount,
  PLATFORM_REVENUE,
  type PostingInput,
  processorAccount,
  PROMOTIONS,
  REFUNDS,
  walletAccount,
} from "./model.ts";
export {
  backOff,
  InsufficientFundsError,
  post,
  type PreparedPostings,
  preparePostings,
} from "./posting.ts";
export {
  getBalance,
  listAccountEntries,
  listBalances,
  listEntriesByRef,
} from "./balances.ts";
export {
  checkLedger,
  type CurrencyCheck,
  type LedgerCheck,
} from "./invariants.ts";
export { findEntryByKey, getEntry } from "./store.ts";
export {
  commissionOf,
  completeBooking,
  refundFromEscrow,
  releaseEarnings,
  reserveForBooking,
} from "./bookings.ts";

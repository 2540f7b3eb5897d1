/**
 * Learners' credits: credit packs, top-ups through a payment processor,
 * the events that settle them, refunds to the card and disputes.
 */
export {
  type CreditPack,
  type CreditPackInput,
  creditPackInputSchema,
  creditPackSchema,
  TOP_UP_STATUSES,
  type TopUp,
  topUpDescription,
  TopUpLimitError,
  type TopUpRequest,
  topUpRequestSchema,
  topUpSchema,
  type TopUpStatus,
} from "./model.ts";
export {
  createCreditPack,
  getCreditPack,
  listActiveCreditPacks,
  listCreditPacks,
  updateCreditPack,
} from "./packs.ts";
export {
  getOwnTopUp,
  listOwnTopUps,
  listTopUpsByStatus,
  type StartTopUp,
  startTopUp,
} from "./top_ups.ts";
export { applyPaymentEvent, type EventOutcome } from "./events.ts";
export { requestRefund } from "./refunds.ts";
export {
  getWalletBalances,
  listWalletEntries,
  type WalletBalance,
} from "./wallet.ts";

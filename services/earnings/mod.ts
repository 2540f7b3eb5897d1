/**
 * Experts' earnings and withdrawals: earnings per currency from the ledger,
 * the payout account (bank details sealed, or Stripe Connect) and the
 * withdrawal requests admins approve or reject.
 */
export {
  type BankDetails,
  bankDetailsSchema,
  decisionNoteSchema,
  type Earnings,
  earningsSchema,
  type PayoutAccount,
  payoutAccountSchema,
  type Withdrawal,
  WITHDRAWAL_STATUSES,
  type WithdrawalRequest,
  withdrawalRequestSchema,
  withdrawalSchema,
  type WithdrawalStatus,
} from "./model.ts";
export { ibanProblem, maskIban } from "./iban.ts";
export {
  applyPayoutAccountEvent,
  getPayoutAccount,
  revealIban,
  setBankAccount,
  startStripeOnboarding,
} from "./payout_accounts.ts";
export {
  approveWithdrawal,
  listOwnWithdrawals,
  listWithdrawalsByStatus,
  rejectWithdrawal,
  requestWithdrawal,
} from "./withdrawals.ts";
export { getEarnings, listEarningsEntries } from "./earnings.ts";

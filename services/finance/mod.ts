/**
 * The admin's view of the money: transactions with filters, the summary of
 * a period, CSV exports, and the ledger's invariant check.
 */
export {
  allTransactions,
  listTransactions,
  type TransactionFilter,
  transactionFilterSchema,
} from "./transactions.ts";
export {
  summarizeFinances,
  summaryQuerySchema,
  type SummaryRow,
  summaryRowSchema,
} from "./summary.ts";
export { toCsv } from "@/services/platform/csv.ts";

/**
 * CSV exports of the admin's money lists, with the same filters as the
 * lists themselves: ledger transactions (one row per line), top-ups (with
 * refunds and disputes) and withdrawals.
 */
import { z } from "zod";
import { adminWithTwoFactor } from "@/auth/policy.ts";
import {
  type Withdrawal,
  WITHDRAWAL_STATUSES,
} from "@/services/earnings/mod.ts";
import { listWithdrawalsByStatus } from "@/services/earnings/mod.ts";
import {
  allTransactions,
  toCsv,
  transactionFilterSchema,
} from "@/services/finance/mod.ts";
import type { Entry } from "@/services/ledger/mod.ts";
import {
  listTopUpsByStatus,
  TOP_UP_STATUSES,
  type TopUp,
} from "@/services/wallet/mod.ts";
import type { ApiApp, ApiContext } from "@/api/http.ts";
import { defineRoute } from "@/api/route.ts";

/** The most rows one export holds; narrow the filters for more. */
const MAX_ROWS = 10_000;

const csv = (description: string) => ({
  description,
  content: { "text/csv": { schema: z.string() } },
});

const transactionsCsv = defineRoute({
  method: "get",
  path: "/admin/finance/transactions.csv",
  operationId: "adminExportTransactions",
  summary: "Ledger entries as CSV (one row per line), with the list's filters",
  "x-access": adminWithTwoFactor,
  request: { query: transactionFilterSchema },
  responses: { 200: csv("Every matching entry's lines, newest first.") },
});

const topUpsCsv = defineRoute({
  method: "get",
  path: "/admin/finance/top-ups.csv",
  operationId: "adminExportTopUps",
  summary: "Top-ups in one status (refunded, disputed…) as CSV",
  "x-access": adminWithTwoFactor,
  request: {
    query: z.object({
      status: z.enum([...TOP_UP_STATUSES, "disputed"]).default("paid"),
    }),
  },
  responses: { 200: csv("Newest first.") },
});

const withdrawalsCsv = defineRoute({
  method: "get",
  path: "/admin/withdrawals.csv",
  operationId: "adminExportWithdrawals",
  summary: "Withdrawals in one status as CSV",
  "x-access": adminWithTwoFactor,
  request: {
    query: z.object({
      status: z.enum(WITHDRAWAL_STATUSES).default("requested"),
    }),
  },
  responses: { 200: csv("Newest first.") },
});

/** Every item of a paged list, up to MAX_ROWS. */
async function everyPage<T>(
  page: (cursor: string | undefined) => Promise<{
    items: T[];
    nextCursor: string | null;
  }>,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const found = await page(cursor);
    all.push(...found.items);
    cursor = found.nextCursor ?? undefined;
  } while (cursor && all.length < MAX_ROWS);
  return all.slice(0, MAX_ROWS);
}

function download(c: ApiContext, name: string, body: string) {
  return c.body(body, 200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${name}"`,
  });
}

/** Defines the CSV exports on `api`. */
export function financeExportRoutes(api: ApiApp): void {
  api.openapi(transactionsCsv, async (c) => {
    const entries = await allTransactions(
      c.env.kv,
      c.req.valid("query"),
      MAX_ROWS,
    );
    const rows = entries.flatMap((entry: Entry) =>
      entry.lines.map((line) => ({ entry, line }))
    );
    return download(
      c,
      "transactions.csv",
      toCsv(rows, [
        { header: "entry_id", value: (r) => r.entry.id },
        { header: "at", value: (r) => r.entry.at },
        { header: "kind", value: (r) => r.entry.kind },
        { header: "currency", value: (r) => r.entry.currency },
        { header: "account", value: (r) => r.line.account },
        { header: "amount_minor", value: (r) => r.line.amountMinor },
        { header: "refs", value: (r) => JSON.stringify(r.entry.refs) },
      ]),
    );
  });

  api.openapi(topUpsCsv, async (c) => {
    const { status } = c.req.valid("query");
    const topUps = await everyPage((cursor) =>
      listTopUpsByStatus(c.env.kv, status, { cursor, limit: 100 })
    );
    return download(
      c,
      `top-ups-${status}.csv`,
      toCsv<TopUp>(topUps, [
        { header: "top_up_id", value: (t) => t.id },
        { header: "created_at", value: (t) => t.createdAt },
        { header: "paid_at", value: (t) => t.paidAt },
        { header: "learner_id", value: (t) => t.learnerId },
        { header: "status", value: (t) => t.status },
        { header: "currency", value: (t) => t.currency },
        { header: "amount_minor", value: (t) => t.amountMinor },
        { header: "bonus_minor", value: (t) => t.bonusMinor },
        { header: "tax_minor", value: (t) => t.taxMinor },
        { header: "refunded_minor", value: (t) => t.refund?.amountMinor ?? 0 },
        { header: "refund_status", value: (t) => t.refund?.status ?? "" },
        { header: "disputed", value: (t) => t.disputed },
        { header: "provider", value: (t) => t.provider },
        { header: "payment_ref", value: (t) => t.paymentRef },
        { header: "failure_reason", value: (t) => t.failureReason },
      ]),
    );
  });

  api.openapi(withdrawalsCsv, async (c) => {
    const { status } = c.req.valid("query");
    const withdrawals = await everyPage((cursor) =>
      listWithdrawalsByStatus(c.env.kv, status, { cursor, limit: 100 })
    );
    return download(
      c,
      `withdrawals-${status}.csv`,
      toCsv<Withdrawal>(withdrawals, [
        { header: "withdrawal_id", value: (w) => w.id },
        { header: "requested_at", value: (w) => w.requestedAt },
        { header: "expert_id", value: (w) => w.expertId },
        { header: "status", value: (w) => w.status },
        { header: "currency", value: (w) => w.currency },
        { header: "amount_minor", value: (w) => w.amountMinor },
        { header: "method", value: (w) => w.method },
        { header: "destination", value: (w) => w.destination },
        { header: "decided_at", value: (w) => w.decidedAt },
        { header: "decided_by", value: (w) => w.decidedBy },
        { header: "note", value: (w) => w.note },
        { header: "transfer_id", value: (w) => w.transferId },
        { header: "failure_reason", value: (w) => w.failureReason },
      ]),
    );
  });
}

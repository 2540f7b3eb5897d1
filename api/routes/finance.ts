/**
 * The admins' view of the money: the withdrawals queue and its decisions,
 * transactions, top-ups and disputes with filters and CSV exports, the
 * summary of a period, the ledger's invariant check, platform settings and
 * credit packs. Admins with two-factor authentication only.
 */
import { z } from "zod";
import { adminWithTwoFactor } from "@/auth/policy.ts";
import {
  approveWithdrawal,
  decisionNoteSchema,
  listWithdrawalsByStatus,
  rejectWithdrawal,
  WITHDRAWAL_STATUSES,
  withdrawalSchema,
} from "@/services/earnings/mod.ts";
import {
  allTransactions,
  listTransactions,
  summarizeFinances,
  summaryQuerySchema,
  summaryRowSchema,
  toCsv,
  transactionFilterSchema,
} from "@/services/finance/mod.ts";
import { checkLedger, entrySchema } from "@/services/ledger/mod.ts";
import { pageQuerySchema } from "@/services/platform/model.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc, idParam, json, jsonBody } from "@/api/route.ts";
import { nextCursorSchema } from "@/api/schemas.ts";
import {
  listTopUpsByStatus,
  TOP_UP_STATUSES,
  topUpSchema,
} from "@/services/wallet/mod.ts";
import { type Entry } from "@/services/ledger/mod.ts";
import { financeSettingsRoutes } from "./finance_settings.ts";

const admin = adminWithTwoFactor;
const withdrawalParams = z.object({
  id: idParam("withdrawal", "The withdrawal's id."),
});
const noSuchWithdrawal = errorDoc("No withdrawal has this id.");
const decided = errorDoc(
  "The withdrawal was already decided (error: conflict).",
);

const withdrawalsQuery = z.object({
  status: z.enum(WITHDRAWAL_STATUSES).default("requested"),
  ...pageQuerySchema.shape,
});

const listWithdrawalsRoute = defineRoute({
  method: "get",
  path: "/admin/withdrawals",
  operationId: "adminListWithdrawals",
  summary: "Withdrawals in one status (the queue: requested), newest first",
  "x-access": admin,
  request: { query: withdrawalsQuery },
  responses: {
    200: json(
      "One page.",
      z.object({
        withdrawals: z.array(withdrawalSchema),
        nextCursor: nextCursorSchema,
      }),
    ),
  },
});

const approveRoute = defineRoute({
  method: "post",
  path: "/admin/withdrawals/{id}/approve",
  operationId: "adminApproveWithdrawal",
  summary: "Approve and pay out a withdrawal",
  description:
    "Sends the payout (a Stripe transfer, or the simulated payout). The answer is `paid`, or `failed` with the reason when the processor refused, in which case the money is back in the expert's available earnings.",
  "x-access": admin,
  request: {
    params: withdrawalParams,
    body: jsonBody(z.object({ note: z.string().max(1000).optional() })),
  },
  responses: {
    200: json(
      "Paid, or failed with a reason.",
      z.object({
        withdrawal: withdrawalSchema,
      }),
    ),
    404: noSuchWithdrawal,
    409: decided,
  },
});

const rejectRoute = defineRoute({
  method: "post",
  path: "/admin/withdrawals/{id}/reject",
  operationId: "adminRejectWithdrawal",
  summary: "Reject a withdrawal with a note for the expert",
  "x-access": admin,
  request: {
    params: withdrawalParams,
    body: jsonBody(z.object({ note: decisionNoteSchema })),
  },
  responses: {
    200: json(
      "Rejected; the money is available again.",
      z.object({
        withdrawal: withdrawalSchema,
      }),
    ),
    404: noSuchWithdrawal,
    409: decided,
  },
});

const csv = (description: string) => ({
  description,
  content: { "text/csv": { schema: z.string() } },
});

const transactionsRoute = defineRoute({
  method: "get",
  path: "/admin/finance/transactions",
  operationId: "adminListTransactions",
  summary: "Ledger entries, filtered by kind, user, currency and dates",
  "x-access": admin,
  request: { query: transactionFilterSchema },
  responses: {
    200: json(
      "One page, newest first.",
      z.object({
        entries: z.array(entrySchema),
        nextCursor: nextCursorSchema,
      }),
    ),
  },
});

const transactionsCsvRoute = defineRoute({
  method: "get",
  path: "/admin/finance/transactions.csv",
  operationId: "adminExportTransactions",
  summary: "The same filters, as CSV (one row per ledger line)",
  "x-access": admin,
  request: { query: transactionFilterSchema },
  responses: { 200: csv("Every matching entry's lines, newest first.") },
});

const topUpsQuery = z.object({
  status: z.enum([...TOP_UP_STATUSES, "disputed"]).default("paid"),
  ...pageQuerySchema.shape,
});

const topUpsRoute = defineRoute({
  method: "get",
  path: "/admin/finance/top-ups",
  operationId: "adminListTopUps",
  summary: "Top-ups by status (refunded for refunds, disputed for disputes)",
  "x-access": admin,
  request: { query: topUpsQuery },
  responses: {
    200: json(
      "One page, newest first.",
      z.object({
        topUps: z.array(topUpSchema),
        nextCursor: nextCursorSchema,
      }),
    ),
  },
});

const summaryRoute = defineRoute({
  method: "get",
  path: "/admin/finance/summary",
  operationId: "adminFinanceSummary",
  summary:
    "Money in, bookings paid, commission, refunds, payouts, bonus credits and tax for a period",
  "x-access": admin,
  request: { query: summaryQuerySchema },
  responses: {
    200: json(
      "Per currency, from the ledger.",
      z.object({
        from: z.string(),
        to: z.string(),
        currencies: z.array(summaryRowSchema),
      }),
    ),
  },
});

const checkRoute = defineRoute({
  method: "get",
  path: "/admin/ledger/check",
  operationId: "adminCheckLedger",
  summary: "Run the ledger's invariants",
  description:
    "Per currency all entries sum to zero; every balance equals the sum of its entries; no wallet or earnings balance is negative; every line is in its account's statement.",
  "x-access": admin,
  responses: {
    200: json(
      "`ok` is false when any invariant is broken.",
      z.object({
        ok: z.boolean(),
        currencies: z.array(z.object({
          currency: z.string(),
          entries: z.number().int(),
          sumMinor: z.number().int(),
          accounts: z.number().int(),
        })),
        problems: z.array(z.string()),
      }),
    ),
  },
});

function entryRows(entries: Entry[]) {
  return entries.flatMap((entry) =>
    entry.lines.map((line) => ({ entry, line }))
  );
}

/** Defines /api/admin/withdrawals*, /api/admin/finance/*, /api/admin/ledger/check. */
export function financeRoutes(api: ApiApp): void {
  api.openapi(listWithdrawalsRoute, async (c) => {
    const { status, ...page } = c.req.valid("query");
    const found = await listWithdrawalsByStatus(c.env.kv, status, page);
    return c.json(
      { withdrawals: found.items, nextCursor: found.nextCursor },
      200,
    );
  });

  api.openapi(approveRoute, async (c) => {
    const withdrawal = await approveWithdrawal(
      c.env.kv,
      c.env.state.providers.payments,
      currentUser(c).id,
      c.req.valid("param").id,
      c.req.valid("json").note,
      c.env.meta,
    );
    return c.json({ withdrawal }, 200);
  });

  api.openapi(rejectRoute, async (c) => {
    const withdrawal = await rejectWithdrawal(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
      c.req.valid("json").note,
      c.env.meta,
    );
    return c.json({ withdrawal }, 200);
  });

  api.openapi(transactionsRoute, async (c) => {
    const page = await listTransactions(c.env.kv, c.req.valid("query"));
    return c.json({ entries: page.items, nextCursor: page.nextCursor }, 200);
  });

  api.openapi(transactionsCsvRoute, async (c) => {
    const entries = await allTransactions(c.env.kv, c.req.valid("query"));
    const body = toCsv(entryRows(entries), [
      { header: "entry_id", value: (r) => r.entry.id },
      { header: "at", value: (r) => r.entry.at },
      { header: "kind", value: (r) => r.entry.kind },
      { header: "currency", value: (r) => r.entry.currency },
      { header: "account", value: (r) => r.line.account },
      { header: "amount_minor", value: (r) => r.line.amountMinor },
      { header: "refs", value: (r) => JSON.stringify(r.entry.refs) },
    ]);
    return c.body(body, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="transactions.csv"',
    });
  });

  api.openapi(topUpsRoute, async (c) => {
    const { status, ...page } = c.req.valid("query");
    const found = await listTopUpsByStatus(c.env.kv, status, page);
    return c.json({ topUps: found.items, nextCursor: found.nextCursor }, 200);
  });

  api.openapi(summaryRoute, async (c) => {
    return c.json(await summarizeFinances(c.env.kv, c.req.valid("query")), 200);
  });

  api.openapi(checkRoute, async (c) => {
    return c.json(await checkLedger(c.env.kv), 200);
  });

  financeSettingsRoutes(api);
}

/**
 * The parts of the admin finance pages that show money: the pages' tabs,
 * the period summary, the ledger check, transactions and top-ups.
 */
import { Notice } from "@/components/Notice.tsx";
import type { Entry, LedgerCheck } from "@/services/ledger/mod.ts";
import type { SummaryRow } from "@/services/finance/mod.ts";
import type { TopUp } from "@/services/wallet/mod.ts";
import { formatInstant } from "@/web/format.ts";
import {
  ENTRY_LABELS,
  money,
  signedMoney,
  topUpStatusLabel,
} from "@/web/money_forms.ts";
import { AMOUNT_CELL, CELL, ScrollTable, Tabs } from "./Table.tsx";

const FINANCE_PAGES = [
  { href: "/admin/finance", label: "Summary" },
  { href: "/admin/finance/withdrawals", label: "Withdrawals" },
  { href: "/admin/finance/transactions", label: "Transactions" },
  { href: "/admin/finance/top-ups", label: "Top-ups" },
  { href: "/admin/finance/settings", label: "Settings and packs" },
] as const;

/** Links between the finance pages, the current one marked. */
export function FinanceTabs({ pathname }: { pathname: string }) {
  return (
    <Tabs
      label="Finance pages"
      items={FINANCE_PAGES.map((page) => ({
        ...page,
        current: page.href === pathname,
      }))}
    />
  );
}

const SUMMARY_LINES: ReadonlyArray<[keyof SummaryRow, string]> = [
  ["moneyInMinor", "Money in (top-ups)"],
  ["bookingsPaidMinor", "Bookings paid"],
  ["commissionMinor", "Commission earned"],
  ["refundsMinor", "Refunds"],
  ["payoutsMinor", "Payouts to experts"],
  ["bonusMinor", "Bonus credits given"],
  ["taxMinor", "Tax collected"],
];

/** One small table per currency: the period's totals. */
export function SummaryTables({ rows }: { rows: SummaryRow[] }) {
  if (rows.length === 0) {
    return <p>No money moved in this period.</p>;
  }
  return (
    <div class="grid gap-6 md:grid-cols-2">
      {rows.map((row) => (
        <table key={row.currency} class="w-full text-left text-sm">
          <caption class="pb-2 text-left font-semibold text-slate-900">
            {row.currency}{" "}
            <span class="font-normal text-slate-700">
              ({row.entries} {row.entries === 1 ? "entry" : "entries"})
            </span>
          </caption>
          <tbody class="divide-y divide-slate-200">
            {SUMMARY_LINES.map(([field, label]) => (
              <tr key={field}>
                <th scope="row" class={`${CELL} font-normal text-slate-700`}>
                  {label}
                </th>
                <td class={AMOUNT_CELL}>
                  {money(row[field] as number, row.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

/** The invariants' verdict: one line when the books balance, else each problem. */
export function LedgerCheckStatus(
  { check }: {
    check: LedgerCheck;
  },
) {
  const entries = check.currencies.reduce((sum, c) => sum + c.entries, 0);
  if (check.ok) {
    return (
      <Notice tone="success" title="The books balance">
        {entries} {entries === 1 ? "entry" : "entries"} in{" "}
        {check.currencies.length}{" "}
        {check.currencies.length === 1 ? "currency" : "currencies"}: every
        currency sums to zero, every balance matches its entries and none is
        negative.
      </Notice>
    );
  }
  return (
    <Notice tone="error" title="The ledger check found problems">
      <ul class="list-disc space-y-1 pl-5">
        {check.problems.map((problem) => <li key={problem}>{problem}</li>)}
      </ul>
    </Notice>
  );
}

/** Ledger entries with their lines, newest first. */
export function TransactionsTable(
  { entries, names }: { entries: Entry[]; names: Record<string, string> },
) {
  if (entries.length === 0) return <p>No transactions match.</p>;
  return (
    <ScrollTable
      caption="Transactions, newest first"
      head={["When", "What", "Lines", "Concerns"]}
      minWidth="44rem"
    >
      {entries.map((entry) => (
        <tr key={entry.id}>
          <td class={`${CELL} whitespace-nowrap`}>
            <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
          </td>
          <td class={CELL}>
            {ENTRY_LABELS[entry.kind] ?? entry.kind}
            <span class="block font-mono text-xs text-slate-700">
              {entry.kind}
            </span>
          </td>
          <td class={CELL}>
            <ul>
              {entry.lines.map((line) => (
                <li
                  key={line.account}
                  class="flex justify-between gap-3 tabular-nums"
                >
                  <span class="font-mono text-xs break-all">
                    {line.account}
                  </span>
                  <span class="whitespace-nowrap">
                    {signedMoney(line.amountMinor, entry.currency)}
                  </span>
                </li>
              ))}
            </ul>
          </td>
          <td class={CELL}>
            <ul class="text-xs">
              {Object.entries(entry.refs).map(([ref, id]) => (
                <li key={ref}>
                  {ref}: {names[id] ?? <span class="font-mono">{id}</span>}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

/** Top-ups with who paid, what, and where they stand. */
export function TopUpsTable(
  { topUps, names }: { topUps: TopUp[]; names: Record<string, string> },
) {
  if (topUps.length === 0) return <p>No top-ups in this status.</p>;
  return (
    <ScrollTable
      caption="Top-ups, newest first"
      head={["Started", "Learner", "Paid", "Bonus", "Status", "Refund"]}
      amountColumns={[2, 3]}
      minWidth="44rem"
    >
      {topUps.map((topUp) => (
        <tr key={topUp.id}>
          <td class={`${CELL} whitespace-nowrap`}>
            <time dateTime={topUp.createdAt}>
              {formatInstant(topUp.createdAt)}
            </time>
          </td>
          <td class={`${CELL} break-words`}>
            {names[topUp.learnerId] ?? topUp.learnerId}
          </td>
          <td class={AMOUNT_CELL}>
            {money(topUp.amountMinor, topUp.currency)}
          </td>
          <td class={AMOUNT_CELL}>{money(topUp.bonusMinor, topUp.currency)}</td>
          <td class={CELL}>
            {topUpStatusLabel(topUp)}
            {topUp.failureReason && (
              <span class="block text-xs text-slate-700">
                {topUp.failureReason}
              </span>
            )}
          </td>
          <td class={`${CELL} whitespace-nowrap`}>
            {topUp.refund
              ? `${
                money(topUp.refund.amountMinor, topUp.currency)
              } (${topUp.refund.status})`
              : "—"}
          </td>
        </tr>
      ))}
    </ScrollTable>
  );
}

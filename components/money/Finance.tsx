/**
 * The parts of the admin finance pages that show money: the pages' tabs,
 * the period summary, the ledger check, transactions and top-ups.
 */
import { Notice } from "@/components/Notice.tsx";
import {
  accountKind,
  accountOwner,
  type Entry,
  type LedgerCheck,
} from "@/services/ledger/mod.ts";
import type { SummaryRow } from "@/services/finance/mod.ts";
import type { TopUp } from "@/services/wallet/mod.ts";
import { formatInstant } from "@/web/format.ts";
import {
  accountLabel,
  entryLabel,
  money,
  signedMoney,
  topUpStatusLabel,
} from "@/web/money_forms.ts";
import { AMOUNT_CELL, CELL, Tabs } from "./Table.tsx";

const FINANCE_PAGES = [
  { href: "/admin/finance", label: "Summary" },
  { href: "/admin/finance/withdrawals", label: "Withdrawals" },
  { href: "/admin/finance/transactions", label: "Transactions" },
  { href: "/admin/finance/top-ups", label: "Top-ups" },
  { href: "/admin/settings", label: "Settings and packs" },
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
  ["cardRefundsMinor", "Refunded to cards (top-ups)"],
  ["sessionRefundsMinor", "Refunded to wallets (sessions)"],
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

/** Ledger entries with their lines, newest first: one block per entry. */
export function TransactionList(
  { entries, names }: { entries: Entry[]; names: Record<string, string> },
) {
  if (entries.length === 0) return <p>No transactions match.</p>;
  return (
    <ol class="divide-y divide-slate-200" aria-label="Transactions">
      {entries.map((entry) => (
        <li key={entry.id} class="space-y-2 py-3">
          <p class="flex flex-wrap items-baseline justify-between gap-x-3">
            <span class="font-semibold text-slate-900">
              {entryLabel(entry)}{" "}
              <span class="font-mono text-xs font-normal text-slate-700">
                {entry.kind}
              </span>
            </span>
            <time dateTime={entry.at} class="text-sm text-slate-700">
              {formatInstant(entry.at)}
            </time>
          </p>
          <ul class="max-w-xl space-y-0.5 text-sm">
            {entry.lines.map((line) => (
              <li
                key={line.account}
                class="flex justify-between gap-3 tabular-nums"
              >
                <span
                  class="min-w-0 break-words text-slate-800"
                  title={line.account}
                >
                  {accountKind(line.account) === "escrow"
                    ? (
                      // A session's escrow: its booking is a page to open.
                      <a
                        href={`/bookings/${accountOwner(line.account)}`}
                        class="text-brand-800 underline"
                      >
                        Session escrow
                      </a>
                    )
                    : accountLabel(line.account, names)}
                </span>
                <span class="whitespace-nowrap">
                  {signedMoney(line.amountMinor, entry.currency)}
                </span>
              </li>
            ))}
          </ul>
          {Object.keys(entry.refs).length > 0 && (
            <p class="text-xs break-words text-slate-700">
              {Object.entries(entry.refs).map(([ref, id], index) => (
                <span key={ref}>
                  {index > 0 && " · "}
                  {ref}: {names[id] ?? <span class="font-mono">{id}</span>}
                </span>
              ))}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** Top-ups with who paid, what, and where they stand: one block each. */
export function AdminTopUpList(
  { topUps, names }: { topUps: TopUp[]; names: Record<string, string> },
) {
  if (topUps.length === 0) return <p>No top-ups in this status.</p>;
  return (
    <ol class="divide-y divide-slate-200" aria-label="Top-ups">
      {topUps.map((topUp) => (
        <li key={topUp.id} class="space-y-1 py-3">
          <p class="flex flex-wrap items-baseline justify-between gap-x-3">
            <span class="font-semibold text-slate-900">
              {money(topUp.amountMinor, topUp.currency)}
              {topUp.bonusMinor > 0 && (
                <span class="font-normal text-slate-700">
                  {` + ${money(topUp.bonusMinor, topUp.currency)} bonus`}
                </span>
              )} · {topUpStatusLabel(topUp)}
            </span>
            <time dateTime={topUp.createdAt} class="text-sm text-slate-700">
              {formatInstant(topUp.createdAt)}
            </time>
          </p>
          <p class="text-sm break-words text-slate-800">
            {names[topUp.learnerId] ?? topUp.learnerId}
          </p>
          <p class="text-xs break-words text-slate-700">
            Top-up <span class="font-mono">{topUp.id}</span>
            {topUp.paymentRef && (
              <>
                {" "}· payment <span class="font-mono">{topUp.paymentRef}</span>
              </>
            )}
            {topUp.taxMinor > 0 &&
              ` · tax ${money(topUp.taxMinor, topUp.currency)}`}
          </p>
          {topUp.failureReason && (
            <p class="text-sm text-slate-800">{topUp.failureReason}</p>
          )}
          {topUp.refund && (
            <p class="text-sm text-slate-800">
              Refund of {money(topUp.refund.amountMinor, topUp.currency)}{" "}
              ({topUp.refund.status})
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

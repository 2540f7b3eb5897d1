/**
 * Every ledger entry, filtered by kind, account (email or user id),
 * currency and dates, newest first, with the same filters as CSV.
 */
import { personFilter } from "@/web/person_filter.ts";
import { accountOwner } from "@/services/ledger/mod.ts";
import { define } from "@/web/define.ts";
import { fieldErrors } from "@/web/forms.ts";
import {
  accountNames,
  currencyOptions,
  ENTRY_LABELS,
} from "@/web/money_forms.ts";
import { Button } from "@/components/Button.tsx";
import { SelectField, TextField } from "@/components/form/inputs.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { Pagination, withQuery } from "@/components/Pagination.tsx";
import { FinanceTabs, TransactionList } from "@/components/money/Finance.tsx";
import {
  listTransactions,
  transactionFilterSchema,
} from "@/services/finance/mod.ts";
import { type Entry, ENTRY_KINDS } from "@/services/ledger/mod.ts";

const FILTERS = ["kind", "user", "currency", "from", "to"] as const;
type Filter = typeof FILTERS[number];

interface TransactionsData {
  filters: Record<Filter, string>;
  errors: Partial<Record<Filter, string>>;
  entries: Entry[];
  names: Record<string, string>;
  nextCursor: string | null;
  /** The query of the CSV link: the filters that were applied. */
  csvQuery: string | null;
}

const KIND_OPTIONS = [
  { value: "", label: "Any kind" },
  ...ENTRY_KINDS.map((kind) => ({ value: kind, label: ENTRY_LABELS[kind] })),
];

const CURRENCY_OPTIONS = [
  { value: "", label: "Any currency" },
  ...currencyOptions(),
];

export const handler = define.handlers<TransactionsData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const query = ctx.url.searchParams;
    const filters = Object.fromEntries(
      FILTERS.map((name) => [name, (query.get(name) ?? "").trim()]),
    ) as Record<Filter, string>;
    const empty = (errors: TransactionsData["errors"]) =>
      ctx.render({
        filters,
        errors,
        entries: [],
        names: {},
        nextCursor: null,
        csvQuery: null,
      }, { status: 400 });

    const person = await personFilter(kv, filters.user);
    if (person.error) return empty({ user: person.error });
    const userId = person.id;
    const filter = {
      kind: filters.kind || undefined,
      userId,
      currency: filters.currency || undefined,
      from: filters.from || undefined,
      to: filters.to || undefined,
    };
    const parsed = transactionFilterSchema.safeParse(filter);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return empty({
        kind: errors.kind,
        user: errors.userId,
        currency: errors.currency,
        from: errors.from,
        to: errors.to,
      });
    }
    const page = await listTransactions(kv, {
      ...parsed.data,
      cursor: query.get("cursor") || undefined,
      limit: 25,
    }).catch(() => listTransactions(kv, { ...parsed.data, limit: 25 }));
    // The people an entry names: in its references and its accounts' owners.
    const ids = page.items.flatMap((entry) => [
      ...Object.values(entry.refs),
      ...entry.lines.flatMap((line) => accountOwner(line.account) ?? []),
    ]);
    const csv = new URLSearchParams();
    for (const [name, value] of Object.entries(parsed.data)) {
      if (value !== undefined) csv.set(name, String(value));
    }
    return ctx.render({
      filters,
      errors: {},
      entries: page.items,
      names: await accountNames(kv, ids),
      nextCursor: page.nextCursor,
      csvQuery: csv.toString(),
    });
  },
});

export default define.page<typeof handler>(function FinanceTransactions(
  { data, url },
) {
  const { filters, errors } = data;
  return (
    <>
      <FinanceTabs pathname={url.pathname} />
      <Card title="Filter transactions" id="filters">
        <form
          method="get"
          action="/admin/finance/transactions"
          noValidate
          class="space-y-4"
        >
          <div class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <SelectField
              name="kind"
              label="Kind"
              value={filters.kind}
              error={errors.kind}
              options={KIND_OPTIONS}
            />
            <TextField
              name="user"
              optional={false}
              label="Account (email or user id)"
              value={filters.user}
              error={errors.user}
            />
            <SelectField
              name="currency"
              label="Currency"
              value={filters.currency}
              error={errors.currency}
              options={CURRENCY_OPTIONS}
            />
            <TextField
              type="date"
              name="from"
              optional={false}
              label="From"
              value={filters.from}
              error={errors.from}
            />
            <TextField
              type="date"
              name="to"
              optional={false}
              label="To (inclusive)"
              value={filters.to}
              error={errors.to}
            />
          </div>
          <Button>Filter</Button>
        </form>
      </Card>
      <Card title="Transactions, newest first" id="transactions">
        {data.csvQuery !== null && (
          <p>
            <a
              href={`/api/admin/finance/transactions.csv${
                data.csvQuery ? `?${data.csvQuery}` : ""
              }`}
              class="font-medium text-brand-800 underline"
            >
              Download these transactions (CSV)
            </a>
          </p>
        )}
        <TransactionList entries={data.entries} names={data.names} />
        <Pagination
          nextHref={data.nextCursor
            ? withQuery(url, { cursor: data.nextCursor })
            : null}
          firstHref={url.searchParams.has("cursor")
            ? withQuery(url, { cursor: null })
            : null}
          label="Transaction pages"
        />
      </Card>
    </>
  );
});

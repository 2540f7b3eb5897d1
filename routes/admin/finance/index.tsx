/**
 * The admin finance overview: a period's money per currency (this month
 * unless other dates are chosen), the ledger's invariant check, and the
 * period's transactions as CSV.
 */
import { define } from "@/web/define.ts";
import { fieldErrors } from "@/web/forms.ts";
import { thisMonth } from "@/web/money_forms.ts";
import { Button } from "@/components/Button.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import {
  FinanceTabs,
  LedgerCheckStatus,
  SummaryTables,
} from "@/components/money/Finance.tsx";
import {
  summarizeFinances,
  summaryQuerySchema,
  type SummaryRow,
} from "@/services/finance/mod.ts";
import { checkLedger, type LedgerCheck } from "@/services/ledger/mod.ts";

type PeriodField = "from" | "to";

interface FinanceData {
  period: Record<PeriodField, string>;
  errors: Partial<Record<PeriodField, string>>;
  rows: SummaryRow[] | null;
  check: LedgerCheck;
}

export const handler = define.handlers<FinanceData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const query = ctx.url.searchParams;
    const month = thisMonth();
    const period = {
      from: query.get("from") || month.from,
      to: query.get("to") || month.to,
    };
    const parsed = summaryQuerySchema.safeParse(period);
    const check = await checkLedger(kv);
    if (!parsed.success) {
      return ctx.render({
        period,
        errors: fieldErrors<PeriodField>(parsed.error),
        rows: null,
        check,
      }, { status: 400 });
    }
    const summary = await summarizeFinances(kv, parsed.data);
    return ctx.render({ period, errors: {}, rows: summary.currencies, check });
  },
});

export default define.page<typeof handler>(function FinanceOverview(
  { data, url },
) {
  const { period, errors } = data;
  const csv = new URLSearchParams(errors.from || errors.to ? {} : period);
  return (
    <>
      <FinanceTabs pathname={url.pathname} />
      <Card title="Summary of a period" id="summary">
        <form
          method="get"
          action="/admin/finance"
          noValidate
          class="grid gap-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
        >
          <TextField
            type="date"
            name="from"
            label="From"
            optional={false}
            value={period.from}
            error={errors.from}
          />
          <TextField
            type="date"
            name="to"
            label="To (inclusive)"
            optional={false}
            value={period.to}
            error={errors.to}
          />
          <Button>Show</Button>
        </form>
        {data.rows && <SummaryTables rows={data.rows} />}
        <p>
          <a
            href={`/api/admin/finance/transactions.csv?${csv}`}
            class="font-medium text-brand-800 underline"
          >
            Download this period's transactions (CSV)
          </a>
        </p>
      </Card>
      <Card title="Ledger check" id="ledger-check">
        <LedgerCheckStatus check={data.check} />
      </Card>
    </>
  );
});

/**
 * Top-ups by status: pending, paid, failed, refunded (the refunds) and
 * disputed (the disputes, whose credits are frozen).
 */
import { define } from "@/web/define.ts";
import { accountNames, pickParam } from "@/web/money_forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Pagination, withQuery } from "@/components/Pagination.tsx";
import { AdminTopUpList, FinanceTabs } from "@/components/money/Finance.tsx";
import { Tabs } from "@/components/money/Table.tsx";
import {
  listTopUpsByStatus,
  TOP_UP_STATUSES,
  type TopUp,
} from "@/services/wallet/mod.ts";
import type { Page } from "@/services/platform/paging.ts";

const STATUSES = [...TOP_UP_STATUSES, "disputed"] as const;
type Status = typeof STATUSES[number];

const STATUS_LABELS: Record<Status, string> = {
  pending: "Pending",
  paid: "Paid",
  failed: "Failed",
  refunded: "Refunded",
  disputed: "Disputed",
};

interface TopUpsData {
  status: Status;
  topUps: Page<TopUp>;
  names: Record<string, string>;
}

export const handler = define.handlers<TopUpsData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const status = pickParam(ctx.url, "status", STATUSES, "paid");
    const cursor = ctx.url.searchParams.get("cursor") || undefined;
    const topUps = await listTopUpsByStatus(kv, status, { cursor, limit: 25 })
      .catch(() => listTopUpsByStatus(kv, status, { limit: 25 }));
    return ctx.render({
      status,
      topUps,
      names: await accountNames(kv, topUps.items.map((t) => t.learnerId)),
    });
  },
});

export default define.page<typeof handler>(function FinanceTopUps(
  { data, url },
) {
  const { status, topUps } = data;
  return (
    <>
      <FinanceTabs pathname={url.pathname} />
      <Card title="Top-ups" id="top-ups">
        <Tabs
          label="Top-up status"
          items={STATUSES.map((option) => ({
            href: `/admin/finance/top-ups?status=${option}`,
            label: STATUS_LABELS[option],
            current: option === status,
          }))}
        />
        {status === "disputed" && (
          <p class="text-sm text-slate-700">
            A disputed payment's credits are frozen in the learner's wallet
            until the bank decides.
          </p>
        )}
        <AdminTopUpList topUps={topUps.items} names={data.names} />
        <Pagination
          nextHref={topUps.nextCursor
            ? withQuery(url, { cursor: topUps.nextCursor })
            : null}
          firstHref={url.searchParams.has("cursor")
            ? withQuery(url, { cursor: null })
            : null}
          label="Top-up pages"
        />
      </Card>
    </>
  );
});

/**
 * The withdrawals queue: requests waiting for a decision (and, by status,
 * the ones decided), each with an approve form (an optional note) and a
 * reject form (a note for the expert is required). Approving sends the
 * payout; if the processor refuses, the money goes back to the expert.
 */
import { define } from "@/web/define.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { requireUser } from "@/web/user.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import {
  accountNames,
  moneyFailure,
  pickParam,
  WITHDRAWAL_STATUS_LABELS,
} from "@/web/money_forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Pagination, withQuery } from "@/components/Pagination.tsx";
import { FinanceTabs } from "@/components/money/Finance.tsx";
import { Tabs } from "@/components/money/Table.tsx";
import {
  type Decision,
  WithdrawalDecisions,
} from "@/components/money/FinanceForms.tsx";
import { WithdrawalFacts } from "@/components/money/Earnings.tsx";
import {
  approveWithdrawal,
  listWithdrawalsByStatus,
  rejectWithdrawal,
  type Withdrawal,
  WITHDRAWAL_STATUSES,
  type WithdrawalStatus,
} from "@/services/earnings/mod.ts";
import type { Page } from "@/services/platform/paging.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

interface QueueData {
  status: WithdrawalStatus;
  withdrawals: Page<Withdrawal>;
  names: Record<string, string>;
  /** A refused decision, shown again beside its row's note. */
  decision: Decision | null;
  notice: { tone: "success" | "error"; text: string } | null;
}

const DONE: Record<string, QueueData["notice"]> = {
  paid: { tone: "success", text: "Approved: the payout was sent." },
  failed: {
    tone: "error",
    text:
      "Approved, but the payout failed: the money is back in the expert's available earnings. See the reason in the Failed list.",
  },
  rejected: {
    tone: "success",
    text:
      "Rejected: the money is back in the expert's available earnings, and the expert was told why.",
  },
};

async function loadQueue(
  ctx: FreshContext<AppState>,
  decision: Decision | null,
  notice: QueueData["notice"],
): Promise<QueueData> {
  const { kv } = ctx.state;
  const status = pickParam(
    ctx.url,
    "status",
    WITHDRAWAL_STATUSES,
    "requested",
  );
  const cursor = ctx.url.searchParams.get("cursor") || undefined;
  const withdrawals = await listWithdrawalsByStatus(kv, status, {
    cursor,
    limit: 20,
  }).catch(() => listWithdrawalsByStatus(kv, status, { limit: 20 }));
  return {
    status,
    withdrawals,
    names: await accountNames(kv, withdrawals.items.map((w) => w.expertId)),
    decision,
    notice,
  };
}

export const handler = define.handlers<QueueData>({
  async GET(_req, ctx) {
    const done = DONE[ctx.url.searchParams.get("done") ?? ""] ?? null;
    return ctx.render(await loadQueue(ctx, null, done));
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const admin = requireUser(ctx.state);
    const meta = requestMeta(ctx);
    const fields = readFields(await readForm(req), [
      "action",
      "withdrawalId",
      "note",
    ]);
    const decision: Decision = {
      withdrawalId: fields.withdrawalId,
      action: fields.action === "reject" ? "reject" : "approve",
      note: fields.note,
      error: null,
    };
    try {
      if (fields.action === "approve") {
        const settled = await approveWithdrawal(
          kv,
          ctx.state.providers.payments,
          admin.id,
          fields.withdrawalId,
          fields.note,
          meta,
        );
        return seeOther(
          `/admin/finance/withdrawals?done=${
            settled.status === "paid" ? "paid" : "failed"
          }`,
        );
      }
      if (fields.action === "reject") {
        await rejectWithdrawal(
          kv,
          admin.id,
          fields.withdrawalId,
          fields.note,
          meta,
        );
        return seeOther("/admin/finance/withdrawals?done=rejected");
      }
      return ctx.render(
        await loadQueue(ctx, null, {
          tone: "error",
          text: "That action isn't available.",
        }),
        { status: 400 },
      );
    } catch (error) {
      const failure = moneyFailure(error);
      const noteError = failure.errors._root ?? failure.errors.note;
      return ctx.render(
        await loadQueue(
          ctx,
          noteError ? { ...decision, error: noteError } : null,
          noteError ? null : { tone: "error", text: failure.message },
        ),
        { status: failure.status },
      );
    }
  },
});

export default define.page<typeof handler>(function WithdrawalQueue(
  { data, url },
) {
  const { status, withdrawals, names } = data;
  return (
    <>
      <FinanceTabs pathname={url.pathname} />
      {data.notice && (
        <Notice tone={data.notice.tone}>{data.notice.text}</Notice>
      )}
      <Card title="Withdrawals" id="withdrawals">
        <Tabs
          label="Withdrawal status"
          items={WITHDRAWAL_STATUSES.map((option) => ({
            href: `/admin/finance/withdrawals?status=${option}`,
            label: WITHDRAWAL_STATUS_LABELS[option],
            current: option === status,
          }))}
        />
        {withdrawals.items.length === 0
          ? <p>No withdrawals in this status.</p>
          : (
            <ul class="divide-y divide-slate-200">
              {withdrawals.items.map((withdrawal) => (
                <li key={withdrawal.id} class="space-y-3 py-4">
                  <p class="text-sm font-semibold text-slate-900 break-words">
                    {names[withdrawal.expertId] ?? withdrawal.expertId}
                  </p>
                  <WithdrawalFacts withdrawal={withdrawal} />
                  {withdrawal.status === "requested" && (
                    <WithdrawalDecisions
                      withdrawal={withdrawal}
                      decision={data.decision?.withdrawalId === withdrawal.id
                        ? data.decision
                        : null}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
        <Pagination
          nextHref={withdrawals.nextCursor
            ? withQuery(url, { cursor: withdrawals.nextCursor, done: null })
            : null}
          firstHref={url.searchParams.has("cursor")
            ? withQuery(url, { cursor: null, done: null })
            : null}
          label="Withdrawal pages"
        />
      </Card>
    </>
  );
});

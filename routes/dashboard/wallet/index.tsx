/**
 * The learner's wallet: credits per currency, buying more (a pack or an
 * amount, paid at the processor's checkout), where a top-up stands on
 * return (`?topUp=<id>`), past top-ups with receipts and refunds, the
 * learner's packages of sessions (credits left, cancel for a refund of the
 * unused ones), and the ledger lines behind the balance.
 */
import { readAmount } from "@/web/amount_input.ts";
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { failureHeaders, isCurrency, moneyFailure } from "@/web/money_forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Pagination, withQuery } from "@/components/Pagination.tsx";
import {
  Balances,
  canRefund,
  CustomAmount,
  type CustomAmountForm,
  PackButtons,
  TopUpList,
  TopUpReturn,
  WalletLines,
} from "@/components/money/Wallet.tsx";
import {
  type CreditPack,
  getOwnTopUp,
  getWalletBalances,
  listActiveCreditPacks,
  listOwnTopUps,
  listWalletEntries,
  requestRefund,
  startTopUp,
  type TopUp,
  type WalletBalance,
} from "@/services/wallet/mod.ts";
import { type Entry, walletAccount } from "@/services/ledger/mod.ts";
import {
  cancelPackage,
  listLearnerPackages,
  type Package,
} from "@/services/packages/mod.ts";
import { PackageList } from "@/components/packages/PackageList.tsx";
import { getSettings, type Settings } from "@/services/settings/mod.ts";
import type { Page } from "@/services/platform/paging.ts";
import { now } from "@/services/platform/clock.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

const PAGE_SIZE = 10;

interface WalletData {
  balances: WalletBalance[];
  packs: CreditPack[];
  settings: Settings;
  topUps: Page<TopUp>;
  refundable: string[];
  /** Unpaid top-ups the simulated checkout can still take, by id: its path. */
  payable: Record<string, string>;
  entries: Page<Entry>;
  packages: Package[];
  account: string;
  /** The top-up the learner came back from (`?topUp=`). */
  returned: TopUp | null;
  /** The currency whose packs are shown (`?currency=`, else the learner's). */
  currency: string;
  custom: CustomAmountForm;
  notice: { tone: "success" | "error" | "info"; text: string } | null;
}

const DONE: Record<string, string> = {
  refunded: "Done: the unused credits are on their way back to your card.",
  "refund-pending":
    "Your refund is on its way. The credits are held until the payment service confirms it.",
  "package-cancelled":
    "Done: the package is cancelled and its unused sessions are refunded to your wallet.",
};

/** Reads a page of a list, or an empty first page for a stale cursor. */
async function pageOf<T>(
  list: (cursor: string | undefined) => Promise<Page<T>>,
  cursor: string | null,
): Promise<Page<T>> {
  try {
    return await list(cursor || undefined);
  } catch {
    return await list(undefined);
  }
}

/**
 * Everything the page shows, around the custom-amount form as sent (or a
 * blank one in the learner's first currency) and a notice.
 */
async function loadWallet(
  ctx: FreshContext<AppState>,
  custom: CustomAmountForm | null,
  notice: WalletData["notice"],
): Promise<WalletData> {
  const { kv } = ctx.state;
  const user = requireUser(ctx.state);
  const query = ctx.url.searchParams;
  const [balances, packs, settings, topUps, entries, packages] = await Promise
    .all([
      getWalletBalances(kv, user.id),
      listActiveCreditPacks(kv),
      getSettings(kv),
      pageOf(
        (cursor) => listOwnTopUps(kv, user.id, { cursor, limit: PAGE_SIZE }),
        query.get("topUps"),
      ),
      pageOf(
        (cursor) =>
          listWalletEntries(kv, user.id, { cursor, limit: PAGE_SIZE }),
        query.get("entries"),
      ),
      listLearnerPackages(kv, user.id),
    ]);
  const returnedId = query.get("topUp");
  const returned = returnedId
    ? await getOwnTopUp(kv, user.id, returnedId).catch(() => null)
    : null;
  const at = now();
  const asked = query.get("currency") ?? "";
  const currency = isCurrency(asked) ? asked : defaultCurrency(balances);
  return {
    balances,
    packs,
    settings,
    topUps,
    refundable: topUps.items
      .filter((topUp) => canRefund(topUp, settings.refundWindowDays, at))
      .map((topUp) => topUp.id),
    // A declined or abandoned simulated checkout can be tried again (its
    // page says so once it has expired).
    payable: ctx.state.providers.payments.name === "simulated"
      ? Object.fromEntries(
        topUps.items
          .filter((topUp) =>
            (topUp.status === "pending" || topUp.status === "failed") &&
            topUp.checkoutId?.startsWith("cs_sim_")
          )
          .map((topUp) => [topUp.id, `/pay/${topUp.checkoutId}`]),
      )
      : {},
    entries,
    packages,
    account: walletAccount(user.id),
    returned,
    currency,
    custom: custom ?? {
      values: { amount: "", currency },
      errors: {},
    },
    notice,
  };
}

/** The currency the page starts on: the learner's first, else USD. */
function defaultCurrency(balances: WalletBalance[]): string {
  return balances.find((b) => b.availableMinor > 0)?.currency ?? "USD";
}

export const handler = define.handlers<WalletData>({
  async GET(_req, ctx) {
    const done = DONE[ctx.url.searchParams.get("done") ?? ""];
    return ctx.render(
      await loadWallet(
        ctx,
        null,
        done ? { tone: "success", text: done } : null,
      ),
    );
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const fields = readFields(await readForm(req), [
      "action",
      "packId",
      "amount",
      "currency",
      "topUpId",
      "packageId",
    ]);
    const custom: CustomAmountForm = {
      values: { amount: fields.amount, currency: fields.currency || "USD" },
      errors: {},
    };
    const refuse = async (
      status: number,
      notice: WalletData["notice"],
      errors: CustomAmountForm["errors"] = {},
      headers: HeadersInit = {},
    ) =>
      ctx.render(await loadWallet(ctx, { ...custom, errors }, notice), {
        status,
        headers,
      });

    const meta = requestMeta(ctx);
    try {
      if (fields.action === "refund") {
        const topUp = await requestRefund(
          kv,
          ctx.state.providers.payments,
          user.id,
          fields.topUpId,
        );
        const done = topUp.status === "refunded"
          ? "refunded"
          : "refund-pending";
        return seeOther(`/dashboard/wallet?done=${done}#top-ups`);
      }
      if (fields.action === "cancel-package") {
        await cancelPackage(kv, user.id, fields.packageId);
        return seeOther("/dashboard/wallet?done=package-cancelled#packages");
      }
      let request;
      if (fields.action === "pack") {
        request = { packId: fields.packId };
      } else if (fields.action === "custom") {
        if (!isCurrency(fields.currency)) {
          return await refuse(400, null, {
            currency: "Choose one of the currencies in the list.",
          });
        }
        const amount = readAmount(
          fields.amount,
          fields.currency,
          "the amount",
          "75 or 75.50",
        );
        if ("problem" in amount) {
          return await refuse(400, null, { amount: amount.problem });
        }
        request = { amountMinor: amount.minor, currency: fields.currency };
      } else {
        return await refuse(400, {
          tone: "error",
          text: "That action isn't available.",
        });
      }
      const { checkoutUrl } = await startTopUp(
        kv,
        ctx.state.providers.payments,
        {
          learner: { id: user.id, email: user.email },
          request,
          baseUrl: meta.baseUrl,
          meta,
          returnPath: "/dashboard/wallet",
        },
      );
      return seeOther(checkoutUrl);
    } catch (error) {
      const failure = moneyFailure(error, { amountMinor: "amount" });
      const fieldError = fields.action === "custom" && failure.errors.amount;
      return await refuse(
        failure.status,
        fieldError ? null : { tone: "error", text: failure.message },
        fieldError ? { amount: failure.errors.amount } : {},
        failureHeaders(failure),
      );
    }
  },
});

/** The wallet page. */
export default define.page<typeof handler>(function Wallet(
  { data, url, state },
) {
  const { settings, topUps, entries } = data;
  const user = requireUser(state);
  const pagedTopUps = url.searchParams.has("topUps");
  const pagedEntries = url.searchParams.has("entries");
  return (
    <>
      {data.notice && (
        <Notice tone={data.notice.tone}>{data.notice.text}</Notice>
      )}
      {data.returned && (
        <TopUpReturn
          topUp={data.returned}
          cancelled={url.searchParams.get("cancelled") === "1"}
          refreshHref={url.pathname + url.search}
        />
      )}
      <Card title="Your credits" id="balance">
        <Balances balances={data.balances} />
      </Card>
      <Card title="Buy credits" id="buy">
        <p class="text-sm text-slate-700">
          Credits are money in your wallet, spent when you book a session. You
          pay by card on the next page. Larger packs come with bonus credits.
        </p>
        <PackButtons packs={data.packs} currency={data.currency} />
        <CustomAmount
          form={data.custom}
          min={settings.customTopUpMin}
          max={settings.customTopUpMax}
        />
      </Card>
      <Card title="Your packages" id="packages">
        <PackageList packages={data.packages} action="/dashboard/wallet" />
      </Card>
      <Card title="Your top-ups" id="top-ups">
        <p class="text-sm text-slate-700">
          Within {settings.refundWindowDays}{" "}
          days of paying you can send a top-up's unused credits back to your
          card (its bonus credits go back too).
        </p>
        <TopUpList
          topUps={topUps.items}
          refundable={new Set(data.refundable)}
          payable={data.payable}
        />
        <Pagination
          nextHref={topUps.nextCursor
            ? withQuery(url, { topUps: topUps.nextCursor, topUp: null }) +
              "#top-ups"
            : null}
          firstHref={pagedTopUps
            ? withQuery(url, { topUps: null, topUp: null }) + "#top-ups"
            : null}
          label="Top-up pages"
        />
      </Card>
      <Card title="Wallet activity" id="activity">
        <WalletLines
          entries={entries.items}
          account={data.account}
          timeZone={user.timeZone}
        />
        <Pagination
          nextHref={entries.nextCursor
            ? withQuery(url, { entries: entries.nextCursor, topUp: null }) +
              "#activity"
            : null}
          firstHref={pagedEntries
            ? withQuery(url, { entries: null, topUp: null }) + "#activity"
            : null}
          label="Wallet activity pages"
        />
      </Card>
    </>
  );
});

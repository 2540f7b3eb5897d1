/**
 * The expert's earnings: pending, available, on the way and paid out per
 * currency; where withdrawals are paid (bank details with the simulated
 * processor, Stripe Connect onboarding with Stripe); asking for a
 * withdrawal; and the withdrawals so far with their admins' notes.
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
  BankAccountForm,
  type BankForm,
  EarningsCards,
  StripePayouts,
  WithdrawalForm,
  WithdrawalList,
  type WithdrawForm,
} from "@/components/money/Earnings.tsx";
import {
  type Earnings,
  getEarnings,
  getPayoutAccount,
  listEarningsEntries,
  listOwnWithdrawals,
  type PayoutAccount,
  requestWithdrawal,
  setBankAccount,
  startStripeOnboarding,
  type Withdrawal,
} from "@/services/earnings/mod.ts";
import { getSettings } from "@/services/settings/mod.ts";
import {
  availableEarningsAccount,
  type Entry,
  pendingEarningsAccount,
} from "@/services/ledger/mod.ts";
import { WalletLines } from "@/components/money/Wallet.tsx";
import type { Page } from "@/services/platform/paging.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

interface EarningsData {
  earnings: Earnings[];
  /** The latest lines behind the available and pending balances. */
  lines: { available: Entry[]; pending: Entry[] };
  expertId: string;
  account: PayoutAccount | null;
  method: "bank" | "stripe";
  minimumWithdrawal: number;
  withdrawals: Page<Withdrawal>;
  bank: BankForm;
  withdraw: WithdrawForm;
  notice: { tone: "success" | "error" | "info"; text: string } | null;
}

const DONE: Record<string, string> = {
  bank: "Your bank details are saved.",
  withdrawal:
    "Your withdrawal is requested. An admin reviews it, and you get an email at each step.",
};

const ONBOARDING: Record<string, string> = {
  done:
    "Welcome back from Stripe. Payouts switch on as soon as Stripe confirms your details.",
  again: "The Stripe link expired. Continue below to get a fresh one.",
};

async function loadEarnings(
  ctx: FreshContext<AppState>,
  forms: Partial<Pick<EarningsData, "bank" | "withdraw">>,
  notice: EarningsData["notice"],
): Promise<EarningsData> {
  const { kv } = ctx.state;
  const user = requireUser(ctx.state);
  const cursor = ctx.url.searchParams.get("cursor") || undefined;
  const [earnings, account, settings, withdrawals, available, pending] =
    await Promise.all([
      getEarnings(kv, user.id),
      getPayoutAccount(kv, user.id),
      getSettings(kv),
      listOwnWithdrawals(kv, user.id, { cursor, limit: 10 })
        .catch(() => listOwnWithdrawals(kv, user.id, { limit: 10 })),
      listEarningsEntries(kv, user.id, "available", { limit: 10 }),
      listEarningsEntries(kv, user.id, "pending", { limit: 10 }),
    ]);
  const firstAvailable = earnings.find((row) => row.availableMinor > 0);
  return {
    earnings,
    lines: { available: available.items, pending: pending.items },
    expertId: user.id,
    account,
    method: ctx.state.providers.payments.name === "stripe" ? "stripe" : "bank",
    minimumWithdrawal: settings.minimumWithdrawal,
    withdrawals,
    bank: forms.bank ?? {
      values: { holderName: account?.holderName ?? "", iban: "" },
      errors: {},
    },
    withdraw: forms.withdraw ?? {
      values: { amount: "", currency: firstAvailable?.currency ?? "USD" },
      errors: {},
    },
    notice,
  };
}

export const handler = define.handlers<EarningsData>({
  async GET(_req, ctx) {
    const query = ctx.url.searchParams;
    const done = DONE[query.get("done") ?? ""];
    const onboarding = ONBOARDING[query.get("onboarding") ?? ""];
    return ctx.render(
      await loadEarnings(
        ctx,
        {},
        done
          ? { tone: "success", text: done }
          : onboarding
          ? { tone: "info", text: onboarding }
          : null,
      ),
    );
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const payments = ctx.state.providers.payments;
    const meta = requestMeta(ctx);
    const fields = readFields(await readForm(req), [
      "action",
      "holderName",
      "iban",
      "amount",
      "currency",
    ]);
    const bank: BankForm = {
      values: { holderName: fields.holderName, iban: fields.iban },
      errors: {},
    };
    const withdraw: WithdrawForm = {
      values: { amount: fields.amount, currency: fields.currency },
      errors: {},
    };
    const refuse = async (
      status: number,
      notice: EarningsData["notice"],
      errors: Record<string, string> = {},
      headers: HeadersInit = {},
    ) => {
      const forms = fields.action === "bank"
        ? { bank: { ...bank, errors } }
        : fields.action === "withdraw"
        ? { withdraw: { ...withdraw, errors } }
        : {};
      return ctx.render(await loadEarnings(ctx, forms, notice), {
        status,
        headers,
      });
    };

    try {
      switch (fields.action) {
        case "bank":
          if (payments.name === "stripe") {
            return await refuse(409, {
              tone: "error",
              text:
                "Payouts go through Stripe here: use “Set up payouts with Stripe” instead.",
            });
          }
          await setBankAccount(kv, ctx.state.providers.secrets, user.id, {
            holderName: fields.holderName,
            iban: fields.iban,
          }, meta);
          return seeOther("/expert/earnings?done=bank#payout-account");
        case "stripe": {
          if (payments.name !== "stripe") {
            return await refuse(409, {
              tone: "error",
              text: "Stripe is not in use here: add your bank details instead.",
            });
          }
          const { onboardingUrl } = await startStripeOnboarding(
            kv,
            payments,
            { id: user.id, email: user.email },
            {
              returnUrl: `${meta.baseUrl}/expert/earnings?onboarding=done`,
              refreshUrl: `${meta.baseUrl}/expert/earnings?onboarding=again`,
            },
            meta,
          );
          return seeOther(onboardingUrl);
        }
        case "withdraw": {
          if (!isCurrency(fields.currency)) {
            return await refuse(400, null, {
              currency: "Choose a currency from the list.",
            });
          }
          const amount = readAmount(
            fields.amount,
            fields.currency,
            "the amount",
            "120 or 120.50",
          );
          if ("problem" in amount) {
            return await refuse(400, null, { amount: amount.problem });
          }
          await requestWithdrawal(kv, user.id, {
            amountMinor: amount.minor,
            currency: fields.currency,
          }, meta);
          return seeOther("/expert/earnings?done=withdrawal#withdrawals");
        }
      }
      return await refuse(400, {
        tone: "error",
        text: "That action isn't available.",
      });
    } catch (error) {
      const failure = moneyFailure(error, { amountMinor: "amount" });
      const known = ["holderName", "iban", "amount", "currency"];
      const errors = Object.fromEntries(
        Object.entries(failure.errors).filter(([field]) =>
          known.includes(field)
        ),
      );
      const beside = Object.keys(errors).length > 0;
      return await refuse(
        failure.status,
        beside ? null : { tone: "error", text: failure.message },
        errors,
        failureHeaders(failure),
      );
    }
  },
});

/** The earnings page. */
export default define.page<typeof handler>(function ExpertEarnings(
  { data, url, state },
) {
  const { withdrawals } = data;
  const user = requireUser(state);
  return (
    <>
      {data.notice && (
        <Notice tone={data.notice.tone}>{data.notice.text}</Notice>
      )}
      <Card title="Your earnings" id="earnings">
        <p class="text-sm text-slate-700">
          Pending: sessions completed but not yet released to you. Available:
          yours to withdraw. On the way: withdrawals waiting for approval or
          being paid.
        </p>
        <EarningsCards earnings={data.earnings} />
      </Card>
      <Card title="Where we pay you" id="payout-account">
        {data.method === "stripe"
          ? <StripePayouts account={data.account} />
          : <BankAccountForm account={data.account} form={data.bank} />}
      </Card>
      <Card title="Withdraw" id="withdraw">
        {data.account?.payoutsEnabled
          ? (
            <WithdrawalForm
              earnings={data.earnings}
              form={data.withdraw}
              minimum={data.minimumWithdrawal}
            />
          )
          : (
            <p>
              Set up where we pay you (above) before asking for a withdrawal.
            </p>
          )}
      </Card>
      <Card title="Behind your balances" id="earnings-lines">
        <WalletLines
          entries={data.lines.available}
          account={availableEarningsAccount(data.expertId)}
          timeZone={user.timeZone}
          caption="Available earnings: the latest movements"
          empty="Nothing has reached your available earnings yet."
        />
        <WalletLines
          entries={data.lines.pending}
          account={pendingEarningsAccount(data.expertId)}
          timeZone={user.timeZone}
          caption="Pending earnings: the latest movements"
          empty="No completed sessions are waiting out the dispute window."
        />
      </Card>
      <Card title="Your withdrawals" id="withdrawals">
        <WithdrawalList withdrawals={withdrawals.items} />
        <Pagination
          nextHref={withdrawals.nextCursor
            ? withQuery(url, { cursor: withdrawals.nextCursor }) +
              "#withdrawals"
            : null}
          firstHref={url.searchParams.has("cursor")
            ? withQuery(url, { cursor: null }) + "#withdrawals"
            : null}
          label="Withdrawal pages"
        />
      </Card>
    </>
  );
});

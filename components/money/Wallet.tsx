/**
 * The parts of the learner's wallet page: balances, buying credits (packs
 * and a custom amount), the state of a top-up on return from checkout, the
 * list of top-ups with receipts and refunds, and the ledger lines.
 */
import { ConfirmAction } from "@/components/ConfirmAction.tsx";
import { Button, ButtonLink } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import { SelectField, TextField } from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import type { Entry } from "@/services/ledger/mod.ts";
import type {
  CreditPack,
  TopUp,
  WalletBalance,
} from "@/services/wallet/mod.ts";
import { formatDate, formatInstant } from "@/web/format.ts";
import {
  credits,
  currencyOptions,
  entryLabel,
  money,
  signedMoney,
  topUpStatusLabel,
} from "@/web/money_forms.ts";
import { AMOUNT_CELL, CELL, ScrollTable, Tabs } from "./Table.tsx";

/** Spendable credits per currency, and what is held. */
export function Balances({ balances }: { balances: WalletBalance[] }) {
  const shown = balances.filter((b) => b.availableMinor > 0 || b.frozenMinor);
  if (shown.length === 0) {
    return (
      <p>
        You have no credits yet. Buy a pack below; the credits are ready to
        spend on sessions as soon as the payment goes through.
      </p>
    );
  }
  return (
    <ul class="grid gap-3 sm:grid-cols-2">
      {shown.map((balance) => (
        <li
          key={balance.currency}
          class="rounded-lg border border-slate-200 bg-slate-50 p-4"
        >
          <p class="text-2xl font-bold text-slate-900 tabular-nums">
            {money(balance.availableMinor, balance.currency)}
          </p>
          <p class="text-sm text-slate-700">
            {credits(balance.availableMinor, balance.currency)}{" "}
            ({balance.currency})
          </p>
          {balance.frozenMinor > 0 && (
            <p class="mt-1 text-sm text-slate-700">
              Plus {money(balance.frozenMinor, balance.currency)}{" "}
              held for a refund on its way or a disputed payment.
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The active packs of one currency as buttons, with links to the other
 * currencies' packs (one currency at a time keeps the list short on a phone).
 */
export function PackButtons(
  { packs, currency }: { packs: CreditPack[]; currency: string },
) {
  const currencies = [...new Set(packs.map((pack) => pack.currency))];
  const shown = packs.filter((pack) => pack.currency === currency);
  return (
    <div class="space-y-3">
      {currencies.length > 1 && (
        <Tabs
          label="Pack currency"
          items={currencies.map((option) => ({
            href: `/dashboard/wallet?currency=${option}#buy`,
            label: option,
            current: option === currency,
          }))}
        />
      )}
      {shown.length === 0
        ? <p>No packs are on sale in {currency}; choose an amount below.</p>
        : (
          <ul class="grid grid-cols-1 gap-2 sm:grid-cols-3">
            {shown.map((pack) => (
              <li key={pack.id}>
                <form
                  method="post"
                  action="/dashboard/wallet"
                  class="h-full"
                >
                  <input type="hidden" name="action" value="pack" />
                  <input type="hidden" name="packId" value={pack.id} />
                  <button
                    type="submit"
                    class="flex h-full w-full flex-col items-start rounded-lg border border-slate-300 bg-white px-4 py-3 text-left shadow-sm hover:border-brand-700 hover:bg-brand-50"
                  >
                    <span class="font-semibold text-slate-900">
                      Buy {money(pack.priceMinor, pack.currency)}
                    </span>
                    <span class="text-sm text-slate-700">
                      {credits(pack.creditMinor + pack.bonusMinor, currency)}
                    </span>
                    {pack.bonusMinor > 0 && (
                      <span class="mt-1 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-semibold text-emerald-900">
                        includes {money(pack.bonusMinor, currency)} bonus
                      </span>
                    )}
                  </button>
                </form>
              </li>
            ))}
          </ul>
        )}
    </div>
  );
}

export interface CustomAmountForm {
  values: { amount: string; currency: string };
  errors: Partial<Record<"amount" | "currency", string>>;
}

/** Any amount within the limits, in any currency. */
export function CustomAmount(
  { form, min, max }: { form: CustomAmountForm; min: number; max: number },
) {
  return (
    <form
      method="post"
      action="/dashboard/wallet#buy"
      noValidate
      class="space-y-4"
      aria-labelledby="custom-heading"
    >
      <h3 id="custom-heading" class="text-sm font-semibold text-slate-900">
        Or choose an amount
      </h3>
      <input type="hidden" name="action" value="custom" />
      <FormErrorSummary errors={form.errors} />
      <div class="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <TextField
          name="amount"
          label="Amount"
          required
          value={form.values.amount}
          error={form.errors.amount}
          inputMode="decimal"
          hint={`From ${min} to ${max} in the currency you choose, e.g. 75 or 75.50.`}
        />
        <SelectField
          name="currency"
          label="Currency"
          value={form.values.currency}
          error={form.errors.currency}
          options={currencyOptions()}
        />
      </div>
      <Button variant="secondary">Continue to payment</Button>
    </form>
  );
}

/** Where a top-up stands when the learner comes back from checkout. */
export function TopUpReturn(
  { topUp, cancelled, refreshHref }: {
    topUp: TopUp;
    cancelled: boolean;
    refreshHref: string;
  },
) {
  const amount = credits(topUp.amountMinor + topUp.bonusMinor, topUp.currency);
  if (topUp.status === "paid" || topUp.status === "refunded") {
    return (
      <Notice tone="success" title="Thank you: your payment went through">
        <p>
          {amount} {topUp.status === "paid" ? "are" : "were"}{" "}
          added to your wallet.{" "}
          <a
            href={`/dashboard/wallet/receipts/${topUp.id}`}
            class="font-semibold underline"
          >
            See the receipt
          </a>
        </p>
      </Notice>
    );
  }
  if (topUp.status === "failed") {
    return (
      <Notice tone="error" title="The payment did not go through">
        {topUp.failureReason ?? "The payment failed."}{" "}
        Nothing was charged; you can try again below.
      </Notice>
    );
  }
  if (cancelled) {
    return (
      <Notice tone="info" title="Payment cancelled">
        You left the checkout, so nothing was charged. Choose a pack again
        whenever you like.
      </Notice>
    );
  }
  return (
    <Notice tone="info" title="Waiting for the payment to be confirmed">
      <p>
        We add {amount}{" "}
        as soon as the payment service confirms the payment; this usually takes
        a few seconds.{" "}
        <a
          href={refreshHref}
          class="font-semibold underline"
        >
          Refresh
        </a>
      </p>
    </Notice>
  );
}

/** True when the learner may still send this top-up's credits back. */
export function canRefund(topUp: TopUp, windowDays: number, at: Date): boolean {
  if (topUp.status !== "paid" || !topUp.paidAt || topUp.disputed) return false;
  if (topUp.refund?.status === "pending") return false;
  const age = at.getTime() - new Date(topUp.paidAt).getTime();
  return age <= windowDays * 24 * 60 * 60 * 1000;
}

/** The learner's top-ups: status, amount, date, receipt and refund. */
export function TopUpList(
  { topUps, refundable, payable }: {
    topUps: TopUp[];
    /** Ids of the top-ups that may be refunded now. */
    refundable: ReadonlySet<string>;
    /** Unpaid top-ups whose checkout can still be opened here, by id: its path. */
    payable: Readonly<Record<string, string>>;
  },
) {
  if (topUps.length === 0) return <p>No top-ups yet.</p>;
  return (
    <ul class="divide-y divide-slate-200">
      {topUps.map((topUp) => (
        <li
          key={topUp.id}
          id={`top-up-${topUp.id}`}
          class="flex flex-wrap items-start justify-between gap-3 py-3"
        >
          <div class="min-w-0">
            <p class="font-semibold text-slate-900">
              {credits(topUp.amountMinor + topUp.bonusMinor, topUp.currency)}
            </p>
            <p class="text-sm text-slate-700">
              {topUpStatusLabel(topUp)} ·{" "}
              <time dateTime={topUp.createdAt}>
                {formatDate(topUp.createdAt)}
              </time>{" "}
              · {topUp.status === "paid" || topUp.status === "refunded"
                ? "paid"
                : "for"} {money(topUp.amountMinor, topUp.currency)}
              {topUp.refund?.status === "succeeded" &&
                ` · ${
                  money(topUp.refund.amountMinor, topUp.currency)
                } refunded`}
            </p>
            {topUp.status === "failed" && topUp.failureReason && (
              <p class="text-sm text-slate-700">{topUp.failureReason}</p>
            )}
          </div>
          {/* items-start: an opened question must not stretch the buttons. */}
          <div class="flex flex-wrap items-start gap-2">
            {topUp.paidAt && (
              <ButtonLink
                href={`/dashboard/wallet/receipts/${topUp.id}`}
                variant="secondary"
                size="sm"
                aria-label={`Receipt for the top-up of ${
                  formatDate(topUp.createdAt)
                }`}
              >
                Receipt
              </ButtonLink>
            )}
            {payable[topUp.id] && (
              <ButtonLink href={payable[topUp.id]} size="sm">
                Pay now
              </ButtonLink>
            )}
            {refundable.has(topUp.id) && (
              <ConfirmAction
                label="Refund unused credits"
                question="The credits of this top-up you have not spent leave your wallet now and go back to the card that paid; banks take a few days to show it."
                confirmLabel="Yes, refund them"
                action="/dashboard/wallet"
                fields={{ action: "refund", topUpId: topUp.id }}
              />
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** One account's ledger lines (a wallet, an expert's earnings), newest first. */
export function WalletLines(
  {
    entries,
    account,
    caption = "Wallet activity, newest first",
    empty = "Nothing has moved in your wallet yet.",
    timeZone,
  }: {
    entries: Entry[];
    account: string;
    caption?: string;
    empty?: string;
    /** The reader's zone: times are on their clock. */
    timeZone: string;
  },
) {
  if (entries.length === 0) {
    return <p>{empty}</p>;
  }
  return (
    <ScrollTable
      caption={caption}
      head={["When", "What", "Amount"]}
      amountColumns={[2]}
      minWidth="0"
    >
      {entries.map((entry) => {
        const line = entry.lines.find((l) => l.account === account);
        return (
          <tr key={entry.id}>
            <td class={CELL}>
              <time dateTime={entry.at}>
                {formatInstant(entry.at, timeZone)}
              </time>
            </td>
            <td class={CELL}>{entryLabel(entry)}</td>
            <td class={AMOUNT_CELL}>
              {line ? signedMoney(line.amountMinor, entry.currency) : "—"}
            </td>
          </tr>
        );
      })}
    </ScrollTable>
  );
}

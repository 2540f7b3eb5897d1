/**
 * The parts of the expert's earnings page: balances per currency, the
 * payout account (bank details, or Stripe onboarding), the withdrawal form
 * and the list of withdrawals. The admin queue shows withdrawals with
 * {@linkcode WithdrawalFacts} too.
 */
import { Button } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import { SelectField, TextField } from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import type {
  Earnings,
  PayoutAccount,
  Withdrawal,
} from "@/services/earnings/mod.ts";
import { formatInstant } from "@/web/format.ts";
import {
  currencyOptions,
  majorMoney,
  money,
  WITHDRAWAL_STATUS_LABELS,
} from "@/web/money_forms.ts";
import { Facts } from "./Table.tsx";

/** Pending, available, on the way and paid out: one card per currency. */
export function EarningsCards({ earnings }: { earnings: Earnings[] }) {
  if (earnings.length === 0) {
    return (
      <p>
        No earnings yet. What learners pay for your sessions shows here once a
        session is completed.
      </p>
    );
  }
  return (
    <ul class="grid gap-3 sm:grid-cols-2">
      {earnings.map((row) => (
        <li
          key={row.currency}
          class="rounded-lg border border-slate-200 bg-slate-50 p-4"
        >
          <p class="text-sm font-semibold text-slate-700">
            {row.currency} available
          </p>
          <p class="text-2xl font-bold text-slate-900 tabular-nums">
            {money(row.availableMinor, row.currency)}
          </p>
          <Facts
            class="mt-2 text-sm"
            items={[
              ["Pending", money(row.pendingMinor, row.currency)],
              ["On the way", money(row.inFlightMinor, row.currency)],
              ["Paid out", money(row.paidOutMinor, row.currency)],
            ]}
          />
        </li>
      ))}
    </ul>
  );
}

export interface BankForm {
  values: { holderName: string; iban: string };
  errors: Partial<Record<"holderName" | "iban", string>>;
}

/** Bank details (simulated processor): the masked IBAN, and a form to change it. */
export function BankAccountForm(
  { account, form }: { account: PayoutAccount | null; form: BankForm },
) {
  return (
    <>
      {account?.ibanMasked
        ? (
          <p>
            Withdrawals are paid to{" "}
            <span class="font-semibold">{account.holderName}</span>,{" "}
            <span class="font-mono whitespace-nowrap">
              {account.ibanMasked}
            </span>. Enter new details below to change it.
          </p>
        )
        : <p>Add the bank account we should pay your withdrawals into.</p>}
      <form
        method="post"
        action="/expert/earnings#payout-account"
        noValidate
        class="space-y-4"
      >
        <input type="hidden" name="action" value="bank" />
        <FormErrorSummary errors={form.errors} />
        <div class="grid gap-4 sm:grid-cols-2">
          <TextField
            name="holderName"
            label="Account holder"
            required
            autocomplete="name"
            value={form.values.holderName}
            error={form.errors.holderName}
          />
          <TextField
            name="iban"
            label="IBAN"
            required
            value={form.values.iban}
            error={form.errors.iban}
            hint="E.g. DE89 3704 0044 0532 0130 00. Stored encrypted; shown masked."
            maxLength={50}
          />
        </div>
        <Button variant="secondary">Save bank details</Button>
      </form>
    </>
  );
}

/** Stripe Connect: onboarding at Stripe, and whether payouts are on. */
export function StripePayouts({ account }: { account: PayoutAccount | null }) {
  return (
    <>
      {account?.payoutsEnabled
        ? (
          <Notice tone="success">
            Your Stripe account can receive payouts.
          </Notice>
        )
        : account
        ? (
          <p>
            Stripe still needs some details before it can pay you. Continue
            where you left off.
          </p>
        )
        : <p>Withdrawals are paid through Stripe to your bank account.</p>}
      <form method="post" action="/expert/earnings">
        <input type="hidden" name="action" value="stripe" />
        <Button variant={account?.payoutsEnabled ? "secondary" : "primary"}>
          {account ? "Continue with Stripe" : "Set up payouts with Stripe"}
        </Button>
      </form>
    </>
  );
}

export interface WithdrawForm {
  values: { amount: string; currency: string };
  errors: Partial<Record<"amount" | "currency", string>>;
}

/** Asks for a withdrawal in a currency with available earnings. */
export function WithdrawalForm(
  { earnings, form, minimum }: {
    earnings: Earnings[];
    form: WithdrawForm;
    /** The smallest withdrawal, in major units. */
    minimum: number;
  },
) {
  const available = earnings.filter((row) => row.availableMinor > 0);
  if (available.length === 0) {
    return <p>Nothing is available to withdraw right now.</p>;
  }
  return (
    <form
      method="post"
      action="/expert/earnings#withdraw"
      noValidate
      class="space-y-4"
    >
      <input type="hidden" name="action" value="withdraw" />
      <FormErrorSummary errors={form.errors} />
      <p class="text-sm text-slate-700">
        Available:{" "}
        {available.map((row) => money(row.availableMinor, row.currency)).join(
          ", ",
        )}. The smallest withdrawal is{" "}
        {available.map((row) => majorMoney(minimum, row.currency)).join(" or ")}
        ; an admin approves each one before it is paid.
      </p>
      <div class="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <TextField
          name="amount"
          label="Amount"
          required
          inputMode="decimal"
          value={form.values.amount}
          error={form.errors.amount}
        />
        <SelectField
          name="currency"
          label="Currency"
          value={form.values.currency}
          error={form.errors.currency}
          options={currencyOptions(available.map((row) => row.currency))}
        />
      </div>
      <Button>Request withdrawal</Button>
    </form>
  );
}

/** A withdrawal's amount, status, destination, dates and note. */
export function WithdrawalFacts({ withdrawal }: { withdrawal: Withdrawal }) {
  return (
    <div class="min-w-0">
      <p class="font-semibold text-slate-900">
        {money(withdrawal.amountMinor, withdrawal.currency)}{" "}
        <span class="font-normal text-slate-700">
          · {WITHDRAWAL_STATUS_LABELS[withdrawal.status]}
        </span>
      </p>
      <p class="text-sm text-slate-700">
        To <span class="font-mono">{withdrawal.destination}</span> · asked{" "}
        <time dateTime={withdrawal.requestedAt}>
          {formatInstant(withdrawal.requestedAt)}
        </time>
        {withdrawal.decidedAt && (
          <>
            {" "}· decided{" "}
            <time dateTime={withdrawal.decidedAt}>
              {formatInstant(withdrawal.decidedAt)}
            </time>
          </>
        )}
      </p>
      {withdrawal.note && (
        <p class="mt-1 text-sm text-slate-800">Note: {withdrawal.note}</p>
      )}
      {withdrawal.failureReason && (
        <p class="mt-1 text-sm text-red-800">{withdrawal.failureReason}</p>
      )}
    </div>
  );
}

/** The expert's withdrawals, newest first. */
export function WithdrawalList({ withdrawals }: { withdrawals: Withdrawal[] }) {
  if (withdrawals.length === 0) return <p>No withdrawals yet.</p>;
  return (
    <ul class="divide-y divide-slate-200">
      {withdrawals.map((withdrawal) => (
        <li key={withdrawal.id} class="py-3">
          <WithdrawalFacts withdrawal={withdrawal} />
        </li>
      ))}
    </ul>
  );
}

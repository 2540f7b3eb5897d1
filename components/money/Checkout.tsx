/**
 * The simulated checkout as the learner sees it: a test-mode card form that
 * looks like a processor's hosted page (the amount, what it buys, the card
 * fields, "Pay $X"), with the test cards listed where nobody can miss them.
 */
import type { ComponentChildren } from "preact";
import { buttonClasses, ButtonLink } from "@/components/Button.tsx";
import { FormErrorSummary } from "@/components/form/FormCard.tsx";
import { TextField } from "@/components/form/inputs.tsx";
import { Notice } from "@/components/Notice.tsx";
import type { SimulatedCheckout } from "@/services/payments/mod.ts";
import { money } from "@/web/money_forms.ts";

export const CARD_FIELDS = ["card", "expiry", "cvc"] as const;
export type CardField = typeof CARD_FIELDS[number];

const TEST_CARDS = [
  ["4242 4242 4242 4242", "succeeds"],
  ["4000 0000 0000 0002", "is declined"],
  ["4000 0000 0000 9995", "fails: insufficient funds"],
] as const;

/** The frame of every state of the checkout: what is bought, for how much. */
export function CheckoutFrame(
  { checkout, children }: {
    checkout: SimulatedCheckout;
    children: ComponentChildren;
  },
) {
  return (
    <div class="mx-auto w-full max-w-md px-4 py-8 sm:py-12">
      <section
        aria-labelledby="checkout-heading"
        class="rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8"
      >
        <p class="flex flex-wrap items-center justify-between gap-2 text-sm text-slate-700">
          <span class="font-semibold text-slate-900">TapTime</span>
          <span class="rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-bold tracking-wide text-amber-900 uppercase">
            Test mode
          </span>
        </p>
        <h1
          id="checkout-heading"
          class="mt-4 text-3xl font-bold tracking-tight text-slate-900 tabular-nums"
        >
          {money(checkout.amountMinor, checkout.currency)}
        </h1>
        <p class="mt-1 text-slate-700">{checkout.description}</p>
        <div class="mt-6 space-y-5">{children}</div>
      </section>
    </div>
  );
}

/** Which numbers to type, and that no money moves. */
function TestModeNotice() {
  return (
    <Notice tone="info" title="Test mode: no real card is charged">
      <p>Use one of these card numbers (any future expiry, any CVC):</p>
      <ul class="mt-2 space-y-1">
        {TEST_CARDS.map(([number, outcome]) => (
          <li key={number}>
            <span class="font-mono whitespace-nowrap">{number}</span> {outcome}
          </li>
        ))}
      </ul>
    </Notice>
  );
}

/** The card form, with a decline or field errors from the last try. */
export function CardForm(
  { checkout, values, errors, decline }: {
    checkout: SimulatedCheckout;
    values: Record<CardField, string>;
    errors: Partial<Record<CardField, string>>;
    /** Why the processor turned the last card down. */
    decline: string | null;
  },
) {
  return (
    <>
      <TestModeNotice />
      {decline && (
        <Notice tone="error" title="The payment did not go through">
          {decline} Try another card.
        </Notice>
      )}
      <form
        method="post"
        action={`/pay/${checkout.id}`}
        noValidate
        class="space-y-4"
      >
        <FormErrorSummary errors={errors} />
        <TextField
          name="card"
          label="Card number"
          required
          value={values.card}
          error={errors.card}
          inputMode="numeric"
          autocomplete="cc-number"
          placeholder="1234 1234 1234 1234"
          maxLength={40}
        />
        <div class="grid grid-cols-2 gap-4">
          <TextField
            name="expiry"
            label="Expiry"
            value={values.expiry}
            error={errors.expiry}
            hint="MM / YY"
            inputMode="numeric"
            autocomplete="cc-exp"
            maxLength={9}
          />
          <TextField
            name="cvc"
            label="CVC"
            value={values.cvc}
            error={errors.cvc}
            inputMode="numeric"
            autocomplete="cc-csc"
            maxLength={4}
          />
        </div>
        <button
          type="submit"
          class={`${buttonClasses("primary", "lg")} w-full`}
        >
          Pay {money(checkout.amountMinor, checkout.currency)}
        </button>
      </form>
      <p>
        <a
          href={checkout.cancelUrl}
          class="font-medium text-brand-800 underline"
        >
          Cancel and go back to your wallet
        </a>
      </p>
    </>
  );
}

/** A checkout that was already paid (a reload, the back button). */
export function AlreadyPaid({ checkout }: { checkout: SimulatedCheckout }) {
  return (
    <>
      <Notice tone="success" title="Already paid">
        This checkout has been paid; nothing more will be charged.
      </Notice>
      <ButtonLink href={checkout.successUrl}>Back to your wallet</ButtonLink>
    </>
  );
}

/** A checkout past its lifetime. */
export function Expired({ checkout }: { checkout: SimulatedCheckout }) {
  return (
    <>
      <Notice tone="error" title="This checkout has expired">
        Nothing was charged. Start a new top-up from your wallet.
      </Notice>
      <ButtonLink href={checkout.cancelUrl}>Back to your wallet</ButtonLink>
    </>
  );
}

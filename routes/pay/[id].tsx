/**
 * The simulated processor's checkout page (`checkoutUrl` of a top-up when
 * no Stripe keys are set). Only the learner whose top-up it pays may see
 * it; anyone else, and every visitor when Stripe is in use, gets a 404.
 *
 * A post of `card` (digits, spaces allowed; expiry and CVC optional) pays
 * it through the same event path as a Stripe webhook, then sends the
 * learner back to the wallet; a declined card shows why, so another can be
 * tried.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { firstErrors } from "@/web/forms.ts";
import { Seo } from "@/components/Seo.tsx";
import {
  AlreadyPaid,
  CARD_FIELDS,
  type CardField,
  CardForm,
  CheckoutFrame,
  Expired,
} from "@/components/money/Checkout.tsx";
import {
  getSimulatedCheckout,
  payWithTestCard,
  type SimulatedCheckout,
} from "@/services/payments/mod.ts";
import { applyPaymentEvent, getOwnTopUp } from "@/services/wallet/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { now } from "@/services/platform/clock.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import { money } from "@/web/money_forms.ts";

interface CheckoutData {
  checkout: SimulatedCheckout;
  values: Record<CardField, string>;
  errors: Partial<Record<CardField, string>>;
  decline: string | null;
}

const EMPTY: Record<CardField, string> = { card: "", expiry: "", cvc: "" };

/** The checkout, when this server simulates payments and it is the user's. */
async function ownCheckout(
  ctx: FreshContext<AppState>,
): Promise<SimulatedCheckout | null> {
  if (ctx.state.providers.payments.name !== "simulated") return null;
  const user = requireUser(ctx.state);
  const checkout = await getSimulatedCheckout(ctx.state.kv, ctx.params.id);
  if (!checkout) return null;
  try {
    await getOwnTopUp(ctx.state.kv, user.id, checkout.topUpId);
  } catch {
    return null;
  }
  return checkout;
}

/**
 * Loose checks of the optional fields, as a card form makes them: an
 * expiry "MM / YY" not in the past, a CVC of 3 or 4 digits.
 */
function optionalFieldErrors(
  values: Record<CardField, string>,
): Partial<Record<CardField, string>> {
  const errors: Partial<Record<CardField, string>> = {};
  const expiry = values.expiry.replace(/\s/g, "");
  if (expiry) {
    const match = /^(\d{1,2})\/?(\d{2}|\d{4})$/.exec(expiry);
    const month = match ? Number(match[1]) : 0;
    const year = match
      ? Number(match[2].length === 2 ? `20${match[2]}` : match[2])
      : 0;
    const today = now();
    if (!match || month < 1 || month > 12) {
      errors.expiry = "Give the expiry as MM / YY, e.g. 12 / 30.";
    } else if (
      year < today.getUTCFullYear() ||
      (year === today.getUTCFullYear() && month < today.getUTCMonth() + 1)
    ) {
      errors.expiry = "This card has expired. Use a future expiry date.";
    }
  }
  if (values.cvc.trim() && !/^\d{3,4}$/.test(values.cvc.trim())) {
    errors.cvc = "The CVC is the 3 or 4 digits on the back of the card.";
  }
  return errors;
}

export const handler = define.handlers<CheckoutData>({
  async GET(_req, ctx) {
    const checkout = await ownCheckout(ctx);
    if (!checkout) return ctx.renderNotFound();
    return ctx.render({
      checkout,
      values: EMPTY,
      errors: {},
      decline: checkout.status === "open" ? checkout.lastError : null,
    });
  },

  async POST(req, ctx) {
    const checkout = await ownCheckout(ctx);
    if (!checkout) return ctx.renderNotFound();
    const values = readFields(await readForm(req), CARD_FIELDS);
    const render = (
      status: number,
      errors: Partial<Record<CardField, string>>,
      decline: string | null = null,
      current = checkout,
    ) => ctx.render({ checkout: current, values, errors, decline }, { status });

    if (checkout.status === "paid") return render(409, {});
    const optional = optionalFieldErrors(values);
    if (Object.keys(optional).length > 0) return render(400, optional);
    let paid;
    try {
      paid = await payWithTestCard(ctx.state.kv, checkout.id, {
        card: values.card,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const fresh = await getSimulatedCheckout(ctx.state.kv, checkout.id);
      const card = firstErrors(error.fieldErrors).card ?? error.message;
      return render(400, { card }, null, fresh ?? checkout);
    }
    await applyPaymentEvent(ctx.state.kv, paid.event);
    if (paid.redirectTo) return seeOther(paid.redirectTo);
    return render(
      402,
      {},
      paid.event.reason ?? "The card was declined.",
      { ...checkout, lastError: paid.event.reason ?? null },
    );
  },
});

/** The test-mode card form, or where a paid or expired checkout stands. */
export default define.page<typeof handler>(function PayPage(
  { data, state, url },
) {
  const { checkout } = data;
  const expired = checkout.status === "open" &&
    new Date(checkout.expiresAt) <= now();
  return (
    <>
      <Seo
        title={`Pay ${money(checkout.amountMinor, checkout.currency)}`}
        description="Test-mode checkout for TapTime credits."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <CheckoutFrame checkout={checkout}>
        {checkout.status === "paid"
          ? <AlreadyPaid checkout={checkout} />
          : expired
          ? <Expired checkout={checkout} />
          : <CardForm {...data} />}
      </CheckoutFrame>
    </>
  );
});

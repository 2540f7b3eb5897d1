/**
 * A top-up's receipt, laid out to print on its own: the print rules hide
 * everything on the page but the receipt (the site header, the area's
 * navigation, the footer), so "Print" or "Save as PDF" gives one clean page.
 */
import type { ComponentChildren } from "preact";
import { type TopUp, topUpDescription } from "@/services/wallet/mod.ts";
import { formatInstant } from "@/web/format.ts";
import { credits, money, topUpStatusLabel } from "@/web/money_forms.ts";
import { Facts } from "./Table.tsx";

/**
 * Print rules: keep only #receipt, its contents and the elements that hold
 * it, and let those lose their screen layout. (Inline, as the page's own.)
 */
const PRINT_CSS = `@media print {
  body > :not(main) { display: none !important; }
  main :not(#receipt, #receipt *, :has(#receipt)) { display: none !important; }
  main :has(#receipt) { display: block !important; margin: 0 !important; padding: 0 !important; max-width: none !important; }
  #receipt { border: 0 !important; box-shadow: none !important; padding: 0 !important; }
  #receipt a { color: inherit; text-decoration: none; }
}`;

/** The lines of the receipt, in the order they print. */
function receiptLines(
  topUp: TopUp,
  learner: { name: string; email: string },
): Array<[string, ComponentChildren]> {
  const { currency } = topUp;
  const lines: Array<[string, ComponentChildren]> = [
    ["Billed to", `${learner.name} (${learner.email})`],
    [
      "Paid on",
      topUp.paidAt
        ? (
          <time key="paid" dateTime={topUp.paidAt}>
            {formatInstant(topUp.paidAt)}
          </time>
        )
        : "—",
    ],
    ["Description", topUpDescription(topUp)],
    [
      "Payment method",
      topUp.provider === "stripe"
        ? "Card, through Stripe"
        : "Test card (simulated payment: no money moved)",
    ],
  ];
  if (topUp.paymentRef) {
    lines.push([
      "Payment reference",
      <span key="ref" class="font-mono break-all">{topUp.paymentRef}</span>,
    ]);
  }
  if (topUp.taxMinor > 0) {
    lines.push(["Tax", money(topUp.taxMinor, currency)]);
  }
  lines.push(
    ["Amount paid", money(topUp.amountMinor + topUp.taxMinor, currency)],
    ["Credits added", credits(topUp.amountMinor, currency)],
  );
  if (topUp.bonusMinor > 0) {
    lines.push(["Bonus credits", credits(topUp.bonusMinor, currency)]);
  }
  if (topUp.refund?.status === "succeeded") {
    lines.push([
      "Refunded to the card",
      money(topUp.refund.amountMinor, currency),
    ]);
  }
  lines.push(["Status", topUpStatusLabel(topUp)]);
  return lines;
}

export function Receipt(
  { topUp, learner }: {
    topUp: TopUp;
    learner: { name: string; email: string };
  },
) {
  return (
    <>
      <style>{PRINT_CSS}</style>
      <article
        id="receipt"
        aria-labelledby="receipt-heading"
        class="rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
      >
        <header class="flex flex-wrap items-start justify-between gap-4">
          <div>
            <p class="text-lg font-bold text-brand-900">TapTime</p>
            <h2
              id="receipt-heading"
              class="mt-1 text-2xl font-bold text-slate-900"
            >
              Receipt
            </h2>
          </div>
          <p class="text-sm text-slate-700">
            No. <span class="font-mono break-all">{topUp.id}</span>
          </p>
        </header>
        <Facts class="mt-6" items={receiptLines(topUp, learner)} />
        <p class="mt-6 text-sm text-slate-700">
          Credits are spent on TapTime sessions. Unused credits from a top-up
          can be refunded to the card from your wallet.
        </p>
      </article>
    </>
  );
}

/**
 * The money of a period at a glance, per currency: money in, bookings
 * paid, commission earned, refunds, payouts, bonus credits given and tax
 * collected. Worked out from the ledger entries of the period (and the tax
 * recorded on paid top-ups), so it always agrees with the ledger.
 */
import { z } from "zod";
import { parseInput } from "@/services/platform/errors.ts";
import { type Entry, PLATFORM_REVENUE } from "@/services/ledger/mod.ts";
import { periodSelector } from "./transactions.ts";

export const summaryQuerySchema = z.object({
  from: z.iso.date("Use a date like 2026-12-01."),
  to: z.iso.date("Use a date like 2026-12-31."),
}).refine((q) => q.from <= q.to, {
  message: "The start date must be on or before the end date.",
  path: ["to"],
});

export const summaryRowSchema = z.object({
  currency: z.string(),
  moneyInMinor: z.number().int(),
  bookingsPaidMinor: z.number().int(),
  commissionMinor: z.number().int(),
  refundsMinor: z.number().int().describe(
    "Both kinds of refund: cardRefundsMinor + sessionRefundsMinor.",
  ),
  cardRefundsMinor: z.number().int().describe(
    "Top-ups refunded to cards: money that left the platform.",
  ),
  sessionRefundsMinor: z.number().int().describe(
    "Booked sessions refunded to learners' wallets: credits that stayed.",
  ),
  payoutsMinor: z.number().int(),
  bonusMinor: z.number().int(),
  taxMinor: z.number().int(),
  entries: z.number().int(),
}).meta({ id: "FinanceSummaryRow" });
export type SummaryRow = z.infer<typeof summaryRowSchema>;

/** The positive side of an entry: how much money it moved. */
const moved = (entry: Entry) =>
  entry.lines.reduce((sum, line) => sum + Math.max(line.amountMinor, 0), 0);

export async function summarizeFinances(
  kv: Deno.Kv,
  input: { from: string; to: string },
): Promise<{ from: string; to: string; currencies: SummaryRow[] }> {
  const { from, to } = parseInput(
    summaryQuerySchema,
    input,
    "The period is invalid.",
  );
  const rows = new Map<string, SummaryRow>();
  const row = (currency: string) => {
    let found = rows.get(currency);
    if (!found) {
      found = {
        currency,
        moneyInMinor: 0,
        bookingsPaidMinor: 0,
        commissionMinor: 0,
        refundsMinor: 0,
        cardRefundsMinor: 0,
        sessionRefundsMinor: 0,
        payoutsMinor: 0,
        bonusMinor: 0,
        taxMinor: 0,
        entries: 0,
      };
      rows.set(currency, found);
    }
    return found;
  };
  const paidTopUps = new Set<string>();
  for await (
    const { value: entry } of kv.list<Entry>(periodSelector(from, to))
  ) {
    const r = row(entry.currency);
    r.entries++;
    switch (entry.kind) {
      case "top_up":
        r.moneyInMinor += moved(entry);
        if (entry.refs.topUpId) paidTopUps.add(entry.refs.topUpId);
        break;
      case "top_up_bonus":
        r.bonusMinor += moved(entry);
        break;
      case "booking_reserve":
        r.bookingsPaidMinor += moved(entry);
        break;
      case "booking_release":
        r.commissionMinor += entry.lines
          .filter((line) => line.account === PLATFORM_REVENUE)
          .reduce((sum, line) => sum + line.amountMinor, 0);
        break;
      case "top_up_refund":
        r.cardRefundsMinor += moved(entry);
        break;
      case "booking_refund":
        r.sessionRefundsMinor += moved(entry);
        break;
      case "withdrawal_paid":
        r.payoutsMinor += moved(entry);
        break;
    }
  }
  for (const id of paidTopUps) {
    const topUp =
      (await kv.get<{ currency: string; taxMinor: number }>(["top_ups", id]))
        .value;
    if (topUp) row(topUp.currency).taxMinor += topUp.taxMinor;
  }
  return {
    from,
    to,
    currencies: [...rows.values()]
      .map((r) => ({
        ...r,
        refundsMinor: r.cardRefundsMinor + r.sessionRefundsMinor,
      }))
      .sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}

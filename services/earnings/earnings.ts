/**
 * An expert's earnings per currency: pending (completed sessions inside the
 * dispute window), available, on the way (withdrawals asked for or being
 * paid) and paid out, with the ledger lines behind them.
 */
import {
  availableEarningsAccount,
  type Entry,
  listAccountEntries,
  listBalances,
  payoutInFlightAccount,
  pendingEarningsAccount,
} from "@/services/ledger/mod.ts";
import type { Page } from "@/services/platform/paging.ts";
import type { Earnings } from "./model.ts";
import { PAID_TOTAL } from "./store.ts";

export async function getEarnings(
  kv: Deno.Kv,
  expertId: string,
): Promise<Earnings[]> {
  const byCurrency = new Map<string, Earnings>();
  const row = (currency: string) => {
    let found = byCurrency.get(currency);
    if (!found) {
      found = {
        currency: currency as Earnings["currency"],
        pendingMinor: 0,
        availableMinor: 0,
        inFlightMinor: 0,
        paidOutMinor: 0,
      };
      byCurrency.set(currency, found);
    }
    return found;
  };
  for (const b of await listBalances(kv, pendingEarningsAccount(expertId))) {
    row(b.currency).pendingMinor = b.balanceMinor;
  }
  for (const b of await listBalances(kv, availableEarningsAccount(expertId))) {
    row(b.currency).availableMinor = b.balanceMinor;
  }
  for (const b of await listBalances(kv, payoutInFlightAccount(expertId))) {
    row(b.currency).inFlightMinor = b.balanceMinor;
  }
  for await (
    const entry of kv.list<Deno.KvU64>({ prefix: [PAID_TOTAL, expertId] })
  ) {
    row(String(entry.key[2])).paidOutMinor = Number(entry.value.value);
  }
  return [...byCurrency.values()].sort((a, b) =>
    a.currency.localeCompare(b.currency)
  );
}

/** The ledger lines of one of the expert's earnings accounts, newest first. */
export function listEarningsEntries(
  kv: Deno.Kv,
  expertId: string,
  account: "pending" | "available" | "in_flight",
  opts: { cursor?: string; limit?: number } = {},
): Promise<Page<Entry>> {
  const name = {
    pending: pendingEarningsAccount,
    available: availableEarningsAccount,
    in_flight: payoutInFlightAccount,
  }[account](expertId);
  return listAccountEntries(kv, name, opts);
}

/**
 * A learner's wallet as they see it: spendable credits per currency, what is
 * frozen (a refund on its way, a disputed payment), and the ledger lines
 * behind it.
 */
import {
  type Entry,
  frozenAccount,
  listAccountEntries,
  listBalances,
  walletAccount,
} from "@/services/ledger/mod.ts";
import type { Page } from "@/services/platform/paging.ts";

export interface WalletBalance {
  currency: string;
  availableMinor: number;
  frozenMinor: number;
}

/** Balances in every currency the learner has ever held credits in. */
export async function getWalletBalances(
  kv: Deno.Kv,
  learnerId: string,
): Promise<WalletBalance[]> {
  const byCurrency = new Map<string, WalletBalance>();
  const row = (currency: string) => {
    let found = byCurrency.get(currency);
    if (!found) {
      found = { currency, availableMinor: 0, frozenMinor: 0 };
      byCurrency.set(currency, found);
    }
    return found;
  };
  for (const balance of await listBalances(kv, walletAccount(learnerId))) {
    row(balance.currency).availableMinor = balance.balanceMinor;
  }
  for (const balance of await listBalances(kv, frozenAccount(learnerId))) {
    row(balance.currency).frozenMinor = balance.balanceMinor;
  }
  return [...byCurrency.values()].sort((a, b) =>
    a.currency.localeCompare(b.currency)
  );
}

/** The wallet's ledger lines, newest first. */
export function listWalletEntries(
  kv: Deno.Kv,
  learnerId: string,
  opts: { cursor?: string; limit?: number } = {},
): Promise<Page<Entry>> {
  return listAccountEntries(kv, walletAccount(learnerId), opts);
}

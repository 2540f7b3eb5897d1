/**
 * Reading balances and statements. A guarded account's balance is stored as
 * one number; any other account's is its money in minus its money out (see
 * store.ts for why).
 */
import { listNewestFirst, type Page } from "@/services/platform/paging.ts";
import { type Balance, type Entry, isGuarded } from "./model.ts";
import {
  BALANCE,
  balanceKey,
  BY_ACCOUNT,
  BY_REF,
  entryKey,
  totalKey,
} from "./store.ts";

/** The balance of `account` in `currency` (0 when never used). */
export async function getBalance(
  kv: Deno.Kv,
  account: string,
  currency: string,
): Promise<number> {
  if (isGuarded(account)) {
    return (await kv.get<number>(balanceKey(account, currency))).value ?? 0;
  }
  const [moneyIn, moneyOut] = await kv.getMany<[Deno.KvU64, Deno.KvU64]>([
    totalKey(account, currency, "in"),
    totalKey(account, currency, "out"),
  ]);
  return Number((moneyIn.value?.value ?? 0n) - (moneyOut.value?.value ?? 0n));
}

/** Every currency a guarded account has a balance in, zero balances included. */
export async function listBalances(
  kv: Deno.Kv,
  account: string,
): Promise<Balance[]> {
  const balances: Balance[] = [];
  for await (const entry of kv.list<number>({ prefix: [BALANCE, account] })) {
    balances.push({
      account,
      currency: String(entry.key[2]),
      balanceMinor: entry.value,
    });
  }
  return balances;
}

async function loadEntry(
  kv: Deno.Kv,
  entry: Deno.KvEntry<string>,
): Promise<Entry | null> {
  return (await kv.get<Entry>(entryKey(entry.value))).value;
}

/** An account's entries, newest first. */
export function listAccountEntries(
  kv: Deno.Kv,
  account: string,
  opts: { cursor?: string; limit?: number } = {},
): Promise<Page<Entry>> {
  return listNewestFirst<string, Entry>(
    kv,
    [BY_ACCOUNT, account],
    opts,
    (entry) => loadEntry(kv, entry),
  );
}

/** The entries recorded for one thing (`"topUpId"`, id), oldest first. */
export async function listEntriesByRef(
  kv: Deno.Kv,
  refName: string,
  refId: string,
): Promise<Entry[]> {
  const entries: Entry[] = [];
  for await (
    const index of kv.list<string>({ prefix: [BY_REF, refName, refId] })
  ) {
    const entry = await loadEntry(kv, index);
    if (entry) entries.push(entry);
  }
  return entries;
}

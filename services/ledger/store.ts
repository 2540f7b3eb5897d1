/**
 * Where the ledger lives in Deno KV.
 *
 * KV keys
 *   ["ledger_entries", entryId]                      → Entry (ULID: time order)
 *   ["ledger_by_account", account, entryId]          → entryId  statements
 *   ["ledger_by_ref", refName, refId, entryId]       → entryId  e.g. a top-up's entries
 *   ["ledger_idempotency", key]                      → entryId  one entry per key
 *   ["ledger_balance", account, currency]            → number   guarded accounts
 *   ["ledger_total", account, currency, "in"|"out"]  → KvU64    other accounts
 *   ["ledger_accounts", currency, account]           → true     every account used
 *
 * Guarded accounts (someone's money: never negative) keep one balance that
 * each posting reads and writes with a versionstamp check, so two spends
 * cannot both pass the "enough money" test. The platform's and the
 * processor's accounts are touched by almost every posting; a checked
 * balance there would make every posting conflict with every other, so they
 * keep two ever-growing counters (money in, money out) changed with `sum`,
 * which never conflicts, and their balance is the difference.
 */
import type { Entry } from "./model.ts";

export const ENTRIES = "ledger_entries";
export const BY_ACCOUNT = "ledger_by_account";
export const BY_REF = "ledger_by_ref";
export const IDEMPOTENCY = "ledger_idempotency";
export const BALANCE = "ledger_balance";
export const TOTAL = "ledger_total";
export const ACCOUNTS = "ledger_accounts";

export const entryKey = (id: string): Deno.KvKey => [ENTRIES, id];
export const idempotencyKey = (key: string): Deno.KvKey => [IDEMPOTENCY, key];
export const balanceKey = (account: string, currency: string): Deno.KvKey => [
  BALANCE,
  account,
  currency,
];
export const totalKey = (
  account: string,
  currency: string,
  direction: "in" | "out",
): Deno.KvKey => [TOTAL, account, currency, direction];

/** Where the ledger notes that `account` was ever used in `currency`. */
export const accountMarkerKey = (
  currency: string,
  account: string,
): Deno.KvKey => [ACCOUNTS, currency, account];

/** The entry recorded under an idempotency key, if any. */
export async function findEntryByKey(
  kv: Deno.Kv,
  key: string,
): Promise<Entry | null> {
  const id = (await kv.get<string>(idempotencyKey(key))).value;
  if (id === null) return null;
  return (await kv.get<Entry>(entryKey(id))).value;
}

export async function getEntry(kv: Deno.Kv, id: string): Promise<Entry | null> {
  return (await kv.get<Entry>(entryKey(id))).value;
}

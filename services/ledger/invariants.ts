/**
 * The ledger's invariants, recomputed from the entries themselves:
 *
 * 1. per currency, all lines of all entries sum to zero;
 * 2. every stored balance equals the sum of its account's lines;
 * 3. no guarded account (someone's money) is below zero;
 * 4. every line is findable from its account's statement index.
 *
 * Tests run it after every money test; admins run it from the finance area.
 * It reads the whole ledger, so it is a check, not something a request path
 * calls.
 */
import { type Entry, isGuarded } from "./model.ts";
import { getBalance } from "./balances.ts";
import { ACCOUNTS, BY_ACCOUNT, ENTRIES } from "./store.ts";

export interface CurrencyCheck {
  currency: string;
  entries: number;
  /** Sum of every line in this currency: 0 when the books balance. */
  sumMinor: number;
  accounts: number;
}

export interface LedgerCheck {
  ok: boolean;
  currencies: CurrencyCheck[];
  /** Each broken invariant, in words. Empty when `ok`. */
  problems: string[];
}

export async function checkLedger(kv: Deno.Kv): Promise<LedgerCheck> {
  const problems: string[] = [];
  const perCurrency = new Map<string, CurrencyCheck>();
  // "account currency" → sum of its lines
  const sums = new Map<string, number>();

  for await (const { value: entry } of kv.list<Entry>({ prefix: [ENTRIES] })) {
    const check = perCurrency.get(entry.currency) ??
      { currency: entry.currency, entries: 0, sumMinor: 0, accounts: 0 };
    perCurrency.set(entry.currency, check);
    check.entries++;
    let entrySum = 0;
    for (const line of entry.lines) {
      entrySum += line.amountMinor;
      check.sumMinor += line.amountMinor;
      const key = `${line.account} ${entry.currency}`;
      sums.set(key, (sums.get(key) ?? 0) + line.amountMinor);
      const indexed = await kv.get([BY_ACCOUNT, line.account, entry.id]);
      if (indexed.versionstamp === null) {
        problems.push(
          `Entry ${entry.id} is missing from ${line.account}'s statement.`,
        );
      }
    }
    if (entrySum !== 0) {
      problems.push(`Entry ${entry.id} does not balance (sum ${entrySum}).`);
    }
  }

  for (const check of perCurrency.values()) {
    if (check.sumMinor !== 0) {
      problems.push(
        `${check.currency}: all entries sum to ${check.sumMinor}, not 0.`,
      );
    }
  }

  for await (
    const { key } of kv.list<boolean>({ prefix: [ACCOUNTS] })
  ) {
    const currency = String(key[1]);
    const account = String(key[2]);
    const check = perCurrency.get(currency);
    if (check) check.accounts++;
    const expected = sums.get(`${account} ${currency}`) ?? 0;
    const stored = await getBalance(kv, account, currency);
    if (stored !== expected) {
      problems.push(
        `${account} ${currency}: balance ${stored} but its entries sum to ${expected}.`,
      );
    }
    if (isGuarded(account) && stored < 0) {
      problems.push(`${account} ${currency} is negative (${stored}).`);
    }
  }

  return {
    ok: problems.length === 0,
    currencies: [...perCurrency.values()].sort((a, b) =>
      a.currency.localeCompare(b.currency)
    ),
    problems,
  };
}

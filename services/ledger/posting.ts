/**
 * Recording entries. A posting is prepared (inputs checked, guarded balances
 * read, the "enough money" rule applied) and then added to an atomic
 * operation, so a feature can record money and change its own state in one
 * commit: a booking claims its time and reserves the price in the same
 * atomic, and either both happen or neither does.
 *
 * @example
 * ```ts
 * // On its own:
 * const [entry] = await post(kv, topUpPosting);
 *
 * // Inside a larger commit (retry the whole read-check-write on conflict):
 * const prepared = await preparePostings(kv, [reservePosting]);
 * if (prepared.recorded) return prepared.entries; // an earlier try committed
 * const op = kv.atomic().check(slotCheck).set(slotKey, bookingId);
 * prepared.addTo(op);
 * const { ok } = await op.commit(); // not ok: read again and retry
 * ```
 */
import {
  ConflictError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import {
  getManyInBatches,
  newId,
  withLockRetry,
} from "@/services/platform/kv.ts";
import { now } from "@/services/platform/clock.ts";
import {
  type Entry,
  isGuarded,
  type Posting,
  type PostingInput,
  postingInputSchema,
} from "./model.ts";
import {
  accountMarkerKey,
  balanceKey,
  BY_ACCOUNT,
  BY_REF,
  entryKey,
  getEntry,
  idempotencyKey,
  totalKey,
} from "./store.ts";

/** A guarded account would go below zero; nothing was recorded. */
export class InsufficientFundsError extends Error {
  constructor(
    readonly account: string,
    readonly currency: string,
    /** How much more the account would need, in minor units. */
    readonly shortMinor: number,
  ) {
    super(`Not enough money in ${account}: ${shortMinor} ${currency} short.`);
    this.name = "InsufficientFundsError";
  }
}

/** Postings ready to be added to an atomic operation. */
export interface PreparedPostings {
  /** True when every posting was already recorded by an earlier call. */
  recorded: boolean;
  /** The entries: already recorded ones, or the ones `addTo` will write. */
  entries: Entry[];
  /** Adds the checks and writes of the new entries to `op`. */
  addTo(op: Deno.AtomicOperation): Deno.AtomicOperation;
}

function sameEntry(entry: Entry, posting: Posting): boolean {
  const lines = (list: { account: string; amountMinor: number }[]) =>
    JSON.stringify(
      [...list].sort((a, b) => a.account.localeCompare(b.account)),
    );
  return entry.kind === posting.kind && entry.currency === posting.currency &&
    lines(entry.lines) === lines(posting.lines);
}

/**
 * Reads what `inputs` need and checks them. Postings whose idempotency key
 * is already recorded are not written again (a different posting under a
 * used key is a ConflictError). Several postings may touch one account: the
 * balance check sees them in order.
 */
export async function preparePostings(
  kv: Deno.Kv,
  inputs: PostingInput[],
): Promise<PreparedPostings> {
  const postings = inputs.map((input) =>
    parseInput(postingInputSchema, input, "The ledger posting is invalid.")
  );
  const keys = new Set(postings.map((posting) => posting.idempotencyKey));
  if (keys.size !== postings.length) {
    throw new ValidationError("The ledger posting is invalid.", {
      idempotencyKey: ["Each posting needs its own idempotency key."],
    });
  }

  // One read for everything the postings depend on: their idempotency
  // keys, the guarded balances and the account markers.
  const guarded = new Map<string, Deno.KvKey>();
  const markers = new Map<string, Deno.KvKey>();
  for (const posting of postings) {
    for (const line of posting.lines) {
      const key = isGuarded(line.account)
        ? balanceKey(line.account, posting.currency)
        : null;
      if (key) guarded.set(JSON.stringify(key), key);
      const marker = accountMarkerKey(posting.currency, line.account);
      markers.set(JSON.stringify(marker), marker);
    }
  }
  const read = await getManyInBatches(kv, [
    ...postings.map((posting) => idempotencyKey(posting.idempotencyKey)),
    ...guarded.values(),
    ...markers.values(),
  ]);

  const recorded: Entry[] = [];
  const fresh: Posting[] = [];
  for (const [i, posting] of postings.entries()) {
    const id = read[i].value as string | null;
    const existing = id === null ? null : await getEntry(kv, id);
    if (existing === null) fresh.push(posting);
    else if (sameEntry(existing, posting)) recorded.push(existing);
    else {
      throw new ConflictError(
        `The idempotency key ${posting.idempotencyKey} was used for a different movement.`,
      );
    }
  }
  if (fresh.length === 0) {
    return { recorded: true, entries: recorded, addTo: (op) => op };
  }
  const byKey = new Map(
    read.slice(postings.length).map((entry) => [
      JSON.stringify(entry.key),
      entry,
    ]),
  );

  // Guarded balances as read (with their versionstamps) and as they will be.
  const balances = new Map<
    string,
    { key: Deno.KvKey; versionstamp: string | null; value: number }
  >();
  for (const posting of fresh) {
    for (const line of posting.lines) {
      if (!isGuarded(line.account)) continue;
      const key = balanceKey(line.account, posting.currency);
      const id = JSON.stringify(key);
      let balance = balances.get(id);
      if (!balance) {
        const entry = byKey.get(id)!;
        balance = {
          key,
          versionstamp: entry.versionstamp,
          value: (entry.value as number | null) ?? 0,
        };
        balances.set(id, balance);
      }
      balance.value += line.amountMinor;
      if (balance.value < 0) {
        throw new InsufficientFundsError(
          line.account,
          posting.currency,
          -balance.value,
        );
      }
    }
  }
  // A marker once written stays, so only a first use writes it.
  const unmarked = new Set(
    [...markers.keys()].filter((id) => byKey.get(id)!.versionstamp === null),
  );

  const at = now().toISOString();
  const entries: Entry[] = fresh.map((posting) => ({
    id: newId(),
    at,
    idempotencyKey: posting.idempotencyKey,
    currency: posting.currency,
    kind: posting.kind,
    lines: posting.lines,
    refs: posting.refs,
    ...(posting.memo === undefined ? {} : { memo: posting.memo }),
  }));

  return {
    recorded: false,
    entries: [...recorded, ...entries],
    addTo(op) {
      for (const balance of balances.values()) {
        op.check({ key: balance.key, versionstamp: balance.versionstamp })
          .set(balance.key, balance.value);
      }
      for (const entry of entries) {
        op.check({
          key: idempotencyKey(entry.idempotencyKey),
          versionstamp: null,
        })
          .set(idempotencyKey(entry.idempotencyKey), entry.id)
          .set(entryKey(entry.id), entry);
        for (const line of entry.lines) {
          op.set([BY_ACCOUNT, line.account, entry.id], entry.id);
          const marker = accountMarkerKey(entry.currency, line.account);
          if (unmarked.has(JSON.stringify(marker))) op.set(marker, true);
          if (!isGuarded(line.account)) {
            const direction = line.amountMinor > 0 ? "in" : "out";
            op.sum(
              totalKey(line.account, entry.currency, direction),
              BigInt(Math.abs(line.amountMinor)),
            );
          }
        }
        for (const [name, id] of Object.entries(entry.refs)) {
          op.set([BY_REF, name, id, entry.id], entry.id);
        }
      }
      return op;
    },
  };
}

const MAX_ATTEMPTS = 30;

/**
 * Records `inputs` in one commit, retrying from fresh reads when another
 * writer changed a balance in between. Returns the entries (the earlier ones
 * when the keys were already recorded). Throws InsufficientFundsError when a
 * guarded account would go negative.
 */
export async function post(
  kv: Deno.Kv,
  ...inputs: PostingInput[]
): Promise<Entry[]> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const committed = await withLockRetry(async () => {
      const prepared = await preparePostings(kv, inputs);
      if (prepared.recorded) return prepared.entries;
      const result = await prepared.addTo(kv.atomic()).commit();
      return result.ok ? prepared.entries : null;
    });
    if (committed) return committed;
    await backOff(attempt);
  }
  throw new ConflictError(
    "The ledger is busy with this account; try again in a moment.",
  );
}

/** Jittered, growing pause so racing writers spread out instead of colliding again. */
export function backOff(attempt: number): Promise<void> {
  const ceiling = Math.min(2 * 2 ** attempt, 100);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

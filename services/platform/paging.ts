/**
 * Newest-first paging over a KV prefix whose keys sort by time (ULIDs), the
 * one way every list of the app pages. With a `load` step, entries are
 * loaded (from an index to its record, say) and filtered one by one until a
 * page is full, for lists no index can answer whole (a text search over
 * users, audit filters combined).
 *
 * @example
 * ```ts
 * const page = await listNewestFirst<Feedback>(kv, ["feedback"], { limit: 20 });
 * const next = await listNewestFirst<Feedback>(kv, ["feedback"], {
 *   cursor: page.nextCursor ?? undefined,
 * });
 * ```
 */
import { ValidationError } from "./errors.ts";
import { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from "./model.ts";

export interface Page<T> {
  items: T[];
  /** KV's own cursor; pass it back for the next page. Null on the last page. */
  nextCursor: string | null;
}

export interface PageOptions {
  cursor?: string;
  limit?: number;
}

/** Where a page is read from and in which direction (newest first by default). */
export interface PageSource {
  selector: Deno.KvListSelector;
  /** Oldest first (upcoming sessions, review queues) when false. */
  reverse?: boolean;
}

/**
 * Lists values under `prefix` in reverse key order, `limit` (1..100, default
 * 20) at a time. Without `load` the stored values are the items; with it,
 * each entry becomes what `load` returns, and null skips it. `nextCursor` is
 * null only when no further entry matched. A malformed cursor or limit is a
 * ValidationError.
 */
export function listNewestFirst<T>(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  opts: PageOptions,
): Promise<Page<T>>;
export function listNewestFirst<Value, Item>(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  opts: PageOptions,
  load: (entry: Deno.KvEntry<Value>) => Promise<Item | null> | Item | null,
): Promise<Page<Item>>;
export function listNewestFirst<Value, Item>(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  opts: PageOptions,
  load: (entry: Deno.KvEntry<Value>) => Promise<Item | null> | Item | null = (
    entry,
  ) => entry.value as unknown as Item,
): Promise<Page<Item>> {
  return listPage(kv, { selector: { prefix } }, opts, load);
}

/**
 * The general form of `listNewestFirst`: any key range, either direction,
 * with the same cursor rules and "one more match means another page".
 */
export function listPage<Value, Item>(
  kv: Deno.Kv,
  source: PageSource,
  opts: PageOptions,
  load: (entry: Deno.KvEntry<Value>) => Promise<Item | null> | Item | null,
): Promise<Page<Item>> {
  return listPageInBatches<Value, Item>(
    kv,
    source,
    opts,
    (entries) => Promise.all(entries.map((entry) => load(entry))),
    1,
  );
}

/** Entries turned into items at once by `listPageInBatches`. */
const LOAD_BATCH = 10;

/**
 * `listPage` for an index whose entries name records: the entries become
 * items `batch` at a time (`getMany` reads ten keys), so a page of ten
 * reviews is one read of the records instead of ten. `loadMany` returns an
 * item or null (skipped) for each entry, in order.
 *
 * @example
 * listPageInBatches(kv, { selector: { prefix: ["reviews_by_expert", id] } },
 *   { limit: 10 }, async (entries) =>
 *     (await kv.getMany(entries.map((e) => ["reviews", e.value])))
 *       .map((record) => record.value));
 */
export async function listPageInBatches<Value, Item>(
  kv: Deno.Kv,
  source: PageSource,
  opts: PageOptions,
  loadMany: (entries: Deno.KvEntry<Value>[]) => Promise<(Item | null)[]>,
  batch = LOAD_BATCH,
): Promise<Page<Item>> {
  const limit = opts.limit ?? PAGE_LIMIT_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_LIMIT_MAX) {
    throw new ValidationError("The listing options are invalid.", {
      limit: [`Use a whole number from 1 to ${PAGE_LIMIT_MAX}.`],
    });
  }
  const entries = kv.list<Value>(source.selector, {
    reverse: source.reverse ?? true,
    cursor: opts.cursor || undefined,
    batchSize: limit + 1,
  });
  const items: Item[] = [];
  let cursorAfterLast = "";
  let nextCursor: string | null = null;
  let full = false;
  // Each entry with the cursor just after it, waiting to be loaded.
  let waiting: { entry: Deno.KvEntry<Value>; cursor: string }[] = [];
  const loadWaiting = async () => {
    const loaded = await loadMany(waiting.map(({ entry }) => entry));
    for (let i = 0; i < waiting.length && !full; i++) {
      const item = loaded[i];
      if (item === null) continue;
      if (items.length === limit) {
        // One more match exists, so another page does.
        nextCursor = cursorAfterLast;
        full = true;
        break;
      }
      items.push(item);
      cursorAfterLast = waiting[i].cursor;
    }
    waiting = [];
  };
  try {
    for await (const entry of entries) {
      waiting.push({ entry, cursor: entries.cursor });
      // Never more than the page can still take, plus the one that shows
      // whether another page exists.
      if (waiting.length >= Math.min(batch, limit + 1 - items.length)) {
        await loadWaiting();
        if (full) break;
      }
    }
    if (!full && waiting.length > 0) await loadWaiting();
  } catch (error) {
    // A cursor KV cannot decode (tampered, or not even Latin-1) is the
    // caller's mistake, not a server fault.
    if (
      error instanceof TypeError ||
      (error instanceof Error && /cursor/i.test(error.message))
    ) {
      throw new ValidationError("The listing options are invalid.", {
        cursor: ["This cursor is not valid; start again from the first page."],
      });
    }
    throw error;
  }
  return { items, nextCursor };
}

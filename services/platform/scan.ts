/**
 * Filtered, newest-first paging over a KV prefix: entries are loaded and
 * filtered one by one until a page is full. Used where an index cannot answer
 * the whole query (a text search over users, audit filters combined).
 */
import { ValidationError } from "./errors.ts";

/**
 * Walks `prefix` in reverse key order from `cursor`, keeping what `load`
 * returns (null skips the entry), `limit` (1..100, default 20) at a time.
 * `nextCursor` is null only when no further entry matched.
 */
export async function scanNewestFirst<Value, Item>(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  load: (entry: Deno.KvEntry<Value>) => Promise<Item | null> | Item | null,
  opts: { cursor?: string; limit?: number },
): Promise<{ items: Item[]; nextCursor: string | null }> {
  const limit = opts.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new ValidationError("The listing options are invalid.", {
      limit: ["Use a whole number from 1 to 100."],
    });
  }
  const entries = kv.list<Value>({ prefix }, {
    reverse: true,
    cursor: opts.cursor || undefined,
    batchSize: limit + 1,
  });
  const items: Item[] = [];
  let cursorAfterLast = "";
  let nextCursor: string | null = null;
  try {
    for await (const entry of entries) {
      const item = await load(entry);
      if (item === null) continue;
      if (items.length === limit) {
        // One more match exists, so another page does.
        nextCursor = cursorAfterLast;
        break;
      }
      items.push(item);
      cursorAfterLast = entries.cursor;
    }
  } catch (error) {
    if (error instanceof TypeError && /cursor/i.test(error.message)) {
      throw new ValidationError("The listing options are invalid.", {
        cursor: ["This cursor is not valid; start again from the first page."],
      });
    }
    throw error;
  }
  return { items, nextCursor };
}

/**
 * Newest-first paging over a `[prefix, ulid]` key space, shared by the
 * modules that store one record per ULID key.
 */
import { ValidationError } from "./errors.ts";

export interface Page<T> {
  items: T[];
  /** KV's own cursor; pass it back for the next page. Null on the last page. */
  nextCursor: string | null;
}

/**
 * Lists values under `prefix` in reverse key order, `limit` (1..100, default
 * 20) at a time. A malformed cursor or limit is a ValidationError.
 */
export async function listNewestFirst<T>(
  kv: Deno.Kv,
  prefix: Deno.KvKey,
  opts: { cursor?: string; limit?: number },
): Promise<Page<T>> {
  const limit = opts.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new ValidationError("The listing options are invalid.", {
      limit: ["Use a whole number from 1 to 100."],
    });
  }
  // One extra entry tells whether another page exists.
  const entries = kv.list<T>({ prefix }, {
    reverse: true,
    limit: limit + 1,
    cursor: opts.cursor || undefined,
  });
  const items: T[] = [];
  let cursorAfterLast = "";
  let nextCursor: string | null = null;
  try {
    for await (const entry of entries) {
      if (items.length === limit) {
        nextCursor = cursorAfterLast;
        break;
      }
      items.push(entry.value);
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

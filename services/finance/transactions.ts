/**
 * The ledger as admins search it: entries in a period, filtered by kind,
 * user and currency, newest first. Entry ids are ULIDs, so a period is a
 * key range and no separate date index is needed.
 */
import { encodeTime } from "ulid";
import { z } from "zod";
import { parseInput, ValidationError } from "@/services/platform/errors.ts";
import { currencySchema } from "@/services/platform/money.ts";
import {
  cursorSchema,
  idSchema,
  PAGE_LIMIT_DEFAULT,
  pageLimitSchema,
} from "@/services/platform/model.ts";
import { type Entry, entryKindSchema } from "@/services/ledger/mod.ts";

const ENTRIES = "ledger_entries";

export const transactionFilterSchema = z.object({
  kind: entryKindSchema.optional(),
  userId: idSchema.optional(),
  currency: currencySchema.optional(),
  from: z.iso.date("Use a date like 2026-12-01.").optional(),
  to: z.iso.date("Use a date like 2026-12-31.").optional(),
  cursor: cursorSchema.optional(),
  limit: pageLimitSchema.optional(),
}).refine((f) => !f.from || !f.to || f.from <= f.to, {
  message: "The start date must be on or before the end date.",
  path: ["to"],
});
export type TransactionFilter = z.input<typeof transactionFilterSchema>;

/** The key range of entries made from the start of `from` to the end of `to` (UTC days). */
export function periodSelector(
  from: string | undefined,
  to: string | undefined,
): Deno.KvListSelector {
  const start = from
    ? [ENTRIES, encodeTime(Date.parse(`${from}T00:00:00Z`), 10)]
    : undefined;
  const end = to
    ? [ENTRIES, encodeTime(Date.parse(`${to}T00:00:00Z`) + 86_400_000, 10)]
    : undefined;
  if (start && end) return { start, end };
  if (start) return { prefix: [ENTRIES], start };
  if (end) return { prefix: [ENTRIES], end };
  return { prefix: [ENTRIES] };
}

export function matches(entry: Entry, filter: TransactionFilter): boolean {
  return (!filter.kind || entry.kind === filter.kind) &&
    (!filter.currency || entry.currency === filter.currency) &&
    (!filter.userId || Object.values(entry.refs).includes(filter.userId) ||
      entry.lines.some((line) => line.account.endsWith(`:${filter.userId}`)));
}

/** One page of matching entries, newest first. */
export async function listTransactions(
  kv: Deno.Kv,
  input: TransactionFilter,
): Promise<{ items: Entry[]; nextCursor: string | null }> {
  const filter = parseInput(
    transactionFilterSchema,
    input,
    "The filters are invalid.",
  );
  const limit = filter.limit ?? PAGE_LIMIT_DEFAULT;
  const entries = kv.list<Entry>(periodSelector(filter.from, filter.to), {
    reverse: true,
    cursor: filter.cursor || undefined,
    batchSize: limit + 1,
  });
  const items: Entry[] = [];
  let cursor = "";
  let nextCursor: string | null = null;
  try {
    for await (const { value } of entries) {
      if (!matches(value, filter)) continue;
      if (items.length === limit) {
        nextCursor = cursor;
        break;
      }
      items.push(value);
      cursor = entries.cursor;
    }
  } catch (error) {
    if (error instanceof TypeError) {
      throw new ValidationError("The filters are invalid.", {
        cursor: ["This cursor is not valid; start again from the first page."],
      });
    }
    throw error;
  }
  return { items, nextCursor };
}

/** Every matching entry (for CSV export), newest first, at most `max`. */
export async function allTransactions(
  kv: Deno.Kv,
  input: TransactionFilter,
  max = 10_000,
): Promise<Entry[]> {
  const filter = parseInput(
    transactionFilterSchema,
    input,
    "The filters are invalid.",
  );
  const found: Entry[] = [];
  for await (
    const { value } of kv.list<Entry>(periodSelector(filter.from, filter.to), {
      reverse: true,
    })
  ) {
    if (matches(value, filter)) found.push(value);
    if (found.length >= max) break;
  }
  return found;
}

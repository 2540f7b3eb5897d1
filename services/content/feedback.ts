/**
 * Site feedback: a 1–5 rating with an optional note.
 *
 * KV keys
 *   ["feedback", id]                   → Feedback   id is a ULID (arrival order)
 *   ["feedback_stats", "count"]        → KvU64      number of feedback entries
 *   ["feedback_stats", "ratingTotal"]  → KvU64      sum of all ratings
 *
 * The two counters are bumped with `sum` in the same atomic() as the record,
 * so the summary never drifts from the records and concurrent writers never
 * conflict.
 */
import { z } from "zod";
import { parseInput } from "@/services/platform/errors.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import { emailSchema, idSchema } from "@/services/platform/model.ts";
import { listNewestFirst } from "@/services/platform/paging.ts";

export const FEEDBACK_PREFIX = ["feedback"] as const;
const COUNT_KEY = ["feedback_stats", "count"] as const;
const RATING_TOTAL_KEY = ["feedback_stats", "ratingTotal"] as const;

/** Forms send untouched optional fields as ""; treat them as absent. */
const blankAsMissing = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

export const feedbackInputSchema = z.object({
  rating: z.coerce.number().int().min(1, "Pick a rating from 1 to 5.").max(
    5,
    "Pick a rating from 1 to 5.",
  ),
  message: z.preprocess(blankAsMissing, z.string().trim().max(2000).optional()),
  email: z.preprocess(blankAsMissing, emailSchema.optional()),
  page: z.preprocess(
    blankAsMissing,
    z.string().trim().max(500).regex(
      /^\/(?!\/)/,
      "Use a site path starting with /.",
    ).optional(),
  ),
});

export type FeedbackInput = z.input<typeof feedbackInputSchema>;

export const feedbackSchema = z.object({
  id: idSchema,
  rating: z.number().int().min(1).max(5),
  message: z.string().optional(),
  email: z.string().optional(),
  page: z.string().optional(),
  createdAt: z.iso.datetime(),
});

export type Feedback = z.infer<typeof feedbackSchema>;

/** Validates and stores feedback, updating the running summary atomically. */
export async function saveFeedback(
  kv: Deno.Kv,
  input: FeedbackInput,
): Promise<Feedback> {
  const fields = parseInput(
    feedbackInputSchema,
    input,
    "The feedback is invalid.",
  );
  const feedback: Feedback = {
    id: newId(),
    ...fields,
    createdAt: new Date().toISOString(),
  };
  const key = [...FEEDBACK_PREFIX, feedback.id];
  await withLockRetry(() =>
    kv.atomic()
      .check({ key, versionstamp: null })
      .set(key, feedback)
      .sum(COUNT_KEY, 1n)
      .sum(RATING_TOTAL_KEY, BigInt(feedback.rating))
      .commit()
  );
  return feedback;
}

/** 2^64: adding `WRAP - n` to a KvU64 subtracts n (KV's sum wraps). */
const WRAP = 1n << 64n;

/** Takes one removed entry out of the running summary, in `op`. */
export function stageFeedbackRemoval(
  op: Deno.AtomicOperation,
  rating: number,
): void {
  op.sum(COUNT_KEY, WRAP - 1n).sum(RATING_TOTAL_KEY, WRAP - BigInt(rating));
}

/** Feedback entries, newest first, a page at a time. */
export async function listFeedback(
  kv: Deno.Kv,
  opts: { cursor?: string; limit?: number } = {},
): Promise<{ feedback: Feedback[]; nextCursor: string | null }> {
  const page = await listNewestFirst<Feedback>(kv, FEEDBACK_PREFIX, opts);
  return { feedback: page.items, nextCursor: page.nextCursor };
}

/** How many feedback entries there are and their average rating (one decimal; 0 when none). */
export async function feedbackSummary(
  kv: Deno.Kv,
): Promise<{ count: number; average: number }> {
  const [count, total] = await kv.getMany<[Deno.KvU64, Deno.KvU64]>([
    COUNT_KEY,
    RATING_TOTAL_KEY,
  ]);
  const n = Number(count.value?.value ?? 0n);
  if (n === 0) return { count: 0, average: 0 };
  const sum = Number(total.value?.value ?? 0n);
  return { count: n, average: Math.round((sum / n) * 10) / 10 };
}

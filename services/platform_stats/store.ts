/**
 * What the statistics feature keeps in Deno KV: only the weekly summary's
 * opt-ins and its "sent" markers. The figures themselves are computed from
 * the records on each request (see ./gather.ts for why there is no per-day
 * roll-up: most figures change after their day).
 *
 * KV keys
 *   ["platform_stats_summary_optin", userId]          → SummaryOptIn   an admin
 *                                         who wants the weekly summary email
 *   ["platform_stats_summary_sent", weekStart, userId] → ISO time   the week's
 *                                         email went to this admin (written
 *                                         with a check that it was absent, so
 *                                         of several runs only one sends;
 *                                         expires after 60 days)
 */
import { clockFor } from "@/services/platform/clock.ts";
import { type SummaryOptIn, summaryOptInSchema } from "./model.ts";

const OPT_IN = "platform_stats_summary_optin";
const SENT = "platform_stats_summary_sent";
const SENT_KEPT_MS = 60 * 86_400_000;

const optInKey = (userId: string): Deno.KvKey => [OPT_IN, userId];
const sentKey = (weekStart: string, userId: string): Deno.KvKey => [
  SENT,
  weekStart,
  userId,
];

/** Whether `userId` gets the weekly summary. */
export async function wantsWeeklySummary(
  kv: Deno.Kv,
  userId: string,
): Promise<boolean> {
  return (await kv.get(optInKey(userId))).versionstamp !== null;
}

/** Turns the weekly summary on or off for `userId`. */
export async function setWeeklySummary(
  kv: Deno.Kv,
  userId: string,
  wanted: boolean,
): Promise<void> {
  if (!wanted) {
    await kv.delete(optInKey(userId));
    return;
  }
  const record: SummaryOptIn = {
    userId,
    since: clockFor(kv).now().toISOString(),
  };
  await kv.set(optInKey(userId), record);
}

/** Every admin who opted in (the caller checks each is still an admin). */
export async function listSummaryOptIns(kv: Deno.Kv): Promise<string[]> {
  const ids: string[] = [];
  for await (const entry of kv.list({ prefix: [OPT_IN] })) {
    const parsed = summaryOptInSchema.safeParse(entry.value);
    if (parsed.success) ids.push(parsed.data.userId);
  }
  return ids;
}

/**
 * Claims the week's email for `userId`: true for exactly one caller per
 * week and admin, however many runs overlap.
 */
export async function claimWeeklySummary(
  kv: Deno.Kv,
  weekStart: string,
  userId: string,
): Promise<boolean> {
  const key = sentKey(weekStart, userId);
  const result = await kv.atomic()
    .check({ key, versionstamp: null })
    .set(key, clockFor(kv).now().toISOString(), { expireIn: SENT_KEPT_MS })
    .commit();
  return result.ok;
}

/** Gives a claim back after the email could not be sent. */
export async function releaseWeeklySummary(
  kv: Deno.Kv,
  weekStart: string,
  userId: string,
): Promise<void> {
  await kv.delete(sentKey(weekStart, userId));
}

/** Whether the week's email already went to `userId`. */
export async function weeklySummarySent(
  kv: Deno.Kv,
  weekStart: string,
  userId: string,
): Promise<boolean> {
  return (await kv.get(sentKey(weekStart, userId))).versionstamp !== null;
}

/**
 * What the statistics feature keeps in Deno KV: the money roll-up of each
 * closed day, and the weekly summary's opt-ins and "sent" markers. The other
 * figures are computed from the records on each request (see ./gather.ts:
 * they change after their day).
 *
 * The money roll-up is safe to keep because ledger entries are immutable
 * and each is filed under the instant it was posted (its ULID), so once a
 * UTC day has ended no entry can join it. A day counts as closed an hour
 * after its end, a margin for processes whose clocks disagree a little. The
 * roll-up is written the first time a closed day is read (and by the weekly
 * job), so each closed day's ledger is summed once.
 *
 * KV keys
 *   ["platform_stats_money_day", date]               → MoneyDayRollUp   the
 *                                         money of a closed UTC day, one row
 *                                         per currency that moved (date:
 *                                         "2026-12-01", so keys sort by day)
 *   ["platform_stats_summary_optin", userId]          → SummaryOptIn   an admin
 *                                         who wants the weekly summary email
 *   ["platform_stats_summary_sent", weekStart, userId] → ISO time   the week's
 *                                         email went to this admin (written
 *                                         with a check that it was absent, so
 *                                         of several runs only one sends;
 *                                         expires after 60 days)
 */
import { z } from "zod";
import { clockFor } from "@/services/platform/clock.ts";
import {
  type MoneyDay,
  moneyDaySchema,
  type SummaryOptIn,
  summaryOptInSchema,
} from "./model.ts";
import { addDays, DAY_MS } from "./period.ts";

const MONEY_DAY = "platform_stats_money_day";
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

/** How long after a day's end its ledger is taken as final. */
export const CLOSE_MARGIN_MS = 60 * 60_000;

const moneyRollUpSchema = z.object({
  date: z.string(),
  rows: z.array(moneyDaySchema),
  computedAt: z.iso.datetime(),
});

/** Whether the UTC `day` is closed at `nowMs` (its money can be kept). */
export function isClosedDay(day: string, nowMs: number): boolean {
  return Date.parse(`${day}T00:00:00Z`) + DAY_MS + CLOSE_MARGIN_MS <= nowMs;
}

/** The kept money of the days from `from` to `to` that have a roll-up. */
export async function readMoneyRollUps(
  kv: Deno.Kv,
  from: string,
  to: string,
): Promise<Map<string, MoneyDay[]>> {
  const days = new Map<string, MoneyDay[]>();
  for await (
    const entry of kv.list({
      start: [MONEY_DAY, from],
      end: [MONEY_DAY, addDays(to, 1)],
    })
  ) {
    // A record of another shape is ignored and summed again.
    const parsed = moneyRollUpSchema.safeParse(entry.value);
    if (parsed.success) days.set(parsed.data.date, parsed.data.rows);
  }
  return days;
}

/** Keeps a closed day's money (the caller checked `isClosedDay`). */
export async function writeMoneyRollUp(
  kv: Deno.Kv,
  date: string,
  rows: MoneyDay[],
): Promise<void> {
  await kv.set([MONEY_DAY, date], {
    date,
    rows,
    computedAt: clockFor(kv).now().toISOString(),
  });
}

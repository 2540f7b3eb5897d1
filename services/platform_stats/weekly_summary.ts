/**
 * The weekly summary email: every Monday, each admin who opted in gets last
 * week's (Monday to Sunday, UTC) headline figures, as text with the HTML
 * part the email provider makes from it. A cron queues `weeklySummaryJob`;
 * the job claims a per-week, per-admin "sent" marker before sending
 * (./store.ts), so re-runs, retries and several processes send each admin
 * one email a week. A run later in the week still sends last week's email
 * to whoever has not had it (catch-up after downtime).
 *
 * Links need the site's public address, which a background job cannot take
 * from a request: runtime.ts binds `statsLinksProvider` to PUBLIC_URL.
 */
import { z } from "zod";
import { getUser } from "@/services/auth/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { getEmailProvider } from "@/services/platform/email/mod.ts";
import { defineCron, defineJob, enqueue } from "@/services/platform/jobs.ts";
import { formatMoney } from "@/services/platform/money.ts";
import type { Currency } from "@/services/platform/money.ts";
import {
  defineProviderSlot,
  providerFor,
} from "@/services/platform/providers.ts";
import { platformStats } from "./gather.ts";
import type { PlatformStats } from "./model.ts";
import { addDays, dayOf } from "./period.ts";
import {
  claimWeeklySummary,
  listSummaryOptIns,
  releaseWeeklySummary,
  weeklySummarySent,
} from "./store.ts";

/** Where links in the summary point: the site's origin, or null. */
export interface StatsLinks {
  siteUrl: string | null;
}

export const statsLinksProvider = defineProviderSlot<StatsLinks>(
  "statsLinks",
  () => ({ siteUrl: null }),
);

/** Last full week before `today`: Monday to Sunday, UTC days. */
export function lastWeek(today: string): { from: string; to: string } {
  // getUTCDay: Sunday 0 … Saturday 6; days since this week's Monday.
  const sinceMonday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(today, -sinceMonday);
  return { from: addDays(monday, -7), to: addDays(monday, -1) };
}

const percent = (rate: number | null) =>
  rate === null ? "no sessions decided" : `${Math.round(rate * 100)}%`;

/** "1 learner", "3 learners". */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

const money = (amountMinor: number, currency: string) =>
  formatMoney({ amountMinor, currency: currency as Currency });

/** The email's subject and text for `stats`, linking to `statsUrl`. */
export function weeklySummaryEmail(
  stats: PlatformStats,
  statsUrl: string,
): { subject: string; text: string } {
  const { totals, active, rates } = stats;
  const signups = totals.signups.learner + totals.signups.expert +
    totals.signups.admin;
  const moneyLines = stats.money.totals.length === 0
    ? ["Money: no payments, commission or refunds."]
    : stats.money.totals.map((row) =>
      `Money (${row.currency}): ${money(row.moneyInMinor, row.currency)} in, ${
        money(row.commissionMinor, row.currency)
      } commission, ${money(row.refundsMinor, row.currency)} refunded.`
    );
  const top = stats.topExperts[0];
  return {
    subject:
      `TapTime week ${stats.from} to ${stats.to}: ${signups} sign-ups, ${totals.bookingsMade} bookings`,
    text: [
      `Here is how TapTime did from ${stats.from} to ${stats.to} (UTC).`,
      "",
      [
        `Sign-ups: ${signups} (${count(totals.signups.learner, "learner")}, ${
          count(totals.signups.expert, "expert")
        }).`,
        `Active: ${count(active.learners, "learner")} and ${
          count(active.experts, "expert")
        }.`,
        `Bookings made: ${totals.bookingsMade}. Sessions held or due: ${totals.sessionsStarted}.`,
        `Completion ${percent(rates.completion)}, cancellation ${
          percent(rates.cancellation)
        }, no-show ${percent(rates.noShow)}.`,
        ...moneyLines,
        top
          ? `Top expert: ${top.name} (${count(top.bookings, "booking")}).`
          : "No expert was booked.",
      ].join("\n"),
      "",
      "The full statistics and CSV reports:",
      "",
      statsUrl,
      "",
      "You get this because you turned on the weekly summary on the statistics page; turn it off there.",
      "",
      "— TapTime",
    ].join("\n"),
  };
}

/**
 * Sends last week's summary to each opted-in admin who has not had it;
 * returns how many were sent.
 */
export async function sendWeeklySummaries(kv: Deno.Kv): Promise<number> {
  const week = lastWeek(dayOf(clockFor(kv).now()));
  const recipients = [];
  for (const id of await listSummaryOptIns(kv)) {
    const user = await getUser(kv, id);
    if (
      user && user.role === "admin" && user.status === "active" &&
      !await weeklySummarySent(kv, week.from, user.id)
    ) recipients.push(user);
  }
  if (recipients.length === 0) return 0;
  const stats = await platformStats(kv, week);
  const { siteUrl } = providerFor(kv, statsLinksProvider);
  const path = `/admin/stats?from=${week.from}&to=${week.to}`;
  const email = weeklySummaryEmail(
    stats,
    siteUrl ? `${siteUrl.replace(/\/$/, "")}${path}` : `TapTime ${path}`,
  );
  let sent = 0;
  for (const admin of recipients) {
    if (!await claimWeeklySummary(kv, week.from, admin.id)) continue;
    try {
      await getEmailProvider(kv).send({ to: admin.email, ...email });
      sent++;
    } catch (error) {
      // Released so the next run tries again.
      await releaseWeeklySummary(kv, week.from, admin.id);
      console.error(
        `Could not email the weekly summary to ${admin.id}:`,
        error,
      );
    }
  }
  return sent;
}

export const weeklySummaryJob = defineJob({
  name: "platform_stats.weekly_summary",
  payload: z.object({}),
  handler: async (_payload, { kv }) => {
    await sendWeeklySummaries(kv);
  },
});

/**
 * Daily at 07:00 UTC: Monday's run sends the week's emails; the other days'
 * runs find them sent, or catch up after downtime.
 */
export const weeklySummaryCron = defineCron({
  name: "weekly platform summary",
  schedule: "0 7 * * *",
  run: async (kv) => {
    await enqueue(kv, weeklySummaryJob, {});
  },
});

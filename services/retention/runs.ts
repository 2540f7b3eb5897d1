/**
 * Running the retention policies and remembering each run.
 *
 * KV keys
 *   ["retention_last", policy]           → RetentionRun   the latest run
 *   ["retention_runs", policy, runId]    → RetentionRun   history (ULID ids,
 *                                                        kept a year)
 *   ["retention_claims", policy, day]    → runId          one run a day
 *
 * A daily cron queues one job that runs every policy. Several processes
 * may each queue it: each policy's run first claims its day (a check that
 * the claim key is empty), so only one of them purges and records. A run
 * that fails is recorded with its error and tried again the next day; the
 * purge's cutoff makes the next run catch up. With the `retentionJobs`
 * switch off nothing is deleted and the run is recorded as skipped.
 */
import { z } from "zod";
import { clockFor } from "@/services/platform/clock.ts";
import { defineCron, defineJob, enqueue } from "@/services/platform/jobs.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import { getSettings } from "@/services/settings/mod.ts";
import { RETENTION_POLICIES, type RetentionPolicy } from "./policies.ts";

const DAY_MS = 86_400_000;
const HISTORY_MS = 365 * DAY_MS;

/** What one policy's run did. */
export interface RetentionRun {
  id: string;
  policy: string;
  /** When it ran (ISO). */
  at: string;
  /** Records older than this were deleted (ISO). */
  cutoff: string;
  days: number;
  purged: number;
  /** Why it failed, or null. */
  error: string | null;
  /** True when the retention switch was off: nothing was deleted. */
  skipped: boolean;
}

const lastKey = (policy: string): Deno.KvKey => ["retention_last", policy];

/**
 * Runs each policy once for today (those another process already ran
 * today are left alone) and returns the runs made here.
 */
export async function runRetention(
  kv: Deno.Kv,
  policies: readonly RetentionPolicy[] = RETENTION_POLICIES,
): Promise<RetentionRun[]> {
  const settings = await getSettings(kv);
  const runs: RetentionRun[] = [];
  for (const policy of policies) {
    const now = clockFor(kv).now();
    const day = now.toISOString().slice(0, 10);
    const id = newId();
    const claimKey = ["retention_claims", policy.name, day];
    const claimed = await withLockRetry(() =>
      kv.atomic().check({ key: claimKey, versionstamp: null })
        .set(claimKey, id, { expireIn: 2 * DAY_MS }).commit()
    );
    if (!claimed.ok) continue;
    const days = settings[policy.setting];
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const run: RetentionRun = {
      id,
      policy: policy.name,
      at: now.toISOString(),
      cutoff: cutoff.toISOString(),
      days,
      purged: 0,
      error: null,
      skipped: !settings.retentionJobs,
    };
    if (settings.retentionJobs) {
      try {
        run.purged = await policy.purge(kv, cutoff);
      } catch (error) {
        run.error = error instanceof Error ? error.message : String(error);
        console.error(`Retention policy ${policy.name} failed:`, error);
      }
    }
    await withLockRetry(() =>
      kv.atomic()
        .set(lastKey(policy.name), run)
        .set(["retention_runs", policy.name, id], run, {
          expireIn: HISTORY_MS,
        })
        .commit()
    );
    runs.push(run);
  }
  return runs;
}

/** One line of the admin report: a policy, its period and its last run. */
export interface RetentionReportLine {
  name: string;
  label: string;
  setting: RetentionPolicy["setting"];
  days: number;
  lastRun: RetentionRun | null;
}

/** Every policy with its period in force and its latest run. */
export async function retentionReport(
  kv: Deno.Kv,
  policies: readonly RetentionPolicy[] = RETENTION_POLICIES,
): Promise<RetentionReportLine[]> {
  const settings = await getSettings(kv);
  const lines: RetentionReportLine[] = [];
  for (const policy of policies) {
    const last = await kv.get<RetentionRun>(lastKey(policy.name));
    lines.push({
      name: policy.name,
      label: policy.label,
      setting: policy.setting,
      days: settings[policy.setting],
      lastRun: last.value,
    });
  }
  return lines;
}

/** Runs every policy (the daily job; idempotent per day). */
export const retentionJob = defineJob({
  name: "retention.purge",
  payload: z.object({}),
  handler: async (_payload, { kv }) => {
    await runRetention(kv);
  },
});

/** Every night at 03:41 UTC, away from the hour marks other crons use. */
export const retentionCron = defineCron({
  name: "retention purge",
  schedule: "41 3 * * *",
  run: async (kv) => {
    await enqueue(kv, retentionJob, {});
  },
});

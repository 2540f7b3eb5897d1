/**
 * The background clean-up of uploads a crashed process left half-written:
 * an hourly cron queues the sweep job, which deletes the chunks of every
 * upload that started over an hour ago and never got its file record.
 * (With object storage configured there are no KV chunks and the sweep
 * finds nothing.)
 */
import { z } from "zod";
import { now } from "@/services/platform/clock.ts";
import { defineCron, defineJob, enqueue } from "@/services/platform/jobs.ts";
import { KvFileStore } from "./kv_store.ts";

/** How old an unfinished upload must be before it counts as abandoned. */
export const ABANDONED_UPLOAD_AGE_MS = 3_600_000;

/** Deletes abandoned uploads' chunks; returns how many uploads were cleared. */
export async function sweepAbandonedUploads(kv: Deno.Kv): Promise<number> {
  return await new KvFileStore(kv).sweepAbandonedUploads(
    new Date(now().getTime() - ABANDONED_UPLOAD_AGE_MS),
  );
}

/** Runs the sweep; idempotent (a second run finds nothing left). */
export const storageSweepJob = defineJob({
  name: "storage.sweep_abandoned_uploads",
  payload: z.object({}),
  retry: [60_000],
  async handler(_payload, { kv }) {
    await sweepAbandonedUploads(kv);
  },
});

/** Every hour: queue the sweep. */
export const storageSweepCron = defineCron({
  name: "storage sweep",
  schedule: "23 * * * *",
  run: async (kv) => {
    await enqueue(kv, storageSweepJob, {});
  },
});

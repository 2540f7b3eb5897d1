/**
 * Filling in the next free time of every listed expert that has none, at
 * once and in this process: for a database seeded by a script (the
 * benchmark's), where waiting for the cron to work through the backlog
 * would measure browse before its index exists. The running app never
 * needs this: its cron does the same in bounded batches.
 */
import {
  expertsWithoutNextFree,
  refreshNextFree,
} from "@/services/experts/mod.ts";
import { findNextFree } from "./find.ts";

/** Experts computed side by side. */
const CONCURRENCY = 8;

/** Computes and stores the missing next free times; returns how many. */
export async function fillMissingNextFree(kv: Deno.Kv): Promise<number> {
  const ids = await expertsWithoutNextFree(kv, Infinity);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      await refreshNextFree(kv, ids[next++], findNextFree);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return ids.length;
}

/**
 * The version of experts' next free times (services/experts
 * next_free_store.ts), apart from the public version (public_version.ts):
 * with thousands of experts some next free time changes every few seconds,
 * and only pages that filter or order by it (browse with `available=` or
 * `sort=soonest`) need rendering again. Same mechanism: an in-process
 * counter raised when a staged commit succeeds, plus the KV key re-read at
 * most once a second for other processes' writes.
 *
 * KV keys
 *   ["availability_meta", "version"] → Deno.KvU64   summed by every
 *       next-free-time write that changes what a page can show
 */
import { DataVersion } from "./public_version.ts";

export const AVAILABILITY_VERSION_KEY = [
  "availability_meta",
  "version",
] as const;

const AVAILABILITY = new DataVersion(AVAILABILITY_VERSION_KEY);

/** Adds the availability bump to a writer's atomic operation. */
export function stageAvailabilityChange(
  op: Deno.AtomicOperation,
): Deno.AtomicOperation {
  return AVAILABILITY.stage(op);
}

/** Bumps the availability version in a commit of its own. */
export async function bumpAvailabilityVersion(kv: Deno.Kv): Promise<void> {
  await AVAILABILITY.bump(kv);
}

/** The current availability version as seen by this process. */
export function availabilityVersion(kv: Deno.Kv): Promise<string> {
  return AVAILABILITY.read(kv);
}

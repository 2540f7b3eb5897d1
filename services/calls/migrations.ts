/**
 * Start-up clean-up of calls data (main.ts runs it with the other
 * migrations). The calls feature once wrote its own note of each finished
 * LiveKit egress under `["call_recording", bookingId, egressId]`, beside
 * the recording the recordings feature keeps; nothing reads those notes
 * any more, and they named files after the recording itself was purged or
 * its owner erased, so they go. A second run finds nothing.
 */
import type { MigrationResult } from "@/services/platform/startup.ts";
import { withLockRetry } from "@/services/platform/kv.ts";

const RETIRED_NOTE_PREFIX = ["call_recording"];

/** Deletes every retired `call_recording` note; the number deleted. */
export async function dropCallRecordingNotes(
  kv: Deno.Kv,
): Promise<MigrationResult> {
  let migrated = 0;
  for await (const entry of kv.list({ prefix: RETIRED_NOTE_PREFIX })) {
    await withLockRetry(() => kv.delete(entry.key));
    migrated++;
  }
  return { migrated, unresolved: [] };
}

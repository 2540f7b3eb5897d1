/**
 * Deleting audit (security) events older than `auditRetentionDays`.
 *
 * services/platform/audit.ts keys each event by a ULID under
 * ["security_events", id] (time order) and indexes its id under
 * ["security_events_by_type", type, id], and when set
 * ["security_events_by_user", userId, id] and
 * ["security_events_by_actor", actorId, id]. An event's index entries are
 * deleted in the same commit as the event, so no index points at nothing.
 */
import type { SecurityEvent } from "@/services/platform/audit.ts";
import { purgeUlidKeysBefore } from "@/services/content/mod.ts";

const EVENTS = "security_events";

/** Deletes audit events recorded before `cutoff`; returns how many. */
export function purgeAuditEventsBefore(
  kv: Deno.Kv,
  cutoff: Date,
): Promise<number> {
  return purgeUlidKeysBefore<SecurityEvent>(
    kv,
    [EVENTS],
    cutoff,
    (op, { value: event }) => {
      op.delete([`${EVENTS}_by_type`, event.type, event.id]);
      if (event.userId) {
        op.delete([`${EVENTS}_by_user`, event.userId, event.id]);
      }
      if (event.actorId) {
        op.delete([`${EVENTS}_by_actor`, event.actorId, event.id]);
      }
    },
  );
}

/**
 * Audit events that no state change carries (a failed login, a reset
 * request): written in an atomic operation of their own. Events that record
 * a change go into that change's atomic with `addSecurityEvent` instead.
 */
import { withLockRetry } from "@/services/platform/kv.ts";
import {
  addSecurityEvent,
  type NewSecurityEvent,
} from "@/services/platform/audit.ts";
import type { RequestMeta } from "./model.ts";

/** Appends `event` to the audit log. */
export async function recordEvent(
  kv: Deno.Kv,
  event: NewSecurityEvent,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<void> {
  await withLockRetry(() => {
    const op = kv.atomic();
    addSecurityEvent(op, event, meta);
    return op.commit();
  });
}

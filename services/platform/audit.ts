/**
 * The audit log of security events.
 *
 * KV keys
 *   ["security_events", id]                       → SecurityEvent (id: ULID,
 *                                                   so key order is time order)
 *   ["security_events_by_user", userId, id]       → id   whose account
 *   ["security_events_by_actor", actorId, id]     → id   who did it
 *   ["security_events_by_type", type, id]         → id
 *
 * Events are added to the same atomic operation as the state change they
 * describe (`addSecurityEvent`), so the log never claims a change that did not
 * happen nor misses one that did. Listing picks the narrowest index for the
 * filters given and checks the remaining filters on each event.
 */
import { z } from "zod";
import { newId } from "./kv.ts";
import { parseInput } from "./errors.ts";
import { now } from "./clock.ts";
import { listNewestFirst } from "./paging.ts";

/**
 * Who is asking, passed to every flow for the audit log and new sessions.
 * `baseUrl` (e.g. `https://taptime.example`, no trailing slash) is the origin
 * that links in emails point to: the HTTP layer passes PUBLIC_URL when set,
 * else the request's origin.
 */
export interface RequestMeta {
  ip: string;
  userAgent: string;
  baseUrl: string;
}

/** Every kind of entry in the audit log (accounts, and expert review decisions). */
export const SECURITY_EVENT_TYPES = [
  "login_succeeded",
  "login_failed",
  "logout",
  "signup",
  "password_changed",
  "password_reset_requested",
  "password_reset",
  "email_changed",
  "email_verified",
  "phone_added",
  "phone_verified",
  "phone_removed",
  "two_factor_enabled",
  "two_factor_disabled",
  "recovery_code_used",
  "account_locked",
  "user_suspended",
  "user_reactivated",
  "role_changed",
  "session_revoked",
  "expert_application_approved",
  "expert_application_rejected",
  "expert_application_changes_requested",
  "expert_unpublished",
  "expert_republished",
  "settings_changed",
  "blog_post_created",
  "blog_post_changed",
  "blog_post_deleted",
  "blog_image_uploaded",
  "faq_entry_created",
  "faq_entry_changed",
  "faq_entry_deleted",
  "faq_reordered",
  "credit_packs_changed",
  "top_up_limit_exceeded",
  "payment_disputed",
  "payout_account_changed",
  "withdrawal_requested",
  "withdrawal_approved",
  "withdrawal_rejected",
  "withdrawal_failed",
  "booking_dispute_resolved",
  "review_hidden",
  "review_restored",
  "message_hidden",
  "message_reports_dismissed",
  "identity_linked",
  "identity_unlinked",
  "data_export_requested",
  "account_deletion_requested",
  "account_deletion_cancelled",
  "account_erased",
  "category_created",
  "category_changed",
  "category_retired",
  "category_restored",
  "categories_reordered",
] as const;

export type SecurityEventType = typeof SECURITY_EVENT_TYPES[number];

/** One entry of the audit log. */
export interface SecurityEvent {
  id: string;
  type: SecurityEventType;
  at: string;
  /** Who did it; null for the anonymous (a failed login) and the system. */
  actorId: string | null;
  /** Whose account it concerns; null when no account matched. */
  userId: string | null;
  ip: string;
  userAgent: string;
  details: Record<string, string>;
}

const EVENTS = "security_events";

/** The fields a flow supplies; id and time are filled in. */
export interface NewSecurityEvent {
  type: SecurityEventType;
  actorId: string | null;
  userId: string | null;
  details?: Record<string, string>;
}

/**
 * Adds the event's record and index entries to `op` (four mutations at most)
 * and returns the event, so it is written only if `op` commits.
 */
export function addSecurityEvent(
  op: Deno.AtomicOperation,
  event: NewSecurityEvent,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): SecurityEvent {
  const record: SecurityEvent = {
    id: newId(),
    type: event.type,
    at: now().toISOString(),
    actorId: event.actorId,
    userId: event.userId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    details: event.details ?? {},
  };
  op.set([EVENTS, record.id], record)
    .set([`${EVENTS}_by_type`, record.type, record.id], record.id);
  if (record.userId) {
    op.set([`${EVENTS}_by_user`, record.userId, record.id], record.id);
  }
  if (record.actorId) {
    op.set([`${EVENTS}_by_actor`, record.actorId, record.id], record.id);
  }
  return record;
}

const listEventsSchema = z.object({
  userId: z.string().min(1).max(100).optional(),
  actorId: z.string().min(1).max(100).optional(),
  type: z.enum(SECURITY_EVENT_TYPES).optional(),
  cursor: z.string().max(1000).optional(),
  limit: z.number().int().min(1).max(100).optional(),
});

/**
 * Security events, newest first, filtered by account (`userId`), actor and
 * type in any combination; `cursor` continues from a previous page.
 */
export async function listSecurityEvents(
  kv: Deno.Kv,
  filters: {
    userId?: string;
    type?: SecurityEventType;
    actorId?: string;
    cursor?: string;
    limit?: number;
  } = {},
): Promise<{ events: SecurityEvent[]; nextCursor: string | null }> {
  const { userId, actorId, type, cursor, limit } = parseInput(
    listEventsSchema,
    filters,
    "The audit log filters are invalid.",
  );
  const prefix: Deno.KvKey = userId
    ? [`${EVENTS}_by_user`, userId]
    : actorId
    ? [`${EVENTS}_by_actor`, actorId]
    : type
    ? [`${EVENTS}_by_type`, type]
    : [EVENTS];
  const matches = (event: SecurityEvent) =>
    (!userId || event.userId === userId) &&
    (!actorId || event.actorId === actorId) &&
    (!type || event.type === type);
  const page = await listNewestFirst<SecurityEvent | string, SecurityEvent>(
    kv,
    prefix,
    { cursor, limit },
    async (entry) => {
      const event = typeof entry.value === "string"
        ? (await kv.get<SecurityEvent>([EVENTS, entry.value])).value
        : entry.value;
      return event && matches(event) ? event : null;
    },
  );
  return { events: page.items, nextCursor: page.nextCursor };
}

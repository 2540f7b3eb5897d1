/**
 * Where notifications live in Deno KV, and the writes that keep the unread
 * count exact.
 *
 * KV keys
 *   ["notifications", userId, id]          → Notification   id is a ULID, so a
 *                                            user's list is newest first in
 *                                            reverse key order
 *   ["notifications_unread", userId, id]   → true   one per unread notification
 *   ["notification_unread_count", userId]  → number   how many of those there are
 *   ["notification_group", userId, group]  → id   the group's latest notification
 *   ["notification_expiry", expiresAtMs, userId, id] → true   what to remove when
 *   ["notification_prefs", userId]         → StoredPreferences (preferences.ts)
 *   ["notification_digest", userId]        → DigestMarker    (digest.ts)
 *   ["notification_digest_sent", userId, markerId] → ISO time (digest.ts)
 *
 * The count changes only in the same atomic commit as the records it counts,
 * with a check on its versionstamp (so concurrent writers retry rather than
 * lose an update), and that commit also stages the user's live event with the
 * new count (services/platform/events.ts).
 *
 * Kept 90 days: the cleanup (cleanup.ts) removes a notification when its
 * time is up, fixing the count in the same commit; the records also carry
 * `expireIn` a week past that, so KV drops anything the cleanup never reached.
 */
import { clockFor } from "@/services/platform/clock.ts";
import { stageEvents } from "@/services/platform/events.ts";
import { getManyInBatches, newId } from "@/services/platform/kv.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  type NewNotification,
  newNotificationSchema,
  type Notification,
  NOTIFICATION_RETENTION_MS,
  type NotificationView,
} from "./model.ts";

/** KV's own expiry, a safety net past the cleanup's 90 days. */
export const RECORD_TTL_MS = NOTIFICATION_RETENTION_MS + 7 * 24 * 3_600_000;

export const notificationKey = (userId: string, id: string): Deno.KvKey => [
  "notifications",
  userId,
  id,
];
export const unreadIndexKey = (userId: string, id: string): Deno.KvKey => [
  "notifications_unread",
  userId,
  id,
];
export const countKey = (userId: string): Deno.KvKey => [
  "notification_unread_count",
  userId,
];
const groupKey = (userId: string, group: string): Deno.KvKey => [
  "notification_group",
  userId,
  group,
];
/** The id of the latest notification of `group`, if any. */
export async function groupNotificationId(
  kv: Deno.Kv,
  userId: string,
  group: string,
): Promise<string | null> {
  return (await kv.get<string>(groupKey(userId, group))).value;
}

export const EXPIRY = "notification_expiry";
const expiryKey = (notification: Notification): Deno.KvKey => [
  EXPIRY,
  expiresAtMs(notification),
  notification.userId,
  notification.id,
];

/** When `notification` is removed. */
export function expiresAtMs(notification: Notification): number {
  return Date.parse(notification.createdAt) + NOTIFICATION_RETENTION_MS;
}

/** A notification as its user sees it. */
export function toView(notification: Notification): NotificationView {
  return {
    id: notification.id,
    type: notification.type,
    title: notification.title,
    body: notification.body,
    link: notification.link,
    createdAt: notification.createdAt,
    readAt: notification.readAt,
  };
}

/** The user's unread count as stored. */
export async function readCount(kv: Deno.Kv, userId: string): Promise<number> {
  return (await kv.get<number>(countKey(userId))).value ?? 0;
}

/** Deletes `notification` and its index entries in `op`. */
function stageRemoval(op: Deno.AtomicOperation, notification: Notification) {
  op.delete(notificationKey(notification.userId, notification.id))
    .delete(unreadIndexKey(notification.userId, notification.id))
    .delete(expiryKey(notification));
}

/**
 * Stores a notification for `userId` and publishes it (`notification`,
 * with the new unread count) in one commit. A notification of a group whose
 * previous one is still unread replaces it, so the count does not grow.
 */
export async function createNotification(
  kv: Deno.Kv,
  userId: string,
  input: NewNotification,
): Promise<{ notification: Notification; unread: number }> {
  const parsed = newNotificationSchema.parse(input);
  return await untilCommitted(async () => {
    const at = clockFor(kv).now();
    const notification: Notification = {
      id: newId(),
      userId,
      type: parsed.type,
      title: parsed.title,
      body: parsed.body,
      link: parsed.link,
      group: parsed.group ?? null,
      createdAt: at.toISOString(),
      readAt: null,
    };
    const count = await kv.get<number>(countKey(userId));
    const op = kv.atomic().check(count);
    let unread = (count.value ?? 0) + 1;
    if (parsed.group) {
      const group = await kv.get<string>(groupKey(userId, parsed.group));
      op.check(group).set(groupKey(userId, parsed.group), notification.id, {
        expireIn: RECORD_TTL_MS,
      });
      const previous = group.value
        ? await kv.get<Notification>(notificationKey(userId, group.value))
        : null;
      if (previous?.value && previous.value.readAt === null) {
        op.check(previous);
        stageRemoval(op, previous.value);
        unread -= 1;
      }
    }
    const ttl = { expireIn: RECORD_TTL_MS };
    op.set(notificationKey(userId, notification.id), notification, ttl)
      .set(unreadIndexKey(userId, notification.id), true, ttl)
      .set(expiryKey(notification), true, ttl)
      .set(countKey(userId), unread);
    await stageEvents(kv, op, userId, [{
      type: "notification",
      data: { notification: toView(notification), unread },
    }]);
    return (await op.commit()).ok ? { notification, unread } : RETRY;
  }, { attempts: 20 });
}

/**
 * Marks the user's notifications `ids` read (ids that are not theirs, or
 * already read, are skipped) and publishes `notification.read` with the new
 * count. At most MAX_READ_IDS ids (the caller checks). Returns the count
 * and how many changed.
 */
export async function markIdsRead(
  kv: Deno.Kv,
  userId: string,
  ids: readonly string[],
): Promise<{ unread: number; changed: string[] }> {
  const unique = [...new Set(ids)];
  return await untilCommitted(async () => {
    const [count, ...entries] = await getManyInBatches<Notification | number>(
      kv,
      [
        countKey(userId),
        ...unique.map((id) => notificationKey(userId, id)),
      ],
    ) as [Deno.KvEntryMaybe<number>, ...Deno.KvEntryMaybe<Notification>[]];
    const unreadOnes = entries.filter((entry) =>
      entry.value !== null && entry.value.readAt === null
    ) as Deno.KvEntry<Notification>[];
    const current = count.value ?? 0;
    if (unreadOnes.length === 0) return { unread: current, changed: [] };
    const readAt = clockFor(kv).now().toISOString();
    const op = kv.atomic().check(count);
    for (const entry of unreadOnes) {
      op.check(entry)
        .set(entry.key, { ...entry.value, readAt }, {
          expireIn: Math.max(1, expiresAtMs(entry.value) - Date.parse(readAt)) +
            (RECORD_TTL_MS - NOTIFICATION_RETENTION_MS),
        })
        .delete(unreadIndexKey(userId, entry.value.id));
    }
    const unread = Math.max(0, current - unreadOnes.length);
    const changed = unreadOnes.map((entry) => entry.value.id);
    op.set(countKey(userId), unread);
    await stageEvents(kv, op, userId, [{
      type: "notification.read",
      data: { ids: changed, unread },
    }]);
    return (await op.commit()).ok ? { unread, changed } : RETRY;
  }, { attempts: 20 });
}

/** Up to `limit` ids of the user's unread notifications, oldest first. */
export async function unreadIds(
  kv: Deno.Kv,
  userId: string,
  limit: number,
): Promise<string[]> {
  const ids: string[] = [];
  for await (
    const entry of kv.list({ prefix: ["notifications_unread", userId] }, {
      limit,
    })
  ) ids.push(entry.key[2] as string);
  return ids;
}

/**
 * Removes the user's notifications whose 90 days are up (oldest first, at
 * most `limit`), each with the count fixed in the same commit. Returns how
 * many went.
 */
export async function removeExpired(
  kv: Deno.Kv,
  userId: string,
  limit = 50,
): Promise<number> {
  const nowMs = clockFor(kv).now().getTime();
  // Oldest first, and mostly nothing is due: look at one record before
  // reading a batch of them.
  const oldest = await kv.list<Notification>({
    prefix: ["notifications", userId],
  }, { limit: 1 }).next();
  if (oldest.done || expiresAtMs(oldest.value.value) > nowMs) return 0;
  let removed = 0;
  for await (
    const listed of kv.list<Notification>({
      prefix: ["notifications", userId],
    }, { limit })
  ) {
    if (expiresAtMs(listed.value) > nowMs) break;
    const gone = await untilCommitted(async () => {
      const [count, entry] = await kv.getMany<[number, Notification]>([
        countKey(userId),
        listed.key,
      ]);
      if (!entry.value) return false;
      const op = kv.atomic().check(count, entry);
      stageRemoval(op, entry.value);
      if (entry.value.readAt === null) {
        op.set(countKey(userId), Math.max(0, (count.value ?? 0) - 1));
      }
      return (await op.commit()).ok ? true : RETRY;
    });
    if (gone) removed++;
  }
  return removed;
}

/**
 * Sets the user's count to what the unread index holds: after KV itself
 * expired records the cleanup never reached, nothing else knows how many
 * of them were unread.
 */
export async function recount(kv: Deno.Kv, userId: string): Promise<number> {
  return await untilCommitted(async () => {
    const count = await kv.get<number>(countKey(userId));
    let unread = 0;
    for await (
      const _ of kv.list({ prefix: ["notifications_unread", userId] })
    ) unread++;
    if (count.value === unread) return unread;
    const ok = (await kv.atomic().check(count).set(countKey(userId), unread)
      .commit()).ok;
    return ok ? unread : RETRY;
  });
}

/** The users with notifications due for removal by now (up to `limit` entries looked at). */
export async function usersWithExpired(
  kv: Deno.Kv,
  limit: number,
): Promise<{ users: string[]; stale: Deno.KvKey[] }> {
  const nowMs = clockFor(kv).now().getTime();
  const users = new Set<string>();
  const stale: Deno.KvKey[] = [];
  for await (
    const entry of kv.list({
      start: [EXPIRY],
      end: [EXPIRY, nowMs + 1],
    }, { limit })
  ) {
    const [, , userId, id] = entry.key as [string, number, string, string];
    users.add(userId);
    // An index entry whose record is gone (KV expired it) is only tidied.
    if ((await kv.get(notificationKey(userId, id))).versionstamp === null) {
      stale.push(entry.key);
    }
  }
  return { users: [...users], stale };
}

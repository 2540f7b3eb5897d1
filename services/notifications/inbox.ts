/**
 * A user's notifications as they read them: the list (newest first, a page
 * at a time), the unread count, and marking read (some, or all).
 */
import { parseInput } from "@/services/platform/errors.ts";
import { listNewestFirst, type Page } from "@/services/platform/paging.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { latestEventKey } from "@/services/platform/events.ts";
import type { CompanionRead } from "@/services/platform/companion_read.ts";
import {
  type MarkReadInput,
  markReadInputSchema,
  MAX_READ_IDS,
  type Notification,
  type NotificationView,
} from "./model.ts";
import {
  countKey,
  expiresAtMs,
  markIdsRead,
  readCount,
  removeExpired,
  toView,
  unreadIds,
} from "./store.ts";

/** One page of the user's notifications, newest first. */
export async function listNotifications(
  kv: Deno.Kv,
  userId: string,
  options: { cursor?: string; limit?: number } = {},
): Promise<Page<NotificationView>> {
  await removeExpired(kv, userId);
  return await listCurrent(kv, userId, options);
}

/**
 * The notifications page: one page of the list and the unread count, after
 * one look for expired notifications. A cursor that no longer works starts
 * again from the newest. `bell` is the count this request already read
 * (the header's): it stands unless the look removed something.
 */
export async function notificationInbox(
  kv: Deno.Kv,
  userId: string,
  options: { cursor?: string; limit?: number } = {},
  bell?: NotificationBellState,
): Promise<{ page: Page<NotificationView>; unread: number }> {
  const removed = await removeExpired(kv, userId);
  const page = await listCurrent(kv, userId, options).catch(() =>
    listCurrent(kv, userId, { ...options, cursor: undefined })
  );
  const unread = bell && removed === 0
    ? bell.unread
    : await readCount(kv, userId);
  return { page, unread };
}

function listCurrent(
  kv: Deno.Kv,
  userId: string,
  options: { cursor?: string; limit?: number },
): Promise<Page<NotificationView>> {
  const nowMs = clockFor(kv).now().getTime();
  return listNewestFirst<Notification, NotificationView>(
    kv,
    ["notifications", userId],
    options,
    // One whose time is up but the cleanup has not reached yet is not shown.
    (entry) => expiresAtMs(entry.value) > nowMs ? toView(entry.value) : null,
  );
}

/** How many of the user's notifications are unread. */
export async function unreadNotificationCount(
  kv: Deno.Kv,
  userId: string,
): Promise<number> {
  await removeExpired(kv, userId);
  return await readCount(kv, userId);
}

/** The unread count and the latest event number the bell starts from. */
export interface NotificationBellState {
  unread: number;
  liveSeq: number;
}

/**
 * What the header's bell starts from: the unread count and the user's
 * latest event number, read in one snapshot so an event after it, replayed
 * from `liveSeq`, only ever brings the count up to date. Every signed-in
 * page asks, so the look for expired notifications runs at most every few
 * minutes per user and process (the list page and the API always look).
 * The look happens here; the counters are keys another read carries (the
 * page's account read, in one snapshot with it).
 */
export async function notificationBellRead(
  kv: Deno.Kv,
  userId: string,
): Promise<CompanionRead<NotificationBellState>> {
  await removeExpiredNowAndThen(kv, userId);
  return {
    keys: [latestEventKey(userId), countKey(userId)],
    from: ([latest, count]) => ({
      unread: (count.value as number | null) ?? 0,
      liveSeq: (latest.value as number | null) ?? 0,
    }),
  };
}

/** How long a look for expired notifications holds, per user and process. */
const EXPIRY_LOOK_MS = 5 * 60 * 1000;
/** Users remembered per database before the memory starts over. */
const EXPIRY_LOOK_USERS = 10_000;
const lastExpiryLook = new WeakMap<Deno.Kv, Map<string, number>>();

async function removeExpiredNowAndThen(
  kv: Deno.Kv,
  userId: string,
): Promise<void> {
  // The app's clock, so tests that move time also move this memory.
  const nowMs = clockFor(kv).now().getTime();
  let looked = lastExpiryLook.get(kv);
  if (!looked) lastExpiryLook.set(kv, looked = new Map());
  const at = looked.get(userId);
  if (at !== undefined && at <= nowMs && nowMs - at < EXPIRY_LOOK_MS) return;
  await removeExpired(kv, userId);
  if (looked.size >= EXPIRY_LOOK_USERS) looked.clear();
  looked.set(userId, nowMs);
}

/** Most batches "mark all read" goes through (MAX_READ_IDS each). */
const MAX_BATCHES = 200;

/**
 * Marks the user's notifications read: `{ ids }` (not theirs or already
 * read: skipped) or `{ all: true }`. Returns the unread count after.
 */
export async function markNotificationsRead(
  kv: Deno.Kv,
  userId: string,
  input: MarkReadInput,
): Promise<{ unread: number }> {
  const parsed = parseInput(markReadInputSchema, input);
  if ("ids" in parsed) {
    return { unread: (await markIdsRead(kv, userId, parsed.ids)).unread };
  }
  let unread = await readCount(kv, userId);
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const ids = await unreadIds(kv, userId, MAX_READ_IDS);
    if (ids.length === 0) break;
    unread = (await markIdsRead(kv, userId, ids)).unread;
  }
  return { unread };
}

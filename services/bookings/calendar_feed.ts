/**
 * A private calendar feed per person: a secret address
 * (`/calendar/<token>.ics`) that calendar apps subscribe to, listing the
 * person's sessions, as learner and as expert, from a month ago on.
 * Cancelled sessions drop out (a subscribed calendar removes what the feed
 * no longer lists); everything else that did or will take place stays.
 *
 * The address is the only credential, so only its SHA-256 is stored: the
 * token is shown once, when made, and a leaked copy of the database cannot
 * read anyone's calendar. Making a new address revokes the old one; revoking
 * leaves none. A suspended account's feed answers nothing.
 *
 * KV keys
 *   ["calendar_feeds", userId]              → FeedRecord   the person's live feed
 *   ["calendar_feed_tokens", tokenHash]     → userId       looks a request up
 */
import { getUser } from "@/services/auth/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  isTokenShaped,
  randomToken,
  sha256Hex,
} from "@/services/platform/crypto.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import type { Booking } from "./model.ts";
import { bookingFeed, type BookingPeople } from "./ical.ts";
import { getBookings } from "./store.ts";

/** A person's live feed. */
export interface FeedRecord {
  tokenHash: string;
  createdAt: string;
}

/** What the person sees of their feed (never the token after it was made). */
export interface CalendarFeedStatus {
  active: boolean;
  createdAt: string | null;
}

const feedKey = (userId: string): Deno.KvKey => ["calendar_feeds", userId];
const tokenKey = (hash: string): Deno.KvKey => ["calendar_feed_tokens", hash];

/** How far back the feed lists sessions. */
export const FEED_HISTORY_DAYS = 30;
/** The most sessions a feed lists per side (learner, expert). */
export const FEED_MAX_PER_SIDE = 500;

/** Whether `userId` has a live feed, and since when. */
export async function getCalendarFeedStatus(
  kv: Deno.Kv,
  userId: string,
): Promise<CalendarFeedStatus> {
  const record = (await kv.get<FeedRecord>(feedKey(userId))).value;
  return { active: record !== null, createdAt: record?.createdAt ?? null };
}

/**
 * Makes a new feed address for `userId`, revoking any earlier one in the
 * same commit. Returns the token: the only time it is readable.
 */
export async function createCalendarFeed(
  kv: Deno.Kv,
  userId: string,
): Promise<{ token: string; createdAt: string }> {
  const token = randomToken();
  const tokenHash = await sha256Hex(token);
  const createdAt = clockFor(kv).now().toISOString();
  await untilCommitted(async () => {
    const current = await kv.get<FeedRecord>(feedKey(userId));
    const op = kv.atomic().check(current)
      .set(feedKey(userId), { tokenHash, createdAt } satisfies FeedRecord)
      .set(tokenKey(tokenHash), userId);
    if (current.value) op.delete(tokenKey(current.value.tokenHash));
    return (await op.commit()).ok ? true : RETRY;
  });
  return { token, createdAt };
}

/** Revokes `userId`'s feed address; true when there was one. */
export async function revokeCalendarFeed(
  kv: Deno.Kv,
  userId: string,
): Promise<boolean> {
  return await untilCommitted(async () => {
    const current = await kv.get<FeedRecord>(feedKey(userId));
    if (!current.value) return false;
    const { ok } = await kv.atomic().check(current)
      .delete(feedKey(userId))
      .delete(tokenKey(current.value.tokenHash))
      .commit();
    return ok ? true : RETRY;
  });
}

/** The feed's owner, or null for an unknown, revoked or malformed token. */
async function ownerOf(kv: Deno.Kv, token: string): Promise<string | null> {
  if (!isTokenShaped(token)) return null;
  return (await kv.get<string>(tokenKey(await sha256Hex(token)))).value;
}

async function sessionsOf(kv: Deno.Kv, userId: string): Promise<Booking[]> {
  const fromMs = clockFor(kv).now().getTime() -
    FEED_HISTORY_DAYS * 86_400_000;
  const ids = new Set<string>();
  for (const index of ["bookings_by_learner", "bookings_by_expert"]) {
    for await (
      const entry of kv.list<string>({
        prefix: [index, userId],
        start: [index, userId, fromMs],
      }, { limit: FEED_MAX_PER_SIDE })
    ) ids.add(entry.value);
  }
  const bookings = await getBookings(kv, [...ids]);
  return bookings
    .filter((booking) => booking.status !== "cancelled")
    .sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * The calendar for `token`, or null when it names no live feed. `baseUrl`
 * (the site's origin) links each event to its booking page.
 */
export async function calendarFeedFor(
  kv: Deno.Kv,
  token: string,
  options: { baseUrl?: string } = {},
): Promise<string | null> {
  const userId = await ownerOf(kv, token);
  if (!userId) return null;
  const owner = await getUser(kv, userId);
  if (!owner || owner.status !== "active") return null;
  const bookings = await sessionsOf(kv, userId);
  const others = new Map<string, { name: string; email: string } | null>();
  for (const booking of bookings) {
    for (const id of [booking.learnerId, booking.expertId]) {
      if (id === userId || others.has(id)) continue;
      const user = await getUser(kv, id);
      others.set(id, user ? { name: user.name, email: user.email } : null);
    }
  }
  const me = { name: owner.name, email: owner.email };
  const peopleOf = (booking: Booking): BookingPeople | null => {
    const learner = booking.learnerId === userId
      ? me
      : others.get(booking.learnerId);
    const expert = booking.expertId === userId
      ? me
      : others.get(booking.expertId);
    return learner && expert ? { learner, expert } : null;
  };
  return bookingFeed(bookings, {
    calName: "TapTime sessions",
    people: peopleOf,
    urlOf: options.baseUrl
      ? (booking) => `${options.baseUrl}/bookings/${booking.id}`
      : undefined,
  });
}

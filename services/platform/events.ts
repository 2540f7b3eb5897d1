/**
 * Live events: what a feature tells one user as it happens (a new message,
 * someone typing, a read receipt). Services write events here; `realtime/`
 * delivers them over each user's event stream (GET /api/live). Services never
 * import `realtime/`, so this small module, written to KV, is the whole
 * contract between the two.
 *
 * KV keys
 *   ["live_seq", userId]            → number   the user's latest event number
 *                                    (no expiry: numbers never restart)
 *   ["live_events", userId, seq]    → LiveEvent   expires after 7 days (or
 *                                    the event's shorter `ttlMs`)
 *   ["live_ephemeral", userId]      → EphemeralEvent   the latest one only,
 *                                    expires after 30 seconds
 *
 * Why a per-user counter rather than time-sorted ids: a client resumes with
 * the last id it saw, so ids must follow commit order exactly. Two processes
 * making ULIDs in the same millisecond could commit them in the other order
 * and a resumed stream would skip one. Each write checks the counter's
 * versionstamp, so numbers are gap-free and ordered by commit, and the
 * counter key is what a delivering process watches (or polls) to learn that
 * a user has something new.
 *
 * Ephemeral events (typing) are not numbered or kept: only the user's latest
 * one sits under its own key for a few seconds, for the streams open now to
 * pick up; a stream that was closed meanwhile never replays them.
 */
import { z } from "zod";
import { now } from "./clock.ts";
import { withLockRetry } from "./kv.ts";
import { RETRY, untilCommitted } from "./retry.ts";

export const LIVE_SEQ = "live_seq";
export const LIVE_EVENTS = "live_events";
export const LIVE_EPHEMERAL = "live_ephemeral";

/** How long stored events can be replayed with Last-Event-ID. */
export const EVENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** How long an ephemeral event (typing) lives: only for streams open now. */
export const EPHEMERAL_EVENT_MS = 30 * 1000;

/** An event's type: lower-case words joined by dots, e.g. `message.created`. */
export const eventTypeSchema = z.string().regex(/^[a-z][a-z_]*(\.[a-z_]+)*$/)
  .max(64);

/** What a feature publishes. `data` must be JSON (it is sent as is). */
export interface NewLiveEvent {
  type: string;
  data: unknown;
  /** Typing and the like: delivered to open streams, gone within seconds. */
  ephemeral?: boolean;
  /**
   * How long the event is kept, when shorter than usual (a call's signals
   * are worth something for moments): replaces EVENT_RETENTION_MS, or
   * EPHEMERAL_EVENT_MS for an ephemeral event, and may not exceed it.
   */
  ttlMs?: number;
}

/** How long `event` is kept: its own `ttlMs`, else the default for its kind. */
function retentionOf(event: NewLiveEvent): number {
  const longest = event.ephemeral ? EPHEMERAL_EVENT_MS : EVENT_RETENTION_MS;
  if (event.ttlMs === undefined) return longest;
  if (
    !Number.isInteger(event.ttlMs) || event.ttlMs < 1 || event.ttlMs > longest
  ) {
    throw new RangeError(
      `An event's ttlMs must be a whole number of milliseconds from 1 to ${longest}.`,
    );
  }
  return event.ttlMs;
}

/** The latest ephemeral event of a user; `id` tells one from the next. */
export interface EphemeralEvent {
  id: string;
  type: string;
  data: unknown;
  at: string;
  expiresAt: string;
}

/** A stored event. */
export interface LiveEvent {
  /** The user's event number, 1, 2, 3, … in commit order (the SSE `id`). */
  seq: number;
  type: string;
  data: unknown;
  at: string;
  expiresAt: string;
}

/** The key whose change means "this user has a new event". */
export function latestEventKey(userId: string): Deno.KvKey {
  return [LIVE_SEQ, userId];
}

/** The key of the user's latest ephemeral event. */
export function ephemeralEventKey(userId: string): Deno.KvKey {
  return [LIVE_EPHEMERAL, userId];
}

/**
 * Adds `events` (none of them ephemeral) for `userId` to `op`, numbered after the user's counter as
 * read now, with a check on that counter: if another event for the same
 * user commits first, `op` fails its check and the caller retries (with
 * `untilCommitted`). Call it once per user per operation.
 */
export async function stageEvents(
  kv: Deno.Kv,
  op: Deno.AtomicOperation,
  userId: string,
  events: readonly NewLiveEvent[],
): Promise<LiveEvent[]> {
  const counter = await kv.get<number>(latestEventKey(userId));
  let seq = counter.value ?? 0;
  const at = now();
  const staged: LiveEvent[] = [];
  for (const event of events) {
    eventTypeSchema.parse(event.type);
    if (event.ephemeral) {
      throw new Error("Ephemeral events are published on their own.");
    }
    const ttl = retentionOf(event);
    const stored: LiveEvent = {
      seq: ++seq,
      type: event.type,
      data: event.data,
      at: at.toISOString(),
      expiresAt: new Date(at.getTime() + ttl).toISOString(),
    };
    op.set([LIVE_EVENTS, userId, stored.seq], stored, { expireIn: ttl });
    staged.push(stored);
  }
  op.check(counter).set(latestEventKey(userId), seq);
  return staged;
}

/**
 * Persists one event for `userId` on its own (retrying on a concurrent
 * one); an ephemeral event replaces the user's previous one and is not
 * numbered (null).
 */
export async function publishEvent(
  kv: Deno.Kv,
  userId: string,
  event: NewLiveEvent,
): Promise<LiveEvent | null> {
  eventTypeSchema.parse(event.type);
  if (event.ephemeral) {
    const at = now();
    const ttl = retentionOf(event);
    const stored: EphemeralEvent = {
      id: crypto.randomUUID(),
      type: event.type,
      data: event.data,
      at: at.toISOString(),
      expiresAt: new Date(at.getTime() + ttl).toISOString(),
    };
    await withLockRetry(() =>
      kv.set(ephemeralEventKey(userId), stored, { expireIn: ttl })
    );
    return null;
  }
  return await untilCommitted(async () => {
    const op = kv.atomic();
    const [stored] = await stageEvents(kv, op, userId, [event]);
    return (await op.commit()).ok ? stored : RETRY;
  }, { attempts: 20 });
}

/** The user's latest event number (0 when none was ever published). */
export async function latestEventSeq(
  kv: Deno.Kv,
  userId: string,
): Promise<number> {
  return (await kv.get<number>(latestEventKey(userId))).value ?? 0;
}

/**
 * Up to `limit` events of `userId` numbered after `afterSeq`, oldest first.
 * `gap` is true when the next one is gone (expired after the retention
 * period): the reader missed events and must resynchronise. (With no events
 * listed, the reader compares `afterSeq` with `latestEventSeq`.)
 */
export async function readEventsAfter(
  kv: Deno.Kv,
  userId: string,
  afterSeq: number,
  limit: number,
): Promise<{ events: LiveEvent[]; gap: boolean }> {
  const events: LiveEvent[] = [];
  const nowIso = now().toISOString();
  let gap = false;
  for await (
    const entry of kv.list<LiveEvent>({
      start: [LIVE_EVENTS, userId, afterSeq + 1],
      end: [LIVE_EVENTS, userId, Number.MAX_SAFE_INTEGER],
    }, { limit, batchSize: limit })
  ) {
    // KV expiry is lazy: an expired event may still be listed.
    if (entry.value.expiresAt <= nowIso) {
      gap = true;
      continue;
    }
    if (events.length === 0 && entry.value.seq !== afterSeq + 1) gap = true;
    events.push(entry.value);
  }
  return { events, gap };
}

/** The user's latest ephemeral event, if one is still live. */
export async function readEphemeralEvent(
  kv: Deno.Kv,
  userId: string,
): Promise<EphemeralEvent | null> {
  const { value } = await kv.get<EphemeralEvent>(ephemeralEventKey(userId));
  return value && value.expiresAt > now().toISOString() ? value : null;
}

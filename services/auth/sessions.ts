/**
 * Sessions: who a browser (or API client) is signed in as.
 *
 * KV keys
 *   ["sessions", tokenHash]                  → SessionRecord
 *   ["sessions_by_user", userId, sessionId]  → tokenHash
 *
 * The client holds a 256-bit random token; KV only ever sees its SHA-256, so
 * a leaked database gives no usable sessions. `sessionId` is a separate public
 * id (ULID) for listings and "sign out that device". Both keys carry
 * `expireIn` so dead sessions disappear on their own, but every read checks
 * the times in code too (KV expiry is lazy, and tests move the clock).
 *
 * Rules: idle timeout 7 days, absolute 30 days, lastSeenAt written at most
 * once a minute. A pending session (password right, second factor still to
 * come) lives 5 minutes and is good only for completing the login.
 */
import { newId } from "@/services/platform/kv.ts";
import { isIdShaped } from "@/services/platform/model.ts";
import { now } from "@/services/platform/clock.ts";
import {
  isTokenShaped,
  randomToken,
  sha256Hex,
} from "@/services/platform/crypto.ts";
import type { RequestMeta, SessionInfo } from "./model.ts";

export const SESSIONS = "sessions";
export const SESSIONS_BY_USER = "sessions_by_user";

export const SESSION_ABSOLUTE_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
export const PENDING_SESSION_MS = 5 * 60 * 1000;
const LAST_SEEN_RESOLUTION_MS = 60 * 1000;
/** Sessions deleted per atomic operation (two mutations each). */
export const SESSION_DELETE_BATCH = 300;

export interface SessionRecord {
  id: string;
  tokenHash: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string;
  userAgent: string;
  twoFactorPending: boolean;
}

/** Token hashes remembered, most recently used last. */
const tokenHashes = new Map<string, string>();
/** How many token hashes are remembered: the live sessions of a busy minute. */
export const TOKEN_HASH_CACHE_SIZE = 1_000;

/**
 * The SHA-256 of a session token, remembered for the next request of the
 * same browser. The memory already holds the token itself while a request
 * runs, so keeping its hash beside it protects nothing less; the cache is
 * small and least recently used out first.
 */
export async function sessionTokenHash(token: string): Promise<string> {
  const known = tokenHashes.get(token);
  if (known !== undefined) {
    // Re-inserting moves it to the recent end of the map's order.
    tokenHashes.delete(token);
    tokenHashes.set(token, known);
    return known;
  }
  const hash = await sha256Hex(token);
  rememberTokenHash(token, hash);
  return hash;
}

function rememberTokenHash(token: string, hash: string): void {
  tokenHashes.delete(token);
  tokenHashes.set(token, hash);
  if (tokenHashes.size > TOKEN_HASH_CACHE_SIZE) {
    tokenHashes.delete(tokenHashes.keys().next().value!);
  }
}

/**
 * A new session token: the user's id, a dot, and 32 random bytes. The id
 * lets a request read the session and its account in one KV read; it
 * proves nothing, because the session is found by the hash of the whole
 * token, so a changed id finds no session.
 */
export function newSessionToken(userId: string): string {
  return `${userId}.${randomToken()}`;
}

/** A session token's shape: a new one (`newSessionToken`) or an id-less older one. */
export function isSessionTokenShaped(token: unknown): token is string {
  if (typeof token !== "string") return false;
  // The random part has no dot: the last one ends the id.
  const dot = token.lastIndexOf(".");
  if (dot === -1) return isTokenShaped(token);
  return isIdShaped(token.slice(0, dot)) && isTokenShaped(token.slice(dot + 1));
}

/** The user a session token names, or null for an older token without one. */
export function sessionTokenUser(token: string): string | null {
  const dot = token.lastIndexOf(".");
  return dot === -1 ? null : token.slice(0, dot);
}

/** The KV key of the session a token names. */
export async function sessionKeyForToken(token: string): Promise<Deno.KvKey> {
  return [SESSIONS, await sessionTokenHash(token)];
}

/** When the session stops working: the earlier of idle and absolute expiry. */
export function sessionDeadline(session: SessionRecord): number {
  return Math.min(
    Date.parse(session.expiresAt),
    Date.parse(session.lastSeenAt) +
      (session.twoFactorPending ? PENDING_SESSION_MS : SESSION_IDLE_MS),
  );
}

/** True while `session` is within both its idle and absolute limits. */
export function isSessionLive(session: SessionRecord, at = now()): boolean {
  return at.getTime() < sessionDeadline(session);
}

function expireIn(session: SessionRecord): number {
  return Math.max(1000, sessionDeadline(session) - now().getTime());
}

/**
 * Adds a new session for `userId` to `op` and returns its token (to give the
 * client) and record. `expiresAt` defaults to 30 days (5 minutes if pending).
 */
export async function addNewSession(
  op: Deno.AtomicOperation,
  userId: string,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
  opts: { twoFactorPending?: boolean; expiresAt?: string } = {},
): Promise<{ token: string; session: SessionRecord }> {
  const token = newSessionToken(userId);
  const at = now();
  const pending = opts.twoFactorPending ?? false;
  const session: SessionRecord = {
    id: newId(),
    tokenHash: await sessionTokenHash(token),
    userId,
    createdAt: at.toISOString(),
    lastSeenAt: at.toISOString(),
    expiresAt: opts.expiresAt ?? new Date(
      at.getTime() + (pending ? PENDING_SESSION_MS : SESSION_ABSOLUTE_MS),
    ).toISOString(),
    ip: meta.ip.slice(0, 100),
    userAgent: meta.userAgent.slice(0, 500),
    twoFactorPending: pending,
  };
  writeSession(op, session);
  return { token, session };
}

/** Adds the session's record and index entry to `op`. */
export function writeSession(
  op: Deno.AtomicOperation,
  session: SessionRecord,
): void {
  const options = { expireIn: expireIn(session) };
  op.set([SESSIONS, session.tokenHash], session, options)
    .set(
      [SESSIONS_BY_USER, session.userId, session.id],
      session.tokenHash,
      options,
    );
}

/** Adds the deletion of `session` (record and index) to `op`. */
export function deleteSession(
  op: Deno.AtomicOperation,
  session: Pick<SessionRecord, "tokenHash" | "userId" | "id">,
): void {
  op.delete([SESSIONS, session.tokenHash])
    .delete([SESSIONS_BY_USER, session.userId, session.id]);
}

/**
 * The stored session a token names, with its versionstamp; null for a
 * malformed or unknown token. Expiry is NOT checked here.
 */
export async function readSessionEntry(
  kv: Deno.Kv,
  token: string | null | undefined,
): Promise<Deno.KvEntry<SessionRecord> | null> {
  if (!isSessionTokenShaped(token)) return null;
  const entry = await kv.get<SessionRecord>(await sessionKeyForToken(token));
  return entry.versionstamp === null
    ? null
    : entry as Deno.KvEntry<SessionRecord>;
}

/** A current, full (not pending) session of `userId` for `token`, or null. */
export async function readOwnLiveSession(
  kv: Deno.Kv,
  userId: string,
  token: string | null | undefined,
): Promise<Deno.KvEntry<SessionRecord> | null> {
  const entry = await readSessionEntry(kv, token);
  if (
    !entry || entry.value.userId !== userId || entry.value.twoFactorPending ||
    !isSessionLive(entry.value)
  ) return null;
  return entry;
}

/**
 * Adds to `op` the end of `session` and a replacement with a new token that
 * keeps the original absolute expiry; returns the new token. The caller
 * checks the session's entry in the same `op`.
 */
export async function addSessionRotation(
  op: Deno.AtomicOperation,
  session: SessionRecord,
  meta: Pick<RequestMeta, "ip" | "userAgent">,
): Promise<string> {
  deleteSession(op, session);
  const { token } = await addNewSession(op, session.userId, meta, {
    expiresAt: session.expiresAt,
  });
  return token;
}

/** What names a session for listing and deleting it. */
export interface SessionRef {
  id: string;
  tokenHash: string;
  userId: string;
}

/** The session refs (public id + token hash) of every session of a user. */
export async function listSessionRefs(
  kv: Deno.Kv,
  userId: string,
): Promise<SessionRef[]> {
  const refs = [];
  for await (
    const entry of kv.list<string>({ prefix: [SESSIONS_BY_USER, userId] })
  ) {
    refs.push({ id: String(entry.key[2]), tokenHash: entry.value, userId });
  }
  return refs;
}

/**
 * The sessions of `userId` other than the live one `token` names (if any),
 * and that one: a change of credentials ends the others and keeps (rotates)
 * the current one.
 */
export async function listOtherSessionRefs(
  kv: Deno.Kv,
  userId: string,
  token: string | null | undefined,
): Promise<{
  current: Deno.KvEntry<SessionRecord> | null;
  others: SessionRef[];
}> {
  const current = await readOwnLiveSession(kv, userId, token);
  const others = (await listSessionRefs(kv, userId)).filter((ref) =>
    ref.id !== current?.value.id
  );
  return { current, others };
}

/**
 * Adds to `op` the end of as many of `refs` as one atomic operation holds,
 * so they end with the change `op` makes; returns the rest, for
 * {@linkcode deleteSessionRefs} once `op` has committed.
 */
export function stageSessionEnds(
  op: Deno.AtomicOperation,
  refs: SessionRef[],
): SessionRef[] {
  for (const ref of refs.slice(0, SESSION_DELETE_BATCH)) {
    deleteSession(op, ref);
  }
  return refs.slice(SESSION_DELETE_BATCH);
}

/** Deletes sessions in batches that fit in one atomic operation each. */
export async function deleteSessionRefs(
  kv: Deno.Kv,
  refs: SessionRef[],
): Promise<void> {
  let rest = refs;
  while (rest.length > 0) {
    const op = kv.atomic();
    rest = stageSessionEnds(op, rest);
    await op.commit();
  }
}

/**
 * Writes a new lastSeenAt when the stored one is more than a minute old,
 * extending the KV expiry with it. A lost race is harmless and ignored.
 */
export async function touchSession(
  kv: Deno.Kv,
  entry: Deno.KvEntry<SessionRecord>,
): Promise<SessionRecord> {
  const session = entry.value;
  const at = now();
  if (at.getTime() - Date.parse(session.lastSeenAt) < LAST_SEEN_RESOLUTION_MS) {
    return session;
  }
  const touched = { ...session, lastSeenAt: at.toISOString() };
  const op = kv.atomic().check(entry);
  writeSession(op, touched);
  await op.commit();
  return touched;
}

/** A short description of a user agent, e.g. "Firefox on Windows". */
export function describeDevice(userAgent: string): string {
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /OPR\/|Opera/.test(userAgent)
    ? "Opera"
    : /Firefox\//.test(userAgent)
    ? "Firefox"
    : /Chrom(e|ium)\//.test(userAgent)
    ? "Chrome"
    : /Safari\//.test(userAgent)
    ? "Safari"
    : null;
  const os = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad|iPod/.test(userAgent)
    ? "iOS"
    : /Windows/.test(userAgent)
    ? "Windows"
    : /Mac OS X|Macintosh/.test(userAgent)
    ? "macOS"
    : /CrOS/.test(userAgent)
    ? "ChromeOS"
    : /Linux/.test(userAgent)
    ? "Linux"
    : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? "Unknown device";
}

/** The shape of a session that may be shown to its owner. */
export function toSessionInfo(
  session: SessionRecord,
  current?: boolean,
): SessionInfo {
  const info: SessionInfo = {
    id: session.id,
    userId: session.userId,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    expiresAt: session.expiresAt,
    ip: session.ip,
    userAgent: session.userAgent,
    device: describeDevice(session.userAgent),
    twoFactorPending: session.twoFactorPending,
  };
  if (current !== undefined) info.current = current;
  return info;
}

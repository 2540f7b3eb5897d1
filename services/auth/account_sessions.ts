/**
 * Using and managing sessions once signed in: recognising a session token
 * on each request, signing out, rotating a token at a privilege change, and
 * the "where you're signed in" list with its per-device sign-out. The
 * session store and its rules (idle and absolute expiry) are in sessions.ts.
 */
import { NotFoundError } from "@/services/platform/errors.ts";
import { withLockRetry } from "@/services/platform/kv.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { sha256Hex } from "@/services/platform/crypto.ts";
import { isIdShaped } from "@/services/platform/model.ts";
import { SessionExpiredError } from "./errors.ts";
import type { PublicUser, RequestMeta, SessionInfo } from "./model.ts";
import {
  addSessionRotation,
  deleteSession,
  isSessionLive,
  isSessionTokenShaped,
  listSessionRefs,
  readSessionEntry,
  sessionKeyForToken,
  type SessionRecord,
  SESSIONS,
  SESSIONS_BY_USER,
  sessionTokenUser,
  toSessionInfo,
  touchSession,
} from "./sessions.ts";
import { toPublicUser, userKey, type UserRecord } from "./users.ts";
import type { CompanionRead } from "@/services/platform/companion_read.ts";

/** Ends the session of `sessionToken` (pending or full); unknown is a no-op. */
export async function logout(
  kv: Deno.Kv,
  sessionToken: string,
  meta: RequestMeta,
): Promise<void> {
  const entry = await readSessionEntry(kv, sessionToken);
  if (!entry) return;
  const op = kv.atomic();
  deleteSession(op, entry.value);
  if (!entry.value.twoFactorPending) {
    addSecurityEvent(op, {
      type: "logout",
      actorId: entry.value.userId,
      userId: entry.value.userId,
    }, meta);
  }
  await withLockRetry(() => op.commit());
}

/**
 * The signed-in user and session for a session token, or null: unknown,
 * expired (7 days idle, 30 days absolute), pending a second factor, or the
 * user is suspended or gone. Refreshes lastSeenAt at most once a minute.
 *
 * `along` names what else the caller needs of the user (a page's header):
 * its keys are read with the account, in the same `getMany`, and its result
 * comes back as `along`. A token that names its user (`newSessionToken`)
 * has its session read in that `getMany` too: one KV read in all.
 */
export async function authenticate<T = undefined>(
  kv: Deno.Kv,
  sessionToken: string | null | undefined,
  along?: (userId: string) => Promise<CompanionRead<T>>,
): Promise<{ user: PublicUser; session: SessionInfo; along?: T } | null> {
  if (!isSessionTokenShaped(sessionToken)) return null;
  // An older token names no user: its session is read first, to learn whose.
  const named = sessionTokenUser(sessionToken);
  const older = named === null
    ? await readSessionEntry(kv, sessionToken)
    : null;
  const userId = named ?? older?.value.userId;
  if (userId === undefined) return null;
  // Nothing read for the named user is used unless the session is theirs.
  const companion = along ? await along(userId) : undefined;
  const keys = [userKey(userId), ...(companion?.keys ?? [])];
  let entry = older;
  let entries: Deno.KvEntryMaybe<unknown>[];
  if (older) {
    entries = await kv.getMany(keys);
  } else {
    const [sessionEntry, ...rest] = await kv.getMany([
      await sessionKeyForToken(sessionToken),
      ...keys,
    ]);
    if (sessionEntry.versionstamp !== null) {
      entry = sessionEntry as Deno.KvEntry<SessionRecord>;
    }
    entries = rest;
  }
  if (!entry || entry.value.userId !== userId) return null;
  if (entry.value.twoFactorPending) return null;
  if (!isSessionLive(entry.value)) {
    const op = kv.atomic().check(entry);
    deleteSession(op, entry.value);
    await op.commit();
    return null;
  }
  const [userEntry, ...alongEntries] = entries;
  const user = userEntry.value as UserRecord | null;
  if (!user || user.status !== "active") return null;
  const session = await touchSession(kv, entry);
  return {
    user: toPublicUser(user),
    session: toSessionInfo(session, true),
    along: companion?.from(alongEntries),
  };
}

/**
 * Gives the session a new token (and public id), keeping its user and
 * absolute expiry, and returns the new token: call it at any privilege
 * change. SessionExpiredError when the session is not a live, full one.
 */
export async function rotateSession(
  kv: Deno.Kv,
  sessionToken: string,
  meta: RequestMeta,
): Promise<string> {
  const entry = await readSessionEntry(kv, sessionToken);
  if (!entry || entry.value.twoFactorPending || !isSessionLive(entry.value)) {
    throw new SessionExpiredError();
  }
  const op = kv.atomic().check(entry);
  const token = await addSessionRotation(op, entry.value, meta);
  if (!(await withLockRetry(() => op.commit())).ok) {
    throw new SessionExpiredError();
  }
  return token;
}

/**
 * The user's live sessions (pending logins left out), most recently used
 * first; the one for `currentSessionToken` is marked `current`.
 */
export async function listSessions(
  kv: Deno.Kv,
  userId: string,
  currentSessionToken?: string | null,
): Promise<SessionInfo[]> {
  const currentHash = currentSessionToken
    ? await sha256Hex(currentSessionToken)
    : null;
  const refs = await listSessionRefs(kv, userId);
  const sessions: SessionInfo[] = [];
  // getMany reads at most 10 keys at a time.
  for (let start = 0; start < refs.length; start += 10) {
    const entries = await kv.getMany<SessionRecord[]>(
      refs.slice(start, start + 10).map((ref) => [SESSIONS, ref.tokenHash]),
    );
    for (const { value } of entries) {
      if (value && !value.twoFactorPending && isSessionLive(value)) {
        sessions.push(toSessionInfo(value, value.tokenHash === currentHash));
      }
    }
  }
  return sessions.sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
}

/**
 * Ends one of the user's own sessions by its public id. NotFoundError when
 * the user has no session with that id (including other users' sessions).
 */
export async function revokeSession(
  kv: Deno.Kv,
  userId: string,
  sessionId: string,
  meta: RequestMeta,
): Promise<void> {
  // An id from a URL too long to be a KV key names no session.
  const ref = isIdShaped(sessionId)
    ? await kv.get<string>([SESSIONS_BY_USER, userId, sessionId])
    : null;
  if (!ref?.value) throw new NotFoundError("No such session.");
  const op = kv.atomic();
  deleteSession(op, { id: sessionId, userId, tokenHash: ref.value });
  addSecurityEvent(op, {
    type: "session_revoked",
    actorId: userId,
    userId,
    details: { sessionId },
  }, meta);
  await withLockRetry(() => op.commit());
}

/**
 * User accounts.
 *
 * KV keys
 *   ["users", userId]               → UserRecord (userId: ULID, so key order
 *                                     is sign-up order)
 *   ["users_by_email", email]       → userId   unique; email normalised (trimmed,
 *                                     lower-case); created with a
 *                                     `versionstamp: null` check in the same
 *                                     atomic as the record, so two sign-ups
 *                                     with one email cannot both succeed
 *   ["users_by_role", role, userId] → userId
 *
 * The record holds the password hash and the TOTP secret; only `PublicUser`
 * (toPublicUser) leaves services/auth. Listing with a text query scans the
 * users (or one role's index) and filters in code: fine for thousands of
 * accounts; a search index would be the next step beyond that.
 */
import { z } from "zod";
import { NotFoundError, parseInput } from "@/services/platform/errors.ts";
import { getManyInBatches } from "@/services/platform/kv.ts";
import { listNewestFirst } from "@/services/platform/paging.ts";
import type { RetryOptions } from "@/services/platform/retry.ts";
import {
  cursorSchema,
  pageLimitSchema,
  roleSchema,
} from "@/services/platform/model.ts";
import {
  type PublicUser,
  type Role,
  type UserStatus,
  userStatusSchema,
} from "./model.ts";

export const USERS = "users";
export const USERS_BY_EMAIL = "users_by_email";
export const USERS_BY_ROLE = "users_by_role";

/** Where a user's record lives. */
export const userKey = (id: string): Deno.KvKey => [USERS, id];

/** How flows retry a read-check-write of an account (`untilCommitted`). */
export const ACCOUNT_RETRY: RetryOptions = {
  conflictMessage: "The account changed at the same time; try again.",
};

/** The stored account, secrets included. Never return it from a flow. */
export interface UserRecord {
  id: string;
  email: string;
  name: string;
  role: Role;
  timeZone: string;
  emailVerified: boolean;
  status: UserStatus;
  createdAt: string;
  updatedAt: string;
  passwordHash: string;
  /**
   * An address the owner asked to move to, not yet confirmed: `email` stays
   * in use (sign-in, reset links) until the link sent here is opened.
   */
  pendingEmail?: string | null;
  /** Base32 TOTP secret; null while two-factor auth is off. */
  totpSecret: string | null;
}

/** Normalises an email the way the index does (trim, lower-case). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The part of a user record that may be shown. */
export function toPublicUser(user: UserRecord): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    timeZone: user.timeZone,
    emailVerified: user.emailVerified,
    twoFactorEnabled: user.totpSecret !== null,
    status: user.status,
    createdAt: user.createdAt,
    ...(user.pendingEmail ? { pendingEmail: user.pendingEmail } : {}),
  };
}

/** The stored record with its versionstamp, for read-check-write updates. */
export function readUserEntry(
  kv: Deno.Kv,
  id: string,
): Promise<Deno.KvEntryMaybe<UserRecord>> {
  // Ids arrive from forms and URLs; one too long for a KV key names nobody.
  if (id.length > MAX_USER_ID_LENGTH) {
    return Promise.resolve({
      key: [USERS, id],
      value: null,
      versionstamp: null,
    });
  }
  return kv.get<UserRecord>(userKey(id));
}

/**
 * The accounts of `ids` that exist, by id, read together (a list showing
 * many people's names reads them in one go, not one by one).
 */
export async function getUsers(
  kv: Deno.Kv,
  ids: Iterable<string>,
): Promise<Map<string, PublicUser>> {
  const wanted = [...new Set(ids)].filter((id) =>
    typeof id === "string" && id !== "" && id.length <= MAX_USER_ID_LENGTH
  );
  const entries = await getManyInBatches<UserRecord>(kv, wanted.map(userKey));
  const found = new Map<string, PublicUser>();
  entries.forEach((entry, i) => {
    if (entry.value) found.set(wanted[i], toPublicUser(entry.value));
  });
  return found;
}

/** The stored record with its versionstamp; NotFoundError when there is none. */
export async function requireUserEntry(
  kv: Deno.Kv,
  userId: string,
): Promise<Deno.KvEntry<UserRecord>> {
  const entry = await readUserEntry(kv, userId);
  if (entry.versionstamp === null) throw new NotFoundError("No such user.");
  return entry as Deno.KvEntry<UserRecord>;
}

/**
 * Adds the record and both its index entries to `op`. A caller that changes
 * the email or role deletes the old index entry itself.
 */
export function addUserWrites(
  op: Deno.AtomicOperation,
  user: UserRecord,
): void {
  op.set(userKey(user.id), user)
    .set([USERS_BY_EMAIL, user.email], user.id)
    .set([USERS_BY_ROLE, user.role, user.id], user.id);
}

/** Far above a ULID's 26 characters, far below KV's 2 KiB key limit. */
const MAX_USER_ID_LENGTH = 128;

/** The stored record for a (not yet normalised) email, or null. */
export async function findUserRecordByEmail(
  kv: Deno.Kv,
  email: string,
): Promise<UserRecord | null> {
  const index = await kv.get<string>([USERS_BY_EMAIL, normalizeEmail(email)]);
  if (!index.value) return null;
  return (await kv.get<UserRecord>(userKey(index.value))).value;
}

/** A user by id, or null. */
export async function getUser(
  kv: Deno.Kv,
  id: string,
): Promise<PublicUser | null> {
  if (typeof id !== "string" || id === "") return null;
  const user = (await readUserEntry(kv, id)).value;
  return user ? toPublicUser(user) : null;
}

/** A user by email (any case, surrounding spaces ignored), or null. */
export async function getUserByEmail(
  kv: Deno.Kv,
  email: string,
): Promise<PublicUser | null> {
  const user = await findUserRecordByEmail(kv, email);
  return user ? toPublicUser(user) : null;
}

/** The filters of `listUsers` (the admin's user list). */
export const listUsersInputSchema = z.object({
  q: z.string().trim().max(200).optional().describe(
    "Part of the name or email, any case.",
  ),
  role: roleSchema.optional(),
  status: userStatusSchema.optional(),
  cursor: cursorSchema.optional(),
  limit: pageLimitSchema.optional(),
});

/**
 * Users, newest first. `q` matches a substring of the name or email (any
 * case); `role` and `status` filter exactly; `cursor` continues a listing.
 */
export async function listUsers(
  kv: Deno.Kv,
  opts: {
    q?: string;
    role?: Role;
    status?: UserStatus;
    cursor?: string;
    limit?: number;
  } = {},
): Promise<{ users: PublicUser[]; nextCursor: string | null }> {
  const { q, role, status, cursor, limit } = parseInput(
    listUsersInputSchema,
    opts,
    "The user filters are invalid.",
  );
  const needle = q?.toLowerCase() || undefined;
  const matches = (user: UserRecord) =>
    (!role || user.role === role) &&
    (!status || user.status === status) &&
    (!needle || user.name.toLowerCase().includes(needle) ||
      user.email.includes(needle));
  const prefix = role ? [USERS_BY_ROLE, role] : [USERS];
  const page = await listNewestFirst<UserRecord | string, PublicUser>(
    kv,
    prefix,
    { cursor, limit },
    async (entry) => {
      const user = typeof entry.value === "string"
        ? (await readUserEntry(kv, entry.value)).value
        : entry.value;
      return user && matches(user) ? toPublicUser(user) : null;
    },
  );
  return { users: page.items, nextCursor: page.nextCursor };
}

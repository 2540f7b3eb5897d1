/**
 * What admins do to other accounts: suspend, reactivate, and move a person
 * between learner and expert. Only an active admin with two-factor auth on
 * may act, never on their own account; each change ends the affected
 * sessions and writes its audit event in the same atomic operation.
 */
import { z } from "zod";
import { ConflictError, parseInput } from "@/services/platform/errors.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import { SIGNUP_ROLES } from "@/services/platform/model.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { deliver } from "./emails.ts";
import { ForbiddenError, TwoFactorRequiredError } from "./errors.ts";
import type { PublicUser, RequestMeta, UserStatus } from "./model.ts";
import {
  deleteSessionRefs,
  listSessionRefs,
  stageSessionEnds,
} from "./sessions.ts";
import {
  ACCOUNT_RETRY,
  readUserEntry,
  requireUserEntry,
  toPublicUser,
  USERS,
  USERS_BY_ROLE,
} from "./users.ts";

/** The role an admin may give: learner or expert, never admin. */
export const changeRoleInputSchema = z.object({
  role: z.enum(
    SIGNUP_ROLES,
    "Choose learner or expert; admins come only from ADMIN_EMAIL.",
  ).describe(
    "The new role. Admins come only from the ADMIN_EMAIL bootstrap, so admin is refused.",
  ),
});
export type ChangeRoleInput = z.input<typeof changeRoleInputSchema>;

/**
 * Throws unless `actorId` is an active admin with two-factor auth on:
 * ForbiddenError for anyone else, TwoFactorRequiredError for an admin
 * without it. The HTTP layer checks the same; this keeps the flows safe on
 * their own.
 */
export async function assertAdminActor(
  kv: Deno.Kv,
  actorId: string,
): Promise<void> {
  const actor = (await readUserEntry(kv, actorId)).value;
  if (!actor || actor.role !== "admin" || actor.status !== "active") {
    throw new ForbiddenError();
  }
  if (!actor.totpSecret) throw new TwoFactorRequiredError();
}

async function setStatus(
  kv: Deno.Kv,
  actorId: string,
  userId: string,
  status: UserStatus,
  meta: RequestMeta,
  reason?: string,
): Promise<PublicUser> {
  await assertAdminActor(kv, actorId);
  if (actorId === userId) {
    throw new ConflictError(
      "You cannot change the status of your own account.",
    );
  }
  const { user, leftover, changed } = await untilCommitted(async () => {
    const entry = await requireUserEntry(kv, userId);
    if (entry.value.status === status) {
      return { user: entry.value, leftover: [], changed: false };
    }
    const updated = { ...entry.value, status, updatedAt: now().toISOString() };
    const op = kv.atomic().check(entry).set([USERS, userId], updated);
    const leftover = stageSessionEnds(
      op,
      status === "suspended" ? await listSessionRefs(kv, userId) : [],
    );
    addSecurityEvent(op, {
      type: status === "suspended" ? "user_suspended" : "user_reactivated",
      actorId,
      userId,
      details: reason ? { reason } : {},
    }, meta);
    return (await op.commit()).ok
      ? { user: updated, leftover, changed: true }
      : RETRY;
  }, ACCOUNT_RETRY);
  // Any sessions past the first batch: authenticate already refuses them.
  await deleteSessionRefs(kv, leftover);
  if (changed && status === "suspended" && reason) {
    await deliver(kv, {
      to: user.email,
      subject: "Your TapTime account was suspended",
      text:
        `Hi ${user.name},\n\nAn admin suspended your TapTime account, so you can't sign in for now. The reason given:\n\n${reason}\n\nReply to this email if you think this is a mistake.\n\n— TapTime`,
    });
  }
  return toPublicUser(user);
}

/** A suspension's reason, as admins give it: 1–1000 characters of text. */
export const suspensionReasonSchema = z.string().trim().min(
  1,
  "Say why the account is suspended; the person is told.",
).max(1000, "Keep the reason under 1000 characters.");

/**
 * Suspends an account (admin with 2FA only): its sessions end in the same
 * write, logins fail with AccountSuspendedError. Idempotent. A `reason`
 * (checked by suspensionReasonSchema: ValidationError when blank or too
 * long) is recorded in the audit event and emailed to the person.
 */
export function suspendUser(
  kv: Deno.Kv,
  actorId: string,
  userId: string,
  meta: RequestMeta,
  reason?: string,
): Promise<PublicUser> {
  const checked = reason === undefined ? undefined : parseInput(
    suspensionReasonSchema,
    reason,
    "The reason is invalid.",
  );
  return setStatus(kv, actorId, userId, "suspended", meta, checked);
}

/** Reactivates a suspended account (admin with 2FA only). Idempotent. */
export function reactivateUser(
  kv: Deno.Kv,
  actorId: string,
  userId: string,
  meta: RequestMeta,
): Promise<PublicUser> {
  return setStatus(kv, actorId, userId, "active", meta);
}

/**
 * Moves a learner to expert or an expert to learner (admin with 2FA only).
 * Admin accounts come only from the ADMIN_EMAIL bootstrap, so a role of
 * `admin` is a ValidationError and an admin target (the actor included) a
 * ConflictError. A role change is a privilege change: in the same write as
 * the record and its role index, every session of the user ends and a
 * `role_changed` event records `{ from, to }`. Idempotent: the same role
 * again changes nothing and logs nothing.
 */
export async function changeUserRole(
  kv: Deno.Kv,
  actorId: string,
  userId: string,
  role: ChangeRoleInput["role"],
  meta: RequestMeta,
): Promise<PublicUser> {
  await assertAdminActor(kv, actorId);
  const { role: to } = parseInput(
    changeRoleInputSchema,
    { role },
    "The role is invalid.",
  );
  if (actorId === userId) {
    throw new ConflictError("You cannot change the role of your own account.");
  }
  const { user, leftover } = await untilCommitted(async () => {
    const entry = await requireUserEntry(kv, userId);
    const from = entry.value.role;
    if (from === "admin") {
      throw new ConflictError(
        "Admin accounts keep their role; admins come only from ADMIN_EMAIL.",
      );
    }
    if (from === to) return { user: entry.value, leftover: [] };
    const updated = {
      ...entry.value,
      role: to,
      updatedAt: now().toISOString(),
    };
    const op = kv.atomic().check(entry).set([USERS, userId], updated)
      .delete([USERS_BY_ROLE, from, userId])
      .set([USERS_BY_ROLE, to, userId], userId);
    const leftover = stageSessionEnds(op, await listSessionRefs(kv, userId));
    addSecurityEvent(op, {
      type: "role_changed",
      actorId,
      userId,
      details: { from, to },
    }, meta);
    return (await op.commit()).ok ? { user: updated, leftover } : RETRY;
  }, ACCOUNT_RETRY);
  // Sessions past the first batch end just after; until then they already
  // act with the new role, which authenticate reads afresh on every request.
  await deleteSessionRefs(kv, leftover);
  return toPublicUser(user);
}

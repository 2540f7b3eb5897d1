import { expect } from "expect";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { authenticate } from "./account_sessions.ts";
import { changeUserRole, reactivateUser, suspendUser } from "./admin_users.ts";
import { ensureAdmin } from "./bootstrap.ts";
import {
  AccountSuspendedError,
  ForbiddenError,
  InvalidCredentialsError,
  TwoFactorRequiredError,
} from "./errors.ts";
import { login } from "./login.ts";
import {
  fullLogin,
  meta,
  newLearner,
  otherDevice,
  PASSWORD,
  turnOnTwoFactor,
} from "./test_support.ts";
import { getUser, getUserByEmail, listUsers } from "./users.ts";

Deno.test("suspension ends sessions at once and blocks login until reactivated; admins need 2FA", async () => {
  using kv = await openTestKv();
  const ensured = await ensureAdmin(kv, {
    email: "Root@Example.com",
    password: "admin passphrase 1",
  });
  const admin = (await getUserByEmail(kv, "root@example.com"))!;
  expect(ensured).toEqual({ created: true, userId: admin.id });
  expect(admin).toMatchObject({ role: "admin", emailVerified: true });
  const { user, sessionToken } = await newLearner(kv);
  const other = await fullLogin(kv, user.email, otherDevice);

  await expect(suspendUser(kv, admin.id, user.id, meta)).rejects.toThrow(
    TwoFactorRequiredError,
  );
  await expect(suspendUser(kv, user.id, admin.id, meta)).rejects.toThrow(
    ForbiddenError,
  );
  await turnOnTwoFactor(kv, admin.id);
  await expect(suspendUser(kv, admin.id, admin.id, meta)).rejects.toThrow(
    ConflictError,
  );
  const suspended = await suspendUser(kv, admin.id, user.id, meta);
  expect(suspended.status).toBe("suspended");
  expect(await authenticate(kv, sessionToken)).toBeNull();
  expect(await authenticate(kv, other)).toBeNull();
  expect(
    await Array.fromAsync(kv.list({ prefix: ["sessions_by_user", user.id] })),
  )
    .toEqual([]);
  const refused = await login(
    kv,
    { email: user.email, password: PASSWORD },
    meta,
  )
    .catch((e) => e);
  expect(refused).toBeInstanceOf(AccountSuspendedError);
  expect(refused.status).toBe(423);
  // A wrong password does not reveal the suspension.
  await expect(
    login(kv, { email: user.email, password: "wrong password" }, meta),
  ).rejects.toThrow(InvalidCredentialsError);

  const { events } = await listSecurityEvents(kv, {
    type: "user_suspended",
    userId: user.id,
  });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ actorId: admin.id, ip: meta.ip });
  expect(
    (await listSecurityEvents(kv, {
      actorId: admin.id,
      type: "user_suspended",
    }))
      .events,
  ).toHaveLength(1);

  await reactivateUser(kv, admin.id, user.id, meta);
  expect(await login(kv, { email: user.email, password: PASSWORD }, meta))
    .toHaveProperty("sessionToken");
});

Deno.test("changeUserRole moves learner ↔ expert, ends sessions, updates the role index and logs role_changed", async () => {
  using kv = await openTestKv();
  await ensureAdmin(kv, {
    email: "root@example.com",
    password: "admin passphrase 1",
  });
  const admin = (await getUserByEmail(kv, "root@example.com"))!;
  const { user, sessionToken } = await newLearner(kv);
  const other = await fullLogin(kv, user.email, otherDevice);

  // Only a 2FA admin may do it.
  await expect(changeUserRole(kv, admin.id, user.id, "expert", meta)).rejects
    .toThrow(TwoFactorRequiredError);
  await expect(changeUserRole(kv, user.id, user.id, "expert", meta)).rejects
    .toThrow(ForbiddenError);
  expect(await authenticate(kv, sessionToken)).not.toBeNull();
  await turnOnTwoFactor(kv, admin.id);

  const changed = await changeUserRole(kv, admin.id, user.id, "expert", meta);
  expect(changed).toMatchObject({ id: user.id, role: "expert" });
  expect((await getUser(kv, user.id))?.role).toBe("expert");
  expect((await listUsers(kv, { role: "expert" })).users.map((u) => u.id))
    .toEqual([user.id]);
  expect((await listUsers(kv, { role: "learner" })).users).toEqual([]);
  // A privilege change: every session ends; a new login carries the new role.
  expect(await authenticate(kv, sessionToken)).toBeNull();
  expect(await authenticate(kv, other)).toBeNull();
  expect(
    await Array.fromAsync(kv.list({ prefix: ["sessions_by_user", user.id] })),
  ).toEqual([]);
  const fresh = await fullLogin(kv, user.email);
  expect((await authenticate(kv, fresh))?.user.role).toBe("expert");

  const { events } = await listSecurityEvents(kv, {
    type: "role_changed",
    userId: user.id,
  });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    actorId: admin.id,
    ip: meta.ip,
    details: { from: "learner", to: "expert" },
  });

  // The same role again changes nothing: no event, the session survives.
  expect(await changeUserRole(kv, admin.id, user.id, "expert", meta))
    .toMatchObject({ role: "expert" });
  expect(await authenticate(kv, fresh)).not.toBeNull();
  expect(
    (await listSecurityEvents(kv, { type: "role_changed" })).events,
  ).toHaveLength(1);

  // And back again.
  await changeUserRole(kv, admin.id, user.id, "learner", meta);
  expect((await listUsers(kv, { role: "learner" })).users.map((u) => u.id))
    .toEqual([user.id]);
  expect((await listUsers(kv, { role: "expert" })).users).toEqual([]);
  const back = await listSecurityEvents(kv, { type: "role_changed" });
  expect(back.events[0].details).toEqual({ from: "expert", to: "learner" });
});

Deno.test("changeUserRole never makes or unmakes an admin, nor touches the actor", async () => {
  using kv = await openTestKv();
  for (const email of ["root@example.com", "second@example.com"]) {
    await ensureAdmin(kv, { email, password: "admin passphrase 1" });
  }
  const admin = (await getUserByEmail(kv, "root@example.com"))!;
  const otherAdmin = (await getUserByEmail(kv, "second@example.com"))!;
  await turnOnTwoFactor(kv, admin.id);
  const { user } = await newLearner(kv);

  const toAdmin = await changeUserRole(
    kv,
    admin.id,
    user.id,
    "admin" as "expert",
    meta,
  ).catch((e) => e);
  expect(toAdmin).toBeInstanceOf(ValidationError);
  expect(toAdmin.fieldErrors.role).toHaveLength(1);
  await expect(changeUserRole(kv, admin.id, otherAdmin.id, "learner", meta))
    .rejects.toThrow(ConflictError);
  await expect(changeUserRole(kv, admin.id, admin.id, "expert", meta)).rejects
    .toThrow(ConflictError);
  await expect(changeUserRole(kv, admin.id, "nobody", "expert", meta)).rejects
    .toThrow(NotFoundError);
  expect((await getUser(kv, otherAdmin.id))?.role).toBe("admin");
  expect((await getUser(kv, user.id))?.role).toBe("learner");
  expect((await listSecurityEvents(kv, { type: "role_changed" })).events)
    .toEqual([]);
});

Deno.test("two admins changing one role at once log a single role_changed", async () => {
  using kv = await openTestKv();
  const admins = [];
  for (const email of ["root@example.com", "second@example.com"]) {
    await ensureAdmin(kv, { email, password: "admin passphrase 1" });
    const admin = (await getUserByEmail(kv, email))!;
    await turnOnTwoFactor(kv, admin.id);
    admins.push(admin);
  }
  const { user } = await newLearner(kv);
  const results = await Promise.all(
    admins.map((admin) =>
      changeUserRole(kv, admin.id, user.id, "expert", meta)
    ),
  );
  expect(results.map((u) => u.role)).toEqual(["expert", "expert"]);
  expect((await listSecurityEvents(kv, { type: "role_changed" })).events)
    .toHaveLength(1);
  expect((await listUsers(kv, { role: "learner" })).users).toEqual([]);
});

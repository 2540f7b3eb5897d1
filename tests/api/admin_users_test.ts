/**
 * The admin user tools over HTTP: suspension, role changes, the user list
 * and the audit log, for admins with 2FA only. Every API answer is checked
 * against the document.
 */
import { expect } from "expect";
import {
  logIn,
  signInAdmin,
  signUp,
  TEST_PASSWORD,
} from "@/tests/support/auth.ts";
import { createCheckedAuthApp } from "./support.ts";

Deno.test("suspension: only a 2FA admin; the user's sessions end at once and login says suspended", async () => {
  await using app = await createCheckedAuthApp();
  const target = await signUp(app, "learner");
  const weakAdmin = await signInAdmin(app, { twoFactor: false });
  const admin = await signInAdmin(app, { twoFactor: true });
  const path = `/api/admin/users/${target.user!.id}`;

  const refused = await weakAdmin.api("POST", `${path}/suspend`);
  expect(refused.status).toBe(403);
  expect(refused.body.error).toBe("two_factor_required");
  expect((await target.api("POST", `${path}/suspend`)).status).toBe(403);

  const suspended = await admin.api("POST", `${path}/suspend`);
  expect(suspended.status).toBe(200);
  expect(suspended.body.user.status).toBe("suspended");
  expect((await target.api("GET", "/api/me")).status).toBe(401);
  const login = await app.client().api("POST", "/api/auth/login", {
    email: target.user!.email,
    password: TEST_PASSWORD,
  });
  expect(login.status).toBe(423);
  expect(login.body.error).toBe("account_suspended");
  expect(login.body.message).toMatch(/suspended/i);

  const reactivated = await admin.api("POST", `${path}/reactivate`);
  expect(reactivated.status).toBe(200);
  expect(reactivated.body.user.status).toBe("active");
  await logIn(app, target.user!.email);

  const missing = await admin.api("POST", "/api/admin/users/nobody/suspend");
  expect(missing.status).toBe(404);

  // A reason is recorded in the audit event; a blank one is refused.
  const blank = await admin.api("POST", `${path}/suspend`, { reason: "" });
  expect(blank.status).toBe(400);
  const withReason = await admin.api("POST", `${path}/suspend`, {
    reason: "Abusive messages.",
  });
  expect(withReason.status).toBe(200);
  const audit = await admin.api(
    "GET",
    `/api/admin/audit?type=user_suspended&userId=${target.user!.id}`,
  );
  expect(audit.body.events[0].details.reason).toBe("Abusive messages.");
});

Deno.test("role change: only a 2FA admin, learner ↔ expert; the user's sessions end and role_changed is logged", async () => {
  await using app = await createCheckedAuthApp();
  const target = await signUp(app, "learner");
  const otherDevice = await logIn(app, target.user!.email);
  const bystander = await signUp(app, "expert");
  const weakAdmin = await signInAdmin(app, { twoFactor: false });
  const admin = await signInAdmin(app, { twoFactor: true });
  const path = `/api/admin/users/${target.user!.id}/role`;

  const refused = await weakAdmin.api("POST", path, { role: "expert" });
  expect(refused.status).toBe(403);
  expect(refused.body.error).toBe("two_factor_required");
  for (const caller of [target, bystander]) {
    const answer = await caller.api("POST", path, { role: "expert" });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toBe("forbidden");
  }
  expect((await target.api("GET", "/api/me")).body.user.role).toBe("learner");

  const changed = await admin.api("POST", path, { role: "expert" });
  expect(changed.status).toBe(200);
  expect(changed.body.user).toMatchObject({
    id: target.user!.id,
    role: "expert",
  });
  // A privilege change ends every session; the next login is an expert.
  expect((await target.api("GET", "/api/me")).status).toBe(401);
  expect((await otherDevice.api("GET", "/api/me")).status).toBe(401);
  const again = await logIn(app, target.user!.email);
  expect(again.user!.role).toBe("expert");
  const experts = await admin.api("GET", "/api/admin/users?role=expert");
  expect(experts.body.users.map((user: { id: string }) => user.id))
    .toContain(target.user!.id);

  const audit = await admin.api(
    "GET",
    `/api/admin/audit?userId=${target.user!.id}&type=role_changed`,
  );
  expect(audit.body.events).toHaveLength(1);
  expect(audit.body.events[0]).toMatchObject({
    actorId: admin.user!.id,
    details: { from: "learner", to: "expert" },
  });

  // The same role again is a no-op that keeps the session.
  expect((await admin.api("POST", path, { role: "expert" })).status).toBe(200);
  expect((await again.api("GET", "/api/me")).status).toBe(200);

  const back = await admin.api("POST", path, { role: "learner" });
  expect(back.body.user.role).toBe("learner");
});

Deno.test("role change refuses admin as a role, admin targets, oneself, bad bodies and unknown ids", async () => {
  await using app = await createCheckedAuthApp();
  const target = await signUp(app, "expert");
  const otherAdmin = await signInAdmin(app, { twoFactor: false });
  const admin = await signInAdmin(app, { twoFactor: true });
  const roleOf = (id: string) => `/api/admin/users/${id}/role`;

  const toAdmin = await admin.api("POST", roleOf(target.user!.id), {
    role: "admin",
  });
  expect(toAdmin.status).toBe(400);
  expect(Object.keys(toAdmin.body.details)).toEqual(["role"]);
  const empty = await admin.api("POST", roleOf(target.user!.id), {});
  expect(empty.status).toBe(400);

  const adminTarget = await admin.api("POST", roleOf(otherAdmin.user!.id), {
    role: "learner",
  });
  expect(adminTarget.status).toBe(409);
  expect(adminTarget.body.message).toMatch(/ADMIN_EMAIL/);
  const self = await admin.api("POST", roleOf(admin.user!.id), {
    role: "expert",
  });
  expect(self.status).toBe(409);
  expect(self.body.message).toMatch(/your own account/);
  expect((await otherAdmin.api("GET", "/api/me")).body.user.role).toBe("admin");
  expect((await admin.api("GET", "/api/me")).body.user.role).toBe("admin");

  const missing = await admin.api("POST", roleOf("nobody"), {
    role: "expert",
  });
  expect(missing.status).toBe(404);
  expect((await target.api("GET", "/api/me")).body.user.role).toBe("expert");
  const audit = await admin.api("GET", "/api/admin/audit?type=role_changed");
  expect(audit.body.events).toEqual([]);
});

Deno.test("admin user list filters by q, role and status", async () => {
  await using app = await createCheckedAuthApp();
  const ada = await signUp(app, "learner", { name: "Ada Lovelace" });
  const grace = await signUp(app, "expert", { name: "Grace Hopper" });
  const admin = await signInAdmin(app, { twoFactor: true });
  await admin.api("POST", `/api/admin/users/${ada.user!.id}/suspend`);

  const ids = async (query: string) => {
    const answer = await admin.api("GET", `/api/admin/users${query}`);
    expect(answer.status).toBe(200);
    return answer.body.users.map((user: { id: string }) => user.id);
  };
  expect(await ids("?q=lovelace")).toEqual([ada.user!.id]);
  expect(await ids(`?q=${encodeURIComponent(grace.user!.email.toUpperCase())}`))
    .toEqual([grace.user!.id]);
  expect(await ids("?role=expert")).toEqual([grace.user!.id]);
  expect(await ids("?status=suspended")).toEqual([ada.user!.id]);
  expect(await ids("?role=admin")).toEqual([admin.user!.id]);
  expect((await ids("")).length).toBe(3);

  const bad = await admin.api("GET", "/api/admin/users?role=superuser&limit=0");
  expect(bad.status).toBe(400);
  expect(Object.keys(bad.body.details).sort()).toEqual(["limit", "role"]);
});

Deno.test("security events: the user's own log, and the admin audit log with filters", async () => {
  await using app = await createCheckedAuthApp();
  const user = await signUp(app, "learner");
  await app.client().api("POST", "/api/auth/login", {
    email: user.user!.email,
    password: "wrong password 123",
  });
  await logIn(app, user.user!.email);

  const own = await user.api("GET", "/api/me/security-events");
  expect(own.status).toBe(200);
  const types = own.body.events.map((event: { type: string }) => event.type);
  expect(types).toEqual(
    expect.arrayContaining(["signup", "login_failed", "login_succeeded"]),
  );
  for (const event of own.body.events) {
    expect(event.userId).toBe(user.user!.id);
    expect(typeof event.ip).toBe("string");
    expect(typeof event.at).toBe("string");
  }
  expect(own.body.events[0].ip).toMatch(/^10\.0\./);

  const admin = await signInAdmin(app, { twoFactor: true });
  const filtered = await admin.api(
    "GET",
    `/api/admin/audit?userId=${user.user!.id}&type=login_failed`,
  );
  expect(filtered.status).toBe(200);
  expect(filtered.body.events.length).toBeGreaterThan(0);
  for (const event of filtered.body.events) {
    expect(event).toMatchObject({
      userId: user.user!.id,
      type: "login_failed",
    });
  }
  const all = await admin.api("GET", "/api/admin/audit?limit=2");
  expect(all.body.events).toHaveLength(2);
  expect(typeof all.body.nextCursor).toBe("string");
  const next = await admin.api(
    "GET",
    `/api/admin/audit?limit=2&cursor=${
      encodeURIComponent(all.body.nextCursor)
    }`,
  );
  expect(next.body.events[0].id).not.toBe(all.body.events[0].id);
  expect((await admin.api("GET", "/api/admin/audit?type=nonsense")).status)
    .toBe(400);
  expect((await user.api("GET", "/api/admin/audit")).status).toBe(403);
});

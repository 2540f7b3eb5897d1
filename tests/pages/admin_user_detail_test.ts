/**
 * The admin's page about one user: profile, role history, sessions,
 * security events, application, money and bookings; suspending needs a
 * reason, which is recorded and emailed.
 */
import { expect } from "expect";
import {
  createAuthTestApp,
  signInAdmin,
  signUp,
} from "@/tests/support/auth.ts";
import { listSecurityEvents } from "@/services/auth/mod.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { page, postForm } from "./page_helpers.ts";

Deno.test("admin user detail: everything about one user, and a suspension with its reason", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const expert = await signUp(app, "expert", { name: "Riley Expert" });
  const id = expert.user!.id;
  const switched = await postForm(admin, "/admin/users", {
    action: "role",
    userId: id,
    role: "learner",
    back: "/admin/users",
  });
  expect(switched.status).toBe(303);

  const list = await page(admin, "/admin/users");
  expect(list.text).toContain(`href="/admin/users/${id}"`);

  const shown = await page(admin, `/admin/users/${id}`);
  expect(shown.status).toBe(200);
  for (
    const heading of [
      "Account",
      "Role history",
      "Sessions",
      "Expert application",
      "Wallet",
      "Earnings",
      "Bookings",
      "Security events",
    ]
  ) expect(shown.text).toContain(heading);
  expect(shown.text).toContain(expert.user!.email);
  expect(shown.text).toContain("expert → learner");
  expect(shown.text).toContain("Role changed");
  expect(shown.text).toContain('name="reason"');

  // No reason: refused beside the field, nothing changes.
  const blank = await postForm(admin, `/admin/users/${id}`, {
    action: "suspend",
    reason: " ",
  });
  expect(blank.status).toBe(400);
  const blankText = await blank.text();
  expect(blankText).toContain("Say why the account is suspended");
  expect((await page(admin, `/admin/users/${id}`)).text).toContain(
    "Suspend Riley Expert",
  );

  const done = await postForm(admin, `/admin/users/${id}`, {
    action: "suspend",
    reason: "Repeated no-shows reported by learners.",
  });
  expect(done.status).toBe(303);
  const { events } = await listSecurityEvents(app.kv, {
    userId: id,
    type: "user_suspended",
  });
  expect(events).toHaveLength(1);
  expect(events[0].details.reason).toBe(
    "Repeated no-shows reported by learners.",
  );
  const mail = (await listOutbox(app.kv)).find((message) =>
    message.to === expert.user!.email && message.subject.includes("suspended")
  );
  expect(mail?.text).toContain("Repeated no-shows reported by learners.");
  const after = await page(admin, `/admin/users/${id}?done=suspended`);
  expect(after.text).toContain("Reactivate Riley Expert");

  expect((await page(admin, "/admin/users/nobody")).status).toBe(404);
  expect((await page(expert, `/admin/users/${id}`)).status).not.toBe(200);
});

/**
 * The notification pages without JavaScript: the bell in the header with
 * the server's count, the list with its links, marking one and all read,
 * and the settings form (every box sent; texts offered only with a
 * verified number).
 */
import { expect } from "expect";
import { createAuthTestApp, logIn, signUp } from "@/tests/support/auth.ts";
import { messagingPair } from "@/tests/support/messaging.ts";
import {
  getPreferences,
  NOTIFICATION_RETENTION_MS,
  notify,
} from "@/services/notifications/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { page, postForm } from "./page_helpers.ts";

Deno.test("the bell shows the unread count; the list links to each item and marks one and all read", async () => {
  await using app = await createAuthTestApp();
  const pair = await messagingPair(app.kv, { booked: true });
  const learner = await logIn(app, pair.learner.email);
  await notify(app.kv, pair.learner.id, {
    type: "withdrawal_update",
    title: "A test notification",
    link: "/account",
  });

  const home = await page(learner, "/account");
  expect(home.text).toContain('aria-label="Notifications, 2 unread"');
  expect(home.text).toContain('href="/notifications"');
  // Signed out: no bell.
  const visitor = await app.fetch(new Request("http://localhost/experts"));
  expect(await visitor.text()).not.toContain("Notifications,");

  const list = await page(learner, "/notifications");
  expect(list.status).toBe(200);
  expect(list.text).toContain("2 unread.");
  expect(list.text).toContain(`href="/bookings/${pair.bookingId}"`);
  expect(list.text).toContain("Booked: One-hour session");
  const ids = [...list.text.matchAll(/name="id" value="([^"]+)"/g)].map((m) =>
    m[1]
  );
  expect(ids).toHaveLength(2);

  const one = await postForm(learner, "/notifications", {
    action: "read",
    id: ids[0],
  });
  expect(one.status).toBe(303);
  const after = await page(learner, one.headers.get("location")!);
  expect(after.text).toContain("Marked read.");
  expect(after.text).toContain('aria-label="Notifications, 1 unread"');
  // An id that names nothing of the user's changes nothing, and is no error.
  const stray = await postForm(learner, "/notifications", {
    action: "read",
    id: "x".repeat(500),
  });
  expect(stray.status).toBe(303);

  const all = await postForm(learner, "/notifications", {
    action: "read-all",
  });
  expect(all.headers.get("location")).toBe("/notifications?done=all-read");
  const done = await page(learner, "/notifications?done=all-read");
  expect(done.text).toContain("You're all caught up.");
  expect(done.text).toContain('aria-label="Notifications"');
  expect(done.text).not.toContain('name="action" value="read-all"');
});

Deno.test("/account/notifications: a plain form, every box sent; texts wait for a verified number", async () => {
  await using app = await createAuthTestApp();
  const client = await signUp(app, "learner");
  const shown = await page(client, "/account/notifications");
  expect(shown.status).toBe(200);
  expect(shown.text).toMatch(/name="new_message.email" value="on" checked/);
  expect(shown.text).not.toMatch(
    /name="review_received.email" value="on" checked/,
  );
  expect(shown.text).not.toContain('name="booking_reminder.sms"');
  expect(shown.text).toContain('href="/account/phone"');

  // Every kind in the app, nothing by email but booking confirmations.
  const fields: Record<string, string> = {};
  for (
    const type of Object.keys(
      (await getPreferences(app.kv, client.user!.id)).preferences,
    )
  ) fields[`${type}.inApp`] = "on";
  fields["booking_confirmed.email"] = "on";
  // A text box that was not offered is ignored, not an error.
  fields["booking_reminder.sms"] = "on";
  const saved = await postForm(client, "/account/notifications", fields);
  expect(saved.headers.get("location")).toBe(
    "/account/notifications?done=saved",
  );
  const { preferences } = await getPreferences(app.kv, client.user!.id);
  expect(preferences.booking_confirmed).toEqual({
    inApp: true,
    email: true,
    sms: null,
  });
  expect(preferences.new_message).toEqual({
    inApp: true,
    email: false,
    sms: null,
  });
  expect(preferences.booking_reminder.sms).toBe(false);
  const again = await page(client, "/account/notifications?done=saved");
  expect(again.text).toContain("Your choices are saved.");
  expect(again.text).not.toMatch(/name="new_message.email" value="on" checked/);
});

Deno.test("the list's unread count leaves out notifications that expired since the bell last looked", async () => {
  using clock = useFakeClock(new Date("2030-03-01T09:00:00Z"));
  await using app = await createAuthTestApp();
  const { user } = await signUp(app, "learner");
  await notify(app.kv, user!.id, {
    type: "withdrawal_update",
    title: "An old notification",
    link: "/account",
  });
  clock.advance(NOTIFICATION_RETENTION_MS - 60_000);
  const learner = await logIn(app, user!.email);
  await notify(app.kv, user!.id, {
    type: "withdrawal_update",
    title: "A new notification",
    link: "/account",
  });
  // The bell looks for expired ones now, and not again for a few minutes.
  expect((await page(learner, "/account")).text).toContain(
    'aria-label="Notifications, 2 unread"',
  );
  clock.advance(120_000);
  const list = await page(learner, "/notifications");
  expect(list.text).toContain("1 unread.");
  expect(list.text).not.toContain("An old notification");
  expect(list.text).toContain("A new notification");
  expect((await page(learner, "/account")).text).toContain(
    'aria-label="Notifications, 1 unread"',
  );
});

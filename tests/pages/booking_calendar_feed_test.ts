/**
 * The calendar feed section of /bookings over HTTP: a person makes an
 * address (shown once), it serves their sessions, and revoking it stops it.
 */
import { expect } from "expect";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";
import { page, postForm } from "./page_helpers.ts";

Deno.test("the sessions page makes, hides and revokes a private calendar address", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  const before = await page(learner, "/bookings");
  expect(before.status).toBe(200);
  expect(before.text).toContain("Calendar feed");
  expect(before.text).toContain("You have no calendar address yet.");

  const made = await postForm(learner, "/bookings", { action: "create-feed" });
  expect(made.status).toBe(200);
  const html = await made.text();
  expect(html).toContain("it is shown only once");
  const url = /value="(http[^"]+\/calendar\/[A-Za-z0-9_-]{43}\.ics)"/.exec(
    html,
  )?.[1];
  expect(url).toBeDefined();
  const path = new URL(url!).pathname;
  const feed = await app.client().request(path);
  expect(feed.status).toBe(200);
  expect(await feed.text()).toContain("BEGIN:VCALENDAR");

  // Shown once: later visits only say there is one.
  const later = await page(learner, "/bookings");
  expect(later.text).not.toContain(path);
  expect(later.text).toContain("You have a calendar address.");

  const revoked = await postForm(learner, "/bookings", {
    action: "revoke-feed",
  });
  expect(await revoked.text()).toContain("was revoked");
  expect((await app.client().request(path)).status).toBe(404);
});

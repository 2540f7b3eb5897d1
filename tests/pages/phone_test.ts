/**
 * The phone page without JavaScript: a number, its code by text, reminders
 * on, removal; refusals beside their fields.
 */
import { expect } from "expect";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";
import { listSmsOutbox } from "@/services/platform/sms.ts";
import { page, postForm } from "./page_helpers.ts";

Deno.test("/account/phone: add a number, verify it, turn reminders on, remove it", async () => {
  await using app = await createAuthTestApp();
  const client = await signUp(app, "learner");
  expect((await page(client, "/account")).text).toContain(
    'href="/account/phone"',
  );
  const empty = await page(client, "/account/phone");
  expect(empty.status).toBe(200);
  expect(empty.text).toContain("Add a mobile number");
  expect(empty.text).toContain('type="tel"');
  // The user's time zone is Europe/Paris.
  expect(empty.text).toContain("a number in France (from your time zone)");

  const landline = await postForm(client, "/account/phone", {
    action: "send-code",
    number: "01 23 45 67 89",
  });
  expect(landline.status).toBe(400);
  const landlineHtml = await landline.text();
  expect(landlineHtml).toContain('id="number-error"');
  expect(landlineHtml).toContain("landline");
  expect(landlineHtml).toContain('value="01 23 45 67 89"');

  const sent = await postForm(client, "/account/phone", {
    action: "send-code",
    number: "06 12 34 56 78",
  });
  expect(sent.status).toBe(303);
  const pending = await page(client, sent.headers.get("location")!);
  expect(pending.text).toContain("texted you a code. It works for 10 minutes.");
  expect(pending.text).toContain("+33 6 12 34 56 78");
  expect(pending.text).toContain('autocomplete="one-time-code"');

  const [text] = await listSmsOutbox(app.kv);
  const code = text.body.slice(0, 6);
  const wrong = await postForm(client, "/account/phone", {
    action: "verify",
    code: code === "000000" ? "111111" : "000000",
  });
  expect(wrong.status).toBe(400);
  const wrongHtml = await wrong.text();
  expect(wrongHtml).toContain('id="code-error"');
  expect(wrongHtml).toContain("You have 4 tries left.");

  const verified = await postForm(client, "/account/phone", {
    action: "verify",
    code,
  });
  expect(verified.headers.get("location")).toBe(
    "/account/phone?done=verified",
  );
  const on = await postForm(client, "/account/phone", {
    action: "reminders",
    smsReminders: "on",
  });
  expect(on.headers.get("location")).toBe("/account/phone?done=reminders-on");
  const shown = await page(client, "/account/phone?done=reminders-on");
  expect(shown.text).toContain("(verified)");
  expect(shown.text).toMatch(/name="smsReminders" value="on" checked/);
  expect(shown.text).toContain("Use another number");

  const removed = await postForm(client, "/account/phone", {
    action: "remove",
  });
  expect(removed.headers.get("location")).toBe("/account/phone?done=removed");
  expect((await page(client, "/account/phone")).text).toContain(
    "Add a mobile number",
  );
  const off = await postForm(client, "/account/phone", {
    action: "reminders",
    smsReminders: "on",
  });
  expect(off.status).toBe(409);
  expect(await off.text()).toContain("Verify a mobile number before");
});

/**
 * Emails as people receive them: a text and an HTML part with what users
 * typed escaped, and the development outbox showing the HTML safely (its
 * own document, sandboxed, under a policy that runs nothing).
 */
import { expect } from "expect";
import {
  createAuthTestApp,
  signUp,
  TEST_ORIGIN,
} from "@/tests/support/auth.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";

const HOSTILE_NAME = `Eve "Ace" O'Neil & <b>Co</b>`;

Deno.test("account emails have a text and an HTML part, with the user's name escaped", async () => {
  await using app = await createAuthTestApp();
  const email = "eve.html@example.com";
  await signUp(app, "learner", { email, name: HOSTILE_NAME });
  await app.fetch(
    new Request(`${TEST_ORIGIN}/api/auth/password/forgot`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN },
      body: JSON.stringify({ email }),
    }),
  );
  const messages = await listOutbox(app.kv, { to: email });
  expect(messages.length).toBeGreaterThanOrEqual(2);
  for (const message of messages) {
    expect(message.text).toContain(HOSTILE_NAME);
    expect(message.html).toContain("<!DOCTYPE html>");
    expect(message.html).not.toContain("<b>Co</b>");
    expect(message.html).toContain(
      "Eve &#34;Ace&#34; O&#39;Neil &#38; &#60;b&#62;Co&#60;/b&#62;",
    );
    // The link the text gives is a button in the HTML.
    const link = /https?:\/\/\S+token=\S+/.exec(message.text)?.[0];
    if (link) {
      expect(message.html).toContain(`href="${link.replaceAll("&", "&#38;")}"`);
    }
  }
});

Deno.test("the outbox shows an email's HTML as its own sandboxed document with a strict policy", async () => {
  await using app = await createAuthTestApp();
  await signUp(app, "learner", {
    email: "frame@example.com",
    name: HOSTILE_NAME,
  });
  const [message] = await listOutbox(app.kv, { to: "frame@example.com" });
  const page = await app.fetch(
    new Request(`${TEST_ORIGIN}/dev/mail/${message.id}`),
    "127.0.0.1",
  );
  const html = await page.text();
  expect(html).toContain(`href="/dev/mail/${message.id}/html"`);

  const frame = await app.fetch(
    new Request(`${TEST_ORIGIN}/dev/mail/${message.id}/html`),
    "127.0.0.1",
  );
  expect(frame.status).toBe(200);
  const policy = frame.headers.get("content-security-policy")!;
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("sandbox");
  expect(policy).toContain("frame-ancestors 'self'");
  expect(policy).not.toContain("script-src");
  expect(frame.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  expect(await frame.text()).toBe(message.html);

  // Like the rest of the outbox, closed to anyone but this machine.
  const remote = await app.fetch(
    new Request(`${TEST_ORIGIN}/dev/mail/${message.id}/html`),
    "203.0.113.9",
  );
  expect(remote.status).toBe(404);
});

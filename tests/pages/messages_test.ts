/**
 * The messaging pages without JavaScript: the "Message" link of a booking
 * leads to the conversation, the history is in the page, the form posts a
 * message, a learner asks an expert one question from the profile's link,
 * the list shows unread counts, and nobody else sees a conversation.
 */
import { expect } from "expect";
import { createAuthTestApp, logIn, signUp } from "@/tests/support/auth.ts";
import { messagingPair } from "@/tests/support/messaging.ts";

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

Deno.test("a booking's Message link opens the conversation; the form sends without JavaScript", async () => {
  await using app = await createAuthTestApp();
  const pair = await messagingPair(app.kv, { booked: true });
  const learner = await logIn(app, pair.learner.email);
  const expert = await logIn(app, pair.expert.email);

  const booking = await learner.request(`/bookings/${pair.bookingId}`);
  const bookingHtml = await booking.text();
  expect(bookingHtml).toContain(`href="/messages/with/${pair.expert.id}"`);

  const link = await learner.request(`/messages/with/${pair.expert.id}`);
  expect(link.status).toBe(303);
  const path = link.headers.get("location")!;
  expect(path).toMatch(/^\/messages\/[0-9A-Z]+$/);
  await link.body?.cancel();
  // The expert's link leads to the same conversation.
  const theirs = await expert.request(`/messages/with/${pair.learner.id}`);
  expect(theirs.headers.get("location")).toBe(path);
  await theirs.body?.cancel();

  const sent = await learner.request(
    path,
    form({ action: "send", text: "Hi! Notes: https://example.com/a <b>x</b>" }),
  );
  expect(sent.status).toBe(303);
  await sent.body?.cancel();
  const refused = await learner.request(path, form({ text: "   " }));
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain('role="alert"');

  const list = await expert.request("/messages");
  const listHtml = await list.text();
  expect(listHtml).toContain("1 unread message.");
  expect(listHtml).toContain(path);

  const page = await expert.request(path);
  const html = await page.text();
  expect(html).toContain(
    'href="https://example.com/a" rel="noopener noreferrer nofollow ugc"',
  );
  expect(html).toContain("&lt;b>x&lt;/b>");
  expect(html).not.toContain("<b>x</b>");
  // Opening it read it.
  expect(await (await expert.request("/messages")).text()).toContain(
    "all caught up",
  );

  const stranger = await signUp(app, "learner");
  const hidden = await stranger.request(path);
  expect(hidden.status).toBe(404);
  await hidden.body?.cancel();
  const notMine = await stranger.request(path, form({ text: "Hello" }));
  expect(notMine.status).toBe(404);
  await notMine.body?.cancel();
});

Deno.test("a learner asks an expert one question from the profile", async () => {
  await using app = await createAuthTestApp();
  const pair = await messagingPair(app.kv);
  const learner = await logIn(app, pair.learner.email);
  const profile = await learner.request(`/experts/${pair.expert.id}`);
  expect(await profile.text()).toContain(
    `href="/messages/with/${pair.expert.id}"`,
  );
  const ask = await learner.request(`/messages/with/${pair.expert.id}`);
  expect(ask.status).toBe(200);
  expect(await ask.text()).toContain("Ask Bea Booked a question");
  const sent = await learner.request(
    `/messages/with/${pair.expert.id}`,
    form({ text: "Do you teach beginners?" }),
  );
  expect(sent.status).toBe(303);
  const path = sent.headers.get("location")!;
  await sent.body?.cancel();
  const page = await learner.request(path);
  const html = await page.text();
  expect(html).toContain("Do you teach beginners?");
  expect(html).toContain("once the expert answers");
  // Another learner cannot message another learner.
  const other = await signUp(app, "learner");
  const nobody = await other.request(`/messages/with/${pair.learner.id}`);
  expect(nobody.status).toBe(404);
  await nobody.body?.cancel();
});

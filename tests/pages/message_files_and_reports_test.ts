/**
 * Files and reports on the conversation page without JavaScript: the form
 * attaches a file (images shown as thumbnails, PDFs as download links, a
 * disguised file refused beside the form), a message of the other person's
 * is reported from the form under it, and an admin works through the queue
 * at /admin/messages: hide with a note (both see "Hidden by a moderator"),
 * dismiss, or suspend the sender.
 */
import { expect } from "expect";
import { createAuthTestApp, logIn, signInAdmin } from "@/tests/support/auth.ts";
import { messagingPair } from "@/tests/support/messaging.ts";
import { PDF, PNG } from "@/tests/support/files.ts";
import { openConversation, sendMessage } from "@/services/messaging/mod.ts";
import { getUser, listSecurityEvents } from "@/services/auth/mod.ts";
import { page, postFile, postForm } from "./page_helpers.ts";

Deno.test("the page's form sends files; images are thumbnails, PDFs links", async () => {
  await using app = await createAuthTestApp();
  const pair = await messagingPair(app.kv, { booked: true });
  const learner = await logIn(app, pair.learner.email);
  const expert = await logIn(app, pair.expert.email);
  const { id } = await openConversation(app.kv, pair.learner, pair.expert.id);
  const path = `/messages/${id}`;

  const form = await page(learner, path);
  expect(form.text).toContain('enctype="multipart/form-data"');
  expect(form.text).toContain(
    'accept="application/pdf,image/png,image/jpeg,image/webp"',
  );
  const image = await postFile(
    learner,
    path,
    "file",
    new File([PNG], "whiteboard.png", { type: "image/png" }),
    { action: "send", text: "The board from today" },
  );
  expect(image.status).toBe(303);
  const pdf = await postFile(
    learner,
    path,
    "file",
    new File([PDF], "plan.pdf", { type: "application/pdf" }),
    { action: "send", text: "" },
  );
  expect(pdf.status).toBe(303);
  const disguised = await postFile(
    learner,
    path,
    "file",
    new File([new TextEncoder().encode("MZ-not-a-pdf")], "cv.pdf", {
      type: "application/pdf",
    }),
    { action: "send", text: "Keep this draft" },
  );
  expect(disguised.status).toBe(400);
  const refused = await disguised.text();
  expect(refused).toContain("claims to be a PDF");
  expect(refused).toContain("Keep this draft");

  const seen = await page(expert, path);
  expect(seen.text).toMatch(
    /<img src="\/api\/conversations\/[0-9A-Z]+\/messages\/[0-9A-Z]+\/file" alt="whiteboard.png"/,
  );
  expect(seen.text).toMatch(/download="plan.pdf"[^>]*>📎 plan.pdf \(1 KB\)/);
  expect(seen.text).toContain("The board from today");
});

Deno.test("a message is reported from the page; the admin hides it, dismisses another and suspends the sender", async () => {
  await using app = await createAuthTestApp();
  const pair = await messagingPair(app.kv, { booked: true });
  const learner = await logIn(app, pair.learner.email);
  const admin = await signInAdmin(app, { twoFactor: true });
  const { id } = await openConversation(app.kv, pair.learner, pair.expert.id);
  await sendMessage(app.kv, pair.learner.id, id, { text: "Hi, about Tuesday" });
  const rude = await sendMessage(app.kv, pair.expert.id, id, {
    text: "Send the money by wire, not through the site",
  });
  const other = await sendMessage(app.kv, pair.expert.id, id, {
    text: "See you then",
  });
  const path = `/messages/${id}`;

  const thread = await page(learner, path);
  expect(thread.text).toContain(`name="messageId" value="${rude.id}"`);
  const reported = await postForm(learner, path, {
    action: "report",
    messageId: rude.id,
    reason: "Asks for payment outside TapTime",
  });
  expect(reported.status).toBe(303);
  expect(reported.headers.get("location")).toBe(
    `${path}?reported=1#latest`,
  );
  expect((await page(learner, `${path}?reported=1`)).text).toContain(
    "a moderator will look at the message you reported",
  );
  const twice = await postForm(learner, path, {
    action: "report",
    messageId: rude.id,
    reason: "Again",
  });
  expect(twice.status).toBe(400);
  expect(await twice.text()).toContain("You already reported this message.");
  await postForm(learner, path, {
    action: "report",
    messageId: other.id,
    reason: "Not sure",
  });

  const queue = await page(admin, "/admin/messages");
  expect(queue.status).toBe(200);
  expect(queue.text).toContain('href="/admin/messages"');
  expect(queue.text).toContain("Asks for payment outside TapTime");
  expect(queue.text).toContain("Hi, about Tuesday");
  expect(queue.text).toContain("Suspend Esme Expert");

  const noNote = await postForm(admin, "/admin/messages", {
    action: "hide",
    messageId: rude.id,
    note: "",
  });
  expect(noNote.status).toBe(400);
  await noNote.body?.cancel();
  const hidden = await postForm(admin, "/admin/messages", {
    action: "hide",
    messageId: rude.id,
    note: "Payments stay on the platform.",
  });
  expect(hidden.headers.get("location")).toBe("/admin/messages?done=hidden");
  const dismissed = await postForm(admin, "/admin/messages", {
    action: "dismiss",
    messageId: other.id,
  });
  expect(dismissed.headers.get("location")).toBe(
    "/admin/messages?done=dismissed",
  );
  const empty = await page(admin, "/admin/messages?done=dismissed");
  expect(empty.text).toContain("No reported messages wait for a decision.");

  const after = await page(learner, path);
  expect(after.text).toContain("Hidden by a moderator");
  expect(after.text).not.toContain("Send the money by wire");
  expect(
    (await listSecurityEvents(app.kv, { type: "message_hidden" })).events,
  ).toHaveLength(1);

  // Suspension from the queue: report another message and suspend its sender.
  const third = await sendMessage(app.kv, pair.expert.id, id, {
    text: "Last warning",
  });
  await postForm(learner, path, {
    action: "report",
    messageId: third.id,
    reason: "Threatening",
  });
  const suspended = await postForm(admin, "/admin/messages", {
    action: "suspend",
    messageId: third.id,
    reason: "Threats towards a learner",
  });
  expect(suspended.headers.get("location")).toBe(
    "/admin/messages?done=suspended",
  );
  expect((await getUser(app.kv, pair.expert.id))?.status).toBe("suspended");
  const queued = await page(admin, "/admin/messages");
  expect(queued.text).toContain("suspended");
  expect(queued.text).not.toContain("Suspend Esme Expert");
});

/**
 * Reporting messages and moderating them over HTTP (every answer checked
 * against the OpenAPI document): a party reports once; the admin queue
 * lists the report with the messages around it; hiding is audited, emailed
 * to the sender and shows "hidden" to both parties; dismissing is audited
 * and the sender can be suspended with a reason.
 */
import { expect } from "expect";
import { logIn, signInAdmin, signUp } from "@/tests/support/auth.ts";
import { messagingPair } from "@/tests/support/messaging.ts";
import { openConversation, sendMessage } from "@/services/messaging/mod.ts";
import { listSecurityEvents } from "@/services/auth/mod.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { createCheckedAuthApp } from "./support.ts";

async function setUp() {
  const app = await createCheckedAuthApp();
  const pair = await messagingPair(app.kv, { booked: true });
  const learner = await logIn(app, pair.learner.email);
  const expert = await logIn(app, pair.expert.email);
  const admin = await signInAdmin(app, { twoFactor: true });
  const { id } = await openConversation(app.kv, pair.learner, pair.expert.id);
  const ids: string[] = [];
  for (
    const [from, text] of [
      [pair.learner.id, "Hello, see you Tuesday"],
      [pair.expert.id, "Great, bring your notes"],
      [pair.expert.id, "Pay me outside the platform instead: bank 12345"],
      [pair.learner.id, "I'd rather not"],
    ] as const
  ) {
    ids.push((await sendMessage(app.kv, from, id, { text })).id);
  }
  return { app, pair, learner, expert, admin, conversationId: id, ids };
}

Deno.test("a report reaches the queue with context; hiding is audited, emailed and shown to both", async () => {
  const { app, pair, learner, expert, admin, conversationId, ids } =
    await setUp();
  await using _app = app;
  const reportPath = `/api/conversations/${conversationId}/messages/${
    ids[2]
  }/report`;
  const noReason = await learner.api("POST", reportPath, {});
  expect(noReason.status).toBe(400);
  expect(noReason.body.details.reason).toBeDefined();
  const report = await learner.api("POST", reportPath, {
    reason: "Asks me to pay outside TapTime",
  });
  expect(report.status).toBe(201);
  expect(report.body.report.reason).toBe("Asks me to pay outside TapTime");
  const again = await learner.api("POST", reportPath, { reason: "Again" });
  expect(again.status).toBe(409);
  expect(again.body.message).toBe("You already reported this message.");
  const own = await expert.api("POST", reportPath, { reason: "Mine" });
  expect(own.status).toBe(409);
  const stranger = await signUp(app, "learner");
  expect((await stranger.api("POST", reportPath, { reason: "x" })).status)
    .toBe(404);
  // Only admins see the queue.
  expect((await learner.api("GET", "/api/admin/messages/reports")).status)
    .toBe(403);

  const queue = await admin.api("GET", "/api/admin/messages/reports");
  expect(queue.status).toBe(200);
  expect(queue.body.reports).toHaveLength(1);
  const [entry] = queue.body.reports;
  expect(entry).toMatchObject({
    messageId: ids[2],
    conversationId,
    status: "open",
    sender: { id: pair.expert.id, name: "Esme Expert", status: "active" },
    recipient: { id: pair.learner.id },
    reports: [{
      reason: "Asks me to pay outside TapTime",
      reporter: { id: pair.learner.id, name: "Lee Learner" },
    }],
  });
  expect(entry.context.map((m: { id: string }) => m.id)).toEqual(ids);
  expect(entry.context.find((m: { reported: boolean }) => m.reported).text)
    .toContain("bank 12345");

  const hidePath = `/api/admin/messages/${ids[2]}/hide`;
  expect((await admin.api("POST", hidePath, {})).status).toBe(400);
  const hidden = await admin.api("POST", hidePath, {
    note: "Taking payment off the platform is not allowed.",
  });
  expect(hidden.status).toBe(200);
  expect(hidden.body.report.status).toBe("hidden");
  expect((await admin.api("POST", hidePath, { note: "again" })).status)
    .toBe(409);
  expect(
    (await admin.api("GET", "/api/admin/messages/reports")).body.reports,
  ).toEqual([]);

  for (const party of [learner, expert]) {
    const history = await party.api(
      "GET",
      `/api/conversations/${conversationId}/messages`,
    );
    const message = history.body.messages.find((m: { id: string }) =>
      m.id === ids[2]
    );
    expect(message).toMatchObject({ hidden: true, text: "" });
  }
  const { events } = await listSecurityEvents(app.kv, {
    type: "message_hidden",
  });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    actorId: admin.user!.id,
    userId: pair.expert.id,
    details: {
      messageId: ids[2],
      conversationId,
      note: "Taking payment off the platform is not allowed.",
    },
  });
  const [mail] = await listOutbox(app.kv, { to: pair.expert.email });
  expect(mail.subject).toBe("A moderator hid one of your TapTime messages");
  expect(mail.text).toContain(
    "Taking payment off the platform is not allowed.",
  );
  // Reporting a hidden message is pointless.
  const late = await learner.api(
    "POST",
    reportPath,
    { reason: "x" },
  );
  expect(late.status).toBe(409);
});

Deno.test("dismissing is audited and final for that report; the sender can be suspended", async () => {
  const { app, pair, learner, expert, admin, conversationId, ids } =
    await setUp();
  await using _app = app;
  const reported = await expert.api(
    "POST",
    `/api/conversations/${conversationId}/messages/${ids[3]}/report`,
    { reason: "Rude" },
  );
  expect(reported.status).toBe(201);
  const dismissPath = `/api/admin/messages/${ids[3]}/dismiss`;
  const dismissed = await admin.api("POST", dismissPath);
  expect(dismissed.status).toBe(200);
  expect(dismissed.body.report.status).toBe("dismissed");
  expect((await admin.api("POST", dismissPath)).status).toBe(409);
  expect(
    (await listSecurityEvents(app.kv, { type: "message_reports_dismissed" }))
      .events[0],
  ).toMatchObject({ actorId: admin.user!.id, userId: pair.learner.id });
  expect(
    (await admin.api("GET", "/api/admin/messages/reports")).body.reports,
  ).toEqual([]);
  // Nobody reported this one: nothing to decide.
  expect(
    (await admin.api("POST", `/api/admin/messages/${ids[0]}/dismiss`))
      .status,
  ).toBe(404);

  // The same person cannot report it again; the learner's own message
  // stays unreportable by them.
  const againPath = `/api/conversations/${conversationId}/messages/${
    ids[3]
  }/report`;
  expect((await expert.api("POST", againPath, { reason: "Still rude" })).status)
    .toBe(409);
  const other = await learner.api(
    "POST",
    `/api/conversations/${conversationId}/messages/${ids[1]}/report`,
    { reason: "Spam" },
  );
  expect(other.status).toBe(201);

  // Suspending the sender uses the accounts' suspension, with its reason.
  const suspended = await admin.api(
    "POST",
    `/api/admin/users/${pair.expert.id}/suspend`,
    { reason: "Repeated abuse in messages" },
  );
  expect(suspended.status).toBe(200);
  expect(suspended.body.user.status).toBe("suspended");
  const queue = await admin.api("GET", "/api/admin/messages/reports");
  expect(queue.body.reports[0].sender).toMatchObject({
    id: pair.expert.id,
    status: "suspended",
  });
  expect((await expert.api("GET", "/api/me")).status).toBe(401);
});

Deno.test("reports are rate-limited per person", async () => {
  const { app, pair, learner, conversationId } = await setUp();
  await using _app = app;
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) {
    const { id } = await sendMessage(app.kv, pair.expert.id, conversationId, {
      text: `Message ${i}`,
    });
    statuses.push(
      (await learner.api(
        "POST",
        `/api/conversations/${conversationId}/messages/${id}/report`,
        { reason: "Spam" },
      )).status,
    );
  }
  expect(statuses.slice(0, 10).every((status) => status === 201)).toBe(true);
  expect(statuses[10]).toBe(429);
});

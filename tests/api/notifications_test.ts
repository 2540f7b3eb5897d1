/**
 * The notifications API end to end (every answer checked against the
 * OpenAPI document): a message brings the recipient a notification on
 * their live stream with the unread count, the list pages newest first,
 * marking read (some, all, and another user's ids skipped), and the
 * preferences read, changed and sent back as read.
 */
import { expect } from "expect";
import { logIn } from "@/tests/support/auth.ts";
import { messagingPair } from "@/tests/support/messaging.ts";
import { createApp, stream } from "./live_client.ts";

Deno.test("a message brings a live notification; the list, mark one read, mark all read", async () => {
  await using app = await createApp();
  const pair = await messagingPair(app.kv, { booked: true });
  const learner = await logIn(app, pair.learner.email);
  const expert = await logIn(app, pair.expert.email);

  const before = await learner.api("GET", "/api/notifications");
  expect(before.status).toBe(200);
  expect(before.body.unread).toBe(1);
  expect(before.body.notifications[0]).toMatchObject({
    type: "booking_confirmed",
    link: `/bookings/${pair.bookingId}`,
  });

  const live = await stream(app, learner);
  try {
    const opened = await expert.api("POST", "/api/conversations", {
      withUserId: pair.learner.id,
    });
    const sent = await expert.api(
      "POST",
      `/api/conversations/${opened.body.conversation.id}/messages`,
      { text: "See you on Monday" },
    );
    expect(sent.status).toBe(201);
    let event = await live.next();
    while (event && event.event !== "notification") event = await live.next();
    expect(event?.data).toMatchObject({
      unread: 2,
      notification: {
        type: "new_message",
        title: "New message from Esme Expert",
        body: "See you on Monday",
        link: `/messages/${opened.body.conversation.id}`,
        readAt: null,
      },
    });
  } finally {
    await live.cancel();
  }

  const page = await learner.api("GET", "/api/notifications?limit=1");
  expect(page.body.notifications.map((n: { type: string }) => n.type))
    .toEqual(["new_message"]);
  expect(page.body.nextCursor).toEqual(expect.any(String));
  const rest = await learner.api(
    "GET",
    `/api/notifications?limit=1&cursor=${
      encodeURIComponent(page.body.nextCursor)
    }`,
  );
  expect(rest.body.notifications.map((n: { type: string }) => n.type))
    .toEqual(["booking_confirmed"]);
  expect(rest.body.nextCursor).toBeNull();

  // Someone else's id is skipped: nothing of theirs changes.
  const expertOwn = await expert.api("GET", "/api/notifications");
  const foreign = await learner.api("POST", "/api/notifications/read", {
    ids: [expertOwn.body.notifications[0].id],
  });
  expect(foreign).toMatchObject({ status: 200, body: { unread: 2 } });
  expect((await expert.api("GET", "/api/notifications")).body.unread).toBe(
    expertOwn.body.unread,
  );

  const one = await learner.api("POST", "/api/notifications/read", {
    ids: [page.body.notifications[0].id],
  });
  expect(one).toMatchObject({ status: 200, body: { unread: 1 } });
  const all = await learner.api("POST", "/api/notifications/read", {
    all: true,
  });
  expect(all).toMatchObject({ status: 200, body: { unread: 0 } });
  const after = await learner.api("GET", "/api/notifications");
  expect(
    after.body.notifications.every((n: { readAt: string | null }) =>
      n.readAt !== null
    ),
  ).toBe(true);
});

Deno.test("mark read refuses what it cannot act on with a 400", async () => {
  await using app = await createApp();
  const pair = await messagingPair(app.kv);
  const learner = await logIn(app, pair.learner.email);
  for (
    const body of [
      {},
      { ids: [] },
      { all: false },
      { ids: Array.from({ length: 51 }, (_, i) => `id${i}`) },
      { ids: ["a"], all: true },
    ]
  ) {
    const answer = await learner.api("POST", "/api/notifications/read", body);
    expect({ body, status: answer.status, error: answer.body.error }).toEqual({
      body,
      status: 400,
      error: "validation_error",
    });
  }
  const badCursor = await learner.api(
    "GET",
    "/api/notifications?cursor=%E2%9C%93not-a-cursor",
  );
  expect(badCursor.status).toBe(400);
});

Deno.test("preferences: read, change some, send back as read; texts need a verified number", async () => {
  await using app = await createApp();
  const pair = await messagingPair(app.kv);
  const learner = await logIn(app, pair.learner.email);
  const got = await learner.api("GET", "/api/notification-preferences");
  expect(got.status).toBe(200);
  expect(got.body.smsAvailable).toBe(false);
  expect(got.body.preferences.booking_reminder).toEqual({
    inApp: true,
    email: true,
    sms: false,
  });

  const changed = await learner.api("PUT", "/api/notification-preferences", {
    preferences: { new_message: { email: false } },
  });
  expect(changed.status).toBe(200);
  expect(changed.body.preferences.new_message).toEqual({
    inApp: true,
    email: false,
    sms: null,
  });
  const back = await learner.api(
    "PUT",
    "/api/notification-preferences",
    changed.body,
  );
  expect(back).toMatchObject({ status: 200, body: changed.body });

  const texts = await learner.api("PUT", "/api/notification-preferences", {
    preferences: { booking_reminder: { sms: true } },
  });
  expect(texts).toMatchObject({
    status: 409,
    body: { error: "phone_not_verified" },
  });
  for (
    const preferences of [
      { booking_cancelled: { sms: true } },
      { no_such_kind: { email: true } },
      { new_message: { email: "yes" } },
    ]
  ) {
    const answer = await learner.api("PUT", "/api/notification-preferences", {
      preferences,
    });
    expect({ preferences, status: answer.status, error: answer.body.error })
      .toEqual({ preferences, status: 400, error: "validation_error" });
  }
});

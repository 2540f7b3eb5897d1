/**
 * The messaging API end to end (every answer checked against the OpenAPI
 * document): an inquiry, the expert's answer arriving on the learner's live
 * stream, edits, read receipts, typing, blocking and paging; another user's
 * conversation is a 404.
 */
import { expect } from "expect";
import { logIn, signUp } from "@/tests/support/auth.ts";
import { messagingPair } from "@/tests/support/messaging.ts";
import { createApp, stream } from "./live_client.ts";

Deno.test("an inquiry, the expert's answer live, receipts and typing", async () => {
  await using app = await createApp();
  const pair = await messagingPair(app.kv);
  const learner = await logIn(app, pair.learner.email);
  const expert = await logIn(app, pair.expert.email);

  const started = await learner.api(
    "POST",
    `/api/experts/${pair.expert.id}/inquiry`,
    { text: "Hello! Do you teach beginners?" },
  );
  expect(started.status).toBe(201);
  const conversation = started.body.conversation;
  expect(conversation).toMatchObject({
    status: "inquiry",
    other: { id: pair.expert.id, role: "expert" },
    canWrite: false,
  });
  const again = await learner.api(
    "POST",
    `/api/experts/${pair.expert.id}/inquiry`,
    { text: "Hello again" },
  );
  expect(again.status).toBe(409);
  const waiting = await learner.api(
    "POST",
    `/api/conversations/${conversation.id}/messages`,
    { text: "Anyone?" },
  );
  expect(waiting.status).toBe(409);

  const live = await stream(app, learner);
  const list = await expert.api("GET", "/api/conversations");
  expect(list.body.unreadTotal).toBe(1);
  expect(list.body.conversations[0]).toMatchObject({
    id: conversation.id,
    unread: 1,
    other: { id: pair.learner.id },
  });
  const answer = await expert.api(
    "POST",
    `/api/conversations/${conversation.id}/messages`,
    { text: "Yes! See https://example.com/start" },
  );
  expect(answer.status).toBe(201);
  const created = await live.next();
  expect(created).toMatchObject({
    event: "message.created",
    data: { message: { id: answer.body.message.id } },
  });
  expect(await live.next()).toMatchObject({ event: "notification" });

  const typing = await expert.api(
    "POST",
    `/api/conversations/${conversation.id}/typing`,
  );
  expect(typing.status).toBe(204);
  expect(await live.next()).toMatchObject({
    id: null,
    event: "typing",
    data: { conversationId: conversation.id, userId: pair.expert.id },
  });

  const edited = await expert.api(
    "PATCH",
    `/api/conversations/${conversation.id}/messages/${answer.body.message.id}`,
    { text: "Yes, I do." },
  );
  expect(edited.status).toBe(200);
  expect((await live.next())?.event).toBe("message.updated");

  const read = await learner.api(
    "POST",
    `/api/conversations/${conversation.id}/read`,
  );
  expect(read.body.conversation.unread).toBe(0);
  const seen = await expert.api("GET", `/api/conversations/${conversation.id}`);
  expect(seen.body.conversation.otherReadUpTo).toBe(answer.body.message.id);

  const reply = await learner.api(
    "POST",
    `/api/conversations/${conversation.id}/messages`,
    { text: "Thanks!" },
  );
  expect(reply.status).toBe(201);
  const removed = await learner.api(
    "DELETE",
    `/api/conversations/${conversation.id}/messages/${reply.body.message.id}`,
  );
  expect(removed.body.message).toMatchObject({ text: "", hidden: false });
  await live.cancel();
});

Deno.test("blocking, paging, bad input and strangers", async () => {
  await using app = await createApp();
  const pair = await messagingPair(app.kv, { booked: true });
  const learner = await logIn(app, pair.learner.email);
  const expert = await logIn(app, pair.expert.email);
  const stranger = await signUp(app, "learner");

  const opened = await learner.api("POST", "/api/conversations", {
    withUserId: pair.expert.id,
  });
  expect(opened.status).toBe(200);
  const id = opened.body.conversation.id;
  expect(opened.body.conversation.canWrite).toBe(true);
  const noPair = await stranger.api("POST", "/api/conversations", {
    withUserId: pair.expert.id,
  });
  expect(noPair.status).toBe(404);

  for (let i = 1; i <= 3; i++) {
    expect(
      (await learner.api("POST", `/api/conversations/${id}/messages`, {
        text: `Message ${i}`,
      })).status,
    ).toBe(201);
  }
  const page = await expert.api(
    "GET",
    `/api/conversations/${id}/messages?limit=2`,
  );
  expect(page.body.messages.map((m: { text: string }) => m.text)).toEqual([
    "Message 3",
    "Message 2",
  ]);
  const rest = await expert.api(
    "GET",
    `/api/conversations/${id}/messages?limit=2&cursor=${page.body.nextCursor}`,
  );
  expect(rest.body.messages[0].text).toBe("Message 1");

  const tooLong = await learner.api(
    "POST",
    `/api/conversations/${id}/messages`,
    {
      text: "x".repeat(4001),
    },
  );
  expect(tooLong.status).toBe(400);
  expect(tooLong.body.details.text).toBeDefined();

  expect((await learner.api("PUT", `/api/conversations/${id}/block`)).status)
    .toBe(403);
  const blocked = await expert.api("PUT", `/api/conversations/${id}/block`);
  expect(blocked.body.conversation.blocked).toBe(true);
  const refused = await learner.api(
    "POST",
    `/api/conversations/${id}/messages`,
    {
      text: "Hello?",
    },
  );
  expect(refused.status).toBe(409);
  expect(
    (await expert.api("DELETE", `/api/conversations/${id}/block`)).body
      .conversation.blocked,
  ).toBe(false);

  for (
    const [method, path] of [
      ["GET", `/api/conversations/${id}`],
      ["GET", `/api/conversations/${id}/messages`],
      ["POST", `/api/conversations/${id}/read`],
      ["POST", `/api/conversations/${id}/typing`],
    ]
  ) {
    expect((await stranger.api(method, path)).status).toBe(404);
  }
  const strangerList = await stranger.api("GET", "/api/conversations");
  expect(strangerList.body.conversations).toEqual([]);
});

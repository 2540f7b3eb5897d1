/**
 * The messaging rules: who may start and write in a conversation (booking,
 * one inquiry, the expert's answer, blocking), edits and deletions within 15
 * minutes, unread counts and read receipts, history pages, and the live
 * events each change publishes to both parties.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { ConflictError, NotFoundError } from "@/services/platform/errors.ts";
import { readEventsAfter } from "@/services/platform/events.ts";
import { RateLimitedError } from "@/services/auth/mod.ts";
import {
  deleteMessage,
  editMessage,
  listConversations,
  listMessages,
  markRead,
  openConversation,
  sendInquiry,
  sendMessage,
  setBlocked,
  unreadTotal,
} from "./mod.ts";
import { account, messagingPair } from "@/tests/support/messaging.ts";

async function eventTypes(kv: Deno.Kv, userId: string): Promise<string[]> {
  const { events } = await readEventsAfter(kv, userId, 0, 100);
  // Notifications (bookings, messages) are the notifications feature's events.
  return events.map((event) => event.type).filter((type) =>
    !type.startsWith("notification")
  );
}

Deno.test("a learner and expert with a booking talk; each message reaches the other's list and events", async () => {
  await using kv = await openTestKv();
  const { learner, expert } = await messagingPair(kv, { booked: true });
  const conversation = await openConversation(kv, learner, expert.id);
  expect(await openConversation(kv, expert, learner.id)).toEqual(conversation);
  const sent = await sendMessage(kv, learner.id, conversation.id, {
    text: "  Hello! See https://example.com/notes  ",
  });
  expect(sent.text).toBe("Hello! See https://example.com/notes");
  await sendMessage(kv, expert.id, conversation.id, { text: "Hi there" });

  const [mine] = (await listConversations(kv, learner.id)).items;
  expect(mine.other).toEqual({
    id: expert.id,
    name: "Esme Expert",
    role: "expert",
  });
  expect(mine.lastMessage?.preview).toBe("Hi there");
  expect(mine.unread).toBe(1);
  expect(await unreadTotal(kv, learner.id)).toBe(1);
  // Writing back counted as reading for the expert.
  expect(await unreadTotal(kv, expert.id)).toBe(0);
  expect(await eventTypes(kv, expert.id)).toEqual([
    "message.created",
    "message.created",
  ]);

  const read = await markRead(kv, learner.id, conversation.id);
  expect(read.unread).toBe(0);
  expect(await unreadTotal(kv, learner.id)).toBe(0);
  const theirs = (await listConversations(kv, expert.id)).items[0];
  expect(theirs.otherReadUpTo).toBe(theirs.lastMessage?.id);
  expect((await eventTypes(kv, expert.id)).at(-1)).toBe("conversation.read");
});

Deno.test("without a booking a learner sends one inquiry, then waits for the expert's answer", async () => {
  await using kv = await openTestKv();
  const { learner, expert } = await messagingPair(kv);
  await expect(openConversation(kv, learner, expert.id)).rejects.toThrow(
    NotFoundError,
  );
  const { conversation } = await sendInquiry(kv, learner, expert.id, {
    text: "Do you teach beginners?",
  });
  expect(conversation.status).toBe("inquiry");
  await expect(sendInquiry(kv, learner, expert.id, { text: "Again?" }))
    .rejects.toThrow(ConflictError);
  await expect(
    sendMessage(kv, learner.id, conversation.id, { text: "Hello?" }),
  ).rejects.toThrow(/once the expert answers/);
  await sendMessage(kv, expert.id, conversation.id, { text: "Yes, I do." });
  await sendMessage(kv, learner.id, conversation.id, { text: "Great!" });
  const page = await listMessages(kv, learner.id, conversation.id);
  expect(page.items.map((m) => m.text)).toEqual([
    "Great!",
    "Yes, I do.",
    "Do you teach beginners?",
  ]);
});

Deno.test("inquiries are limited per learner per day", async () => {
  await using kv = await openTestKv();
  const { learner } = await messagingPair(kv);
  for (let i = 0; i < 5; i++) {
    const { expert } = await messagingPair(kv);
    await sendInquiry(kv, learner, expert.id, { text: `Question ${i}` });
  }
  const { expert } = await messagingPair(kv);
  await expect(sendInquiry(kv, learner, expert.id, { text: "One more" }))
    .rejects.toThrow(RateLimitedError);
});

Deno.test("only a learner writes to a published expert; strangers see no conversation", async () => {
  await using kv = await openTestKv();
  const { learner, expert } = await messagingPair(kv, { booked: true });
  const otherLearner = await account(kv, "learner");
  await expect(sendInquiry(kv, expert, learner.id, { text: "Hi" })).rejects
    .toThrow(NotFoundError);
  await expect(sendInquiry(kv, learner, otherLearner.id, { text: "Hi" }))
    .rejects.toThrow(NotFoundError);
  const conversation = await openConversation(kv, learner, expert.id);
  await expect(
    sendMessage(kv, otherLearner.id, conversation.id, { text: "Hi" }),
  ).rejects.toThrow(NotFoundError);
  await expect(listMessages(kv, otherLearner.id, conversation.id)).rejects
    .toThrow(NotFoundError);
  await expect(markRead(kv, otherLearner.id, conversation.id)).rejects
    .toThrow(NotFoundError);
});

Deno.test("a blocked learner cannot write until the expert unblocks", async () => {
  await using kv = await openTestKv();
  const { learner, expert } = await messagingPair(kv, { booked: true });
  const conversation = await openConversation(kv, learner, expert.id);
  await expect(setBlocked(kv, learner.id, conversation.id, true)).rejects
    .toThrow(ConflictError);
  const blocked = await setBlocked(kv, expert.id, conversation.id, true);
  expect(blocked.blocked).toBe(true);
  await expect(
    sendMessage(kv, learner.id, conversation.id, { text: "Hello" }),
  ).rejects.toThrow(/does not take messages/);
  await setBlocked(kv, expert.id, conversation.id, false);
  await sendMessage(kv, learner.id, conversation.id, { text: "Hello" });
});

Deno.test("messages are edited and deleted by their author within 15 minutes", async () => {
  await using kv = await openTestKv();
  using clock = useFakeClock(new Date());
  const { learner, expert } = await messagingPair(kv, { booked: true });
  const conversation = await openConversation(kv, learner, expert.id);
  const sent = await sendMessage(kv, learner.id, conversation.id, {
    text: "Tuesday?",
  });
  await expect(
    editMessage(kv, expert.id, conversation.id, sent.id, { text: "No" }),
  ).rejects.toThrow(/your own/);
  const edited = await editMessage(kv, learner.id, conversation.id, sent.id, {
    text: "Wednesday?",
  });
  expect(edited.text).toBe("Wednesday?");
  expect(edited.editedAt).not.toBeNull();
  const second = await sendMessage(kv, learner.id, conversation.id, {
    text: "Oops",
  });
  const deleted = await deleteMessage(
    kv,
    learner.id,
    conversation.id,
    second.id,
  );
  expect(deleted.message).toMatchObject({ text: "", attachment: null });
  expect(deleted.message.deletedAt).not.toBeNull();
  clock.advance(16 * 60 * 1000);
  await expect(
    editMessage(kv, learner.id, conversation.id, sent.id, { text: "Late" }),
  ).rejects.toThrow(/15 minutes/);
  expect((await eventTypes(kv, expert.id)).slice(-2)).toEqual([
    "message.created",
    "message.deleted",
  ]);
});

Deno.test("text follows the one text rule and the 4,000 character limit", async () => {
  await using kv = await openTestKv();
  const { learner, expert } = await messagingPair(kv, { booked: true });
  const conversation = await openConversation(kv, learner, expert.id);
  for (const text of ["", "   ", "x".repeat(4001), "hi\u202Eevil"]) {
    await expect(sendMessage(kv, learner.id, conversation.id, { text }))
      .rejects.toThrow(/invalid|characters|empty|hidden/i);
  }
  const long = await sendMessage(kv, learner.id, conversation.id, {
    text: "<b>not bold</b>\n" + "y".repeat(3900),
  });
  expect(long.text.startsWith("<b>not bold</b>\n")).toBe(true);
});

Deno.test("history pages newest first with a cursor", async () => {
  await using kv = await openTestKv();
  const { learner, expert } = await messagingPair(kv, { booked: true });
  const conversation = await openConversation(kv, learner, expert.id);
  for (let i = 1; i <= 25; i++) {
    await sendMessage(kv, i % 2 ? learner.id : expert.id, conversation.id, {
      text: `m${i}`,
    });
  }
  const first = await listMessages(kv, expert.id, conversation.id, {
    limit: 10,
  });
  expect(first.items.map((m) => m.text)[0]).toBe("m25");
  const second = await listMessages(kv, expert.id, conversation.id, {
    limit: 10,
    cursor: first.nextCursor!,
  });
  expect(second.items[0].text).toBe("m15");
  const third = await listMessages(kv, expert.id, conversation.id, {
    limit: 10,
    cursor: second.nextCursor!,
  });
  expect(third.items.map((m) => m.text)).toEqual(
    ["m5", "m4", "m3", "m2", "m1"],
  );
  expect(third.nextCursor).toBeNull();
});

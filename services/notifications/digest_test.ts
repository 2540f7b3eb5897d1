/**
 * The unread-messages email: one digest 10 minutes (on the app clock) after
 * the first unread message of a quiet period, sent once however many runs
 * race, skipped when everything was read meanwhile or the email is not
 * wanted; and the in-app notification each message brings, published live.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { messagingPair } from "@/tests/support/messaging.ts";
import {
  markRead,
  openConversation,
  sendMessage,
  unreadTotal,
} from "@/services/messaging/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { readEventsAfter } from "@/services/platform/events.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import {
  listNotifications,
  MESSAGE_DIGEST_DELAY_MS,
  runMessageDigest,
  setPreferences,
  unreadMessagesProvider,
  unreadNotificationCount,
} from "./mod.ts";

const MINUTE = 60_000;

async function setUp() {
  const kv = await openTestKv();
  bindProviders(kv, [provide(unreadMessagesProvider, unreadTotal)]);
  const { learner, expert } = await messagingPair(kv, { booked: true });
  const conversation = await openConversation(kv, expert, learner.id);
  return { kv, learner, expert, conversation };
}

async function markerId(kv: Deno.Kv, userId: string): Promise<string | null> {
  const entry = await kv.get<{ id: string }>(["notification_digest", userId]);
  return entry.value?.id ?? null;
}

async function digests(kv: Deno.Kv, to: string) {
  return (await listOutbox(kv, { to })).filter((m) =>
    m.subject.includes("unread message")
  );
}

Deno.test("three messages bring one notification, published live, and one digest 10 minutes after the first", async () => {
  const { kv, learner, expert, conversation } = await setUp();
  await using _kv = kv;
  using clock = useFakeClock(new Date());
  const seqBefore = (await readEventsAfter(kv, learner.id, 0, 1000)).events
    .length;
  await sendMessage(kv, expert.id, conversation.id, { text: "Hello there" });
  const first = await markerId(kv, learner.id);
  expect(first).not.toBeNull();
  clock.advance(3 * MINUTE);
  await sendMessage(kv, expert.id, conversation.id, { text: "Are you" });
  await sendMessage(kv, expert.id, conversation.id, {
    text: "free on Monday?",
  });
  // Still the first message's period.
  expect(await markerId(kv, learner.id)).toBe(first);

  const items = (await listNotifications(kv, learner.id)).items.filter((
    item,
  ) => item.type === "new_message");
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({
    type: "new_message",
    title: "New message from Esme Expert",
    body: "free on Monday?",
    link: `/messages/${conversation.id}`,
  });
  // The booking's notification, and one for the conversation.
  expect(await unreadNotificationCount(kv, learner.id)).toBe(2);
  const { events } = await readEventsAfter(kv, learner.id, seqBefore, 100);
  expect(
    events.filter((e) => e.type === "notification").map((e) =>
      (e.data as { unread: number }).unread
    ),
  ).toEqual([2, 2, 2]);
  // The sender is told nothing of their own messages.
  expect(
    (await listNotifications(kv, expert.id)).items.map((item) => item.type),
  ).toEqual(["booking_confirmed"]);

  clock.advance(MESSAGE_DIGEST_DELAY_MS - 3 * MINUTE - 1);
  expect(await runMessageDigest(kv, learner.id, first!)).toBe("not_due");
  expect(await digests(kv, learner.email)).toEqual([]);
  clock.advance(1);
  const outcomes = await Promise.all([
    runMessageDigest(kv, learner.id, first!),
    runMessageDigest(kv, learner.id, first!),
    runMessageDigest(kv, learner.id, first!),
  ]);
  expect(outcomes.sort()).toEqual(["gone", "gone", "sent"]);
  const [digest, ...more] = await digests(kv, learner.email);
  expect(more).toEqual([]);
  expect(digest.subject).toBe("You have 3 unread messages on TapTime");
  expect(digest.text).toContain("from Esme Expert");
  expect(digest.text).toContain("/messages");
  // A delivery repeated later changes nothing.
  expect(await runMessageDigest(kv, learner.id, first!)).toBe("gone");

  // The period ended: the next message starts another.
  await sendMessage(kv, expert.id, conversation.id, { text: "Ping" });
  const second = await markerId(kv, learner.id);
  expect(second).not.toBe(first);
  clock.advance(MESSAGE_DIGEST_DELAY_MS);
  expect(await runMessageDigest(kv, learner.id, second!)).toBe("sent");
  expect(await digests(kv, learner.email)).toHaveLength(2);
});

Deno.test("no digest when everything was read meanwhile, or messages are not wanted by email", async () => {
  const { kv, learner, expert, conversation } = await setUp();
  await using _kv = kv;
  using clock = useFakeClock(new Date());
  await sendMessage(kv, expert.id, conversation.id, { text: "Hello" });
  const marker = await markerId(kv, learner.id);
  await markRead(kv, learner.id, conversation.id);
  clock.advance(MESSAGE_DIGEST_DELAY_MS);
  expect(await runMessageDigest(kv, learner.id, marker!)).toBe("skipped");
  expect(await markerId(kv, learner.id)).toBeNull();

  await sendMessage(kv, expert.id, conversation.id, { text: "Again" });
  const next = await markerId(kv, learner.id);
  await setPreferences(kv, learner.id, { new_message: { email: false } });
  clock.advance(MESSAGE_DIGEST_DELAY_MS);
  expect(await runMessageDigest(kv, learner.id, next!)).toBe("skipped");
  // Turned off: a message no longer starts a period.
  await sendMessage(kv, expert.id, conversation.id, { text: "And again" });
  expect(await markerId(kv, learner.id)).toBeNull();
  expect(await digests(kv, learner.email)).toEqual([]);
  // In the app they are still told.
  expect(
    (await listNotifications(kv, learner.id)).items.filter((item) =>
      item.type === "new_message" && item.readAt === null
    ),
  ).toHaveLength(1);
});

Deno.test("reading a conversation clears its new-message notice in the bell", async () => {
  const { kv, learner, expert, conversation } = await setUp();
  await using _kv = kv;
  await sendMessage(kv, expert.id, conversation.id, { text: "Hello there" });
  const before = await unreadNotificationCount(kv, learner.id);
  await markRead(kv, learner.id, conversation.id);
  expect(await unreadNotificationCount(kv, learner.id)).toBe(before - 1);
  const notice = (await listNotifications(kv, learner.id)).items
    .find((item) => item.type === "new_message");
  expect(notice?.readAt).not.toBeNull();
});

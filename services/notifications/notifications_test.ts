/**
 * The notification store: newest-first pages, the unread count kept exact
 * under concurrent creates and reads, grouping, the live event each change
 * publishes, and removal after 90 days (by the reader's list and by the
 * cleanup job).
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { account } from "@/tests/support/messaging.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { readEventsAfter } from "@/services/platform/events.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import {
  listNotifications,
  markNotificationsRead,
  NOTIFICATION_RETENTION_MS,
  notify,
  removeExpiredNotifications,
  unreadNotificationCount,
} from "./mod.ts";

const note = (n: number) => ({
  type: "booking_confirmed" as const,
  title: `Booked ${n}`,
  body: "With Esme",
  link: `/bookings/b${n}`,
});

/** How many unread index entries the user has: the truth the count keeps. */
async function unreadIndexSize(kv: Deno.Kv, userId: string) {
  let n = 0;
  for await (const _ of kv.list({ prefix: ["notifications_unread", userId] })) {
    n++;
  }
  return n;
}

Deno.test("notifications list newest first, page by page, and publish a live event with the count", async () => {
  await using kv = await openTestKv();
  const user = await account(kv, "learner");
  for (let n = 1; n <= 5; n++) await notify(kv, user.id, note(n));
  const first = await listNotifications(kv, user.id, { limit: 3 });
  expect(first.items.map((item) => item.title)).toEqual([
    "Booked 5",
    "Booked 4",
    "Booked 3",
  ]);
  const second = await listNotifications(kv, user.id, {
    cursor: first.nextCursor!,
    limit: 3,
  });
  expect(second.items.map((item) => item.title)).toEqual([
    "Booked 2",
    "Booked 1",
  ]);
  expect(second.nextCursor).toBeNull();
  expect(await unreadNotificationCount(kv, user.id)).toBe(5);

  const { events } = await readEventsAfter(kv, user.id, 0, 100);
  expect(events.map((event) => event.type)).toEqual(
    Array(5).fill("notification"),
  );
  expect(events.map((event) => (event.data as { unread: number }).unread))
    .toEqual([1, 2, 3, 4, 5]);
  expect((events[4].data as { notification: unknown }).notification)
    .toEqual(first.items[0]);
});

Deno.test("marking read: some ids (others' and unknown ones skipped), then all; each publishes the count", async () => {
  await using kv = await openTestKv();
  const user = await account(kv, "learner");
  const other = await account(kv, "learner");
  for (let n = 1; n <= 4; n++) await notify(kv, user.id, note(n));
  const theirs = await notify(kv, other.id, note(9));
  const [a, b] = (await listNotifications(kv, user.id)).items;

  expect(
    await markNotificationsRead(kv, user.id, {
      ids: [a.id, b.id, a.id, theirs!.id, "01NOSUCHNOTIFICATION0000000"],
    }),
  ).toEqual({ unread: 2 });
  // Someone else's id changed nothing of theirs.
  expect(await unreadNotificationCount(kv, other.id)).toBe(1);
  // Marking again changes nothing.
  expect(await markNotificationsRead(kv, user.id, { ids: [a.id] }))
    .toEqual({ unread: 2 });
  const items = (await listNotifications(kv, user.id)).items;
  expect(items.map((item) => item.readAt !== null)).toEqual([
    true,
    true,
    false,
    false,
  ]);

  expect(await markNotificationsRead(kv, user.id, { all: true }))
    .toEqual({ unread: 0 });
  const { events } = await readEventsAfter(kv, user.id, 4, 100);
  expect(
    events.map((
      event,
    ) => [event.type, (event.data as { unread: number }).unread]),
  )
    .toEqual([["notification.read", 2], ["notification.read", 0]]);

  await expect(markNotificationsRead(kv, user.id, { ids: [] })).rejects
    .toThrow(ValidationError);
  await expect(
    markNotificationsRead(kv, user.id, { all: false } as never),
  ).rejects.toThrow(ValidationError);
});

Deno.test("the unread count stays exact under concurrent creates and reads", async () => {
  await using kv = await openTestKv();
  const user = await account(kv, "learner");
  for (let n = 0; n < 10; n++) await notify(kv, user.id, note(n));
  const existing = (await listNotifications(kv, user.id)).items;
  await Promise.all([
    ...Array.from({ length: 25 }, (_, n) => notify(kv, user.id, note(100 + n))),
    ...existing.map((item) =>
      markNotificationsRead(kv, user.id, { ids: [item.id] })
    ),
    markNotificationsRead(kv, user.id, {
      ids: existing.slice(0, 5).map((item) => item.id),
    }),
  ]);
  expect(await unreadNotificationCount(kv, user.id)).toBe(25);
  expect(await unreadIndexSize(kv, user.id)).toBe(25);
  await Promise.all([
    markNotificationsRead(kv, user.id, { all: true }),
    ...Array.from({ length: 5 }, (_, n) => notify(kv, user.id, note(200 + n))),
  ]);
  expect(await unreadNotificationCount(kv, user.id))
    .toBe(await unreadIndexSize(kv, user.id));
});

Deno.test("a group keeps one unread notification: a newer one replaces it, a read one stays", async () => {
  await using kv = await openTestKv();
  const user = await account(kv, "learner");
  const message = (text: string) => ({
    type: "new_message" as const,
    title: "New message from Esme",
    body: text,
    link: "/messages/c1",
    group: "conversation:c1",
  });
  await notify(kv, user.id, message("one"));
  await notify(kv, user.id, message("two"));
  let items = (await listNotifications(kv, user.id)).items;
  expect(items.map((item) => item.body)).toEqual(["two"]);
  expect(await unreadNotificationCount(kv, user.id)).toBe(1);
  await markNotificationsRead(kv, user.id, { ids: [items[0].id] });
  await notify(kv, user.id, message("three"));
  items = (await listNotifications(kv, user.id)).items;
  expect(items.map((item) => item.body)).toEqual(["three", "two"]);
  expect(await unreadNotificationCount(kv, user.id)).toBe(1);
});

Deno.test("a kind turned off in the app is not stored; bad input is refused without throwing", async () => {
  await using kv = await openTestKv();
  const user = await account(kv, "learner");
  const { setPreferences } = await import("./mod.ts");
  await setPreferences(kv, user.id, { booking_confirmed: { inApp: false } });
  expect(await notify(kv, user.id, note(1))).toBeNull();
  // A link to another site is never stored (and the producer is not broken).
  expect(
    await notify(kv, user.id, {
      type: "booking_cancelled",
      title: "x",
      link: "//evil.example",
    }),
  ).toBeNull();
  expect(await unreadNotificationCount(kv, user.id)).toBe(0);
});

Deno.test("after 90 days a notification goes, with the count: from the reader's list, and by the cleanup job", async () => {
  await using kv = await openTestKv();
  using clock = useFakeClock(new Date("2030-01-01T00:00:00Z"));
  const reader = await account(kv, "learner");
  const away = await account(kv, "learner");
  await notify(kv, reader.id, note(1));
  await notify(kv, away.id, note(1));
  await notify(kv, away.id, note(2));
  const [second] = (await listNotifications(kv, away.id)).items;
  await markNotificationsRead(kv, away.id, { ids: [second.id] });
  clock.advance(24 * 3_600_000);
  await notify(kv, reader.id, note(2));

  clock.advance(NOTIFICATION_RETENTION_MS - 24 * 3_600_000 - 1);
  expect(await unreadNotificationCount(kv, reader.id)).toBe(2);
  clock.advance(1);
  // The reader's own look removes what is due.
  expect((await listNotifications(kv, reader.id)).items.map((i) => i.title))
    .toEqual(["Booked 2"]);
  expect(await unreadNotificationCount(kv, reader.id)).toBe(1);

  // The user who never comes back: the cleanup job removes theirs.
  expect(await removeExpiredNotifications(kv)).toEqual({
    removed: 2,
    more: false,
  });
  expect(await kv.get(["notification_unread_count", away.id])).toMatchObject({
    value: 0,
  });
  let left = 0;
  for await (const _ of kv.list({ prefix: ["notifications", away.id] })) left++;
  for await (const _ of kv.list({ prefix: ["notification_expiry"] })) left++;
  // Only the reader's second notification remains, with its index entry.
  expect(left).toBe(1);
  clock.advance(24 * 3_600_000);
  expect(await removeExpiredNotifications(kv)).toEqual({
    removed: 1,
    more: false,
  });
  expect(await unreadNotificationCount(kv, reader.id)).toBe(0);
});

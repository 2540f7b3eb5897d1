/**
 * The live hub on its own (one process, `:memory:` KV): delivery, resuming,
 * isolation between users, session end, the connection limit, ephemeral
 * events, expiry, and the bound on a slow client's memory.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { publishEvent } from "@/services/platform/events.ts";
import { LiveHub, type LiveHubOptions } from "./hub.ts";
import { SseReader } from "./sse_client.ts";

const FAST: Partial<LiveHubOptions> = {
  pollMs: null,
  heartbeatMs: 200,
  sessionCheckMs: 50,
};

async function open(
  hub: LiveHub,
  userId: string,
  options: { lastEventId?: number; isLive?: () => Promise<boolean> } = {},
): Promise<SseReader> {
  return new SseReader(
    await hub.open({
      userId,
      lastEventId: options.lastEventId ?? null,
      isLive: options.isLive ?? (() => Promise.resolve(true)),
    }),
  );
}

Deno.test("an event published for a user arrives on their open stream, numbered", async () => {
  await using kv = await openTestKv();
  const hub = new LiveHub(kv, FAST);
  const stream = await open(hub, "u1");
  await publishEvent(kv, "u1", { type: "message.created", data: { n: 1 } });
  await publishEvent(kv, "u1", { type: "message.created", data: { n: 2 } });
  expect(await stream.next()).toEqual({
    id: "1",
    event: "message.created",
    data: { n: 1 },
  });
  expect((await stream.next())?.id).toBe("2");
  expect(stream.retry).toBe(3000);
  // Heartbeats while nothing happens.
  await new Promise((resolve) => setTimeout(resolve, 450));
  await stream.drain(10);
  expect(stream.comments.filter((c) => c === "heartbeat").length)
    .toBeGreaterThanOrEqual(1);
  await stream.cancel();
  expect(hub.stats()).toEqual({ users: 0, connections: 0, maxQueued: 0 });
});

Deno.test("a stream resumed after event 2 gets 3 and 4 and then new ones", async () => {
  await using kv = await openTestKv();
  const hub = new LiveHub(kv, FAST);
  for (let n = 1; n <= 4; n++) {
    await publishEvent(kv, "u1", { type: "note", data: { n } });
  }
  const fresh = await open(hub, "u1");
  const resumed = await open(hub, "u1", { lastEventId: 2 });
  expect((await resumed.next())?.data).toEqual({ n: 3 });
  expect((await resumed.next())?.data).toEqual({ n: 4 });
  await publishEvent(kv, "u1", { type: "note", data: { n: 5 } });
  expect((await resumed.next())?.id).toBe("5");
  // Without a resume point only new events come.
  expect((await fresh.next())?.id).toBe("5");
  await fresh.cancel();
  await resumed.cancel();
});

Deno.test("a user gets only their own events", async () => {
  await using kv = await openTestKv();
  const hub = new LiveHub(kv, FAST);
  const alice = await open(hub, "alice");
  const bob = await open(hub, "bob");
  await publishEvent(kv, "bob", { type: "note", data: { to: "bob" } });
  expect((await bob.next())?.data).toEqual({ to: "bob" });
  expect(await alice.drain(300)).toEqual([]);
  // Alice resuming from the start sees none of Bob's either.
  const again = await open(hub, "alice", { lastEventId: 0 });
  expect(await again.drain(200)).toEqual([]);
  for (const stream of [alice, bob, again]) await stream.cancel();
});

Deno.test("the stream ends, saying why, once its session has ended", async () => {
  await using kv = await openTestKv();
  const hub = new LiveHub(kv, FAST);
  let live = true;
  const stream = await open(hub, "u1", { isLive: () => Promise.resolve(live) });
  await publishEvent(kv, "u1", { type: "note", data: {} });
  expect((await stream.next())?.id).toBe("1");
  live = false;
  expect(await stream.next(2_000)).toEqual({
    id: null,
    event: "end",
    data: { reason: "session_ended" },
  });
  expect(await stream.next(2_000)).toBeNull();
  expect(hub.stats().connections).toBe(0);
});

Deno.test("a user's streams are limited; a new one ends the oldest", async () => {
  await using kv = await openTestKv();
  const hub = new LiveHub(kv, { ...FAST, maxConnectionsPerUser: 2 });
  const first = await open(hub, "u1");
  const second = await open(hub, "u1");
  const third = await open(hub, "u1");
  expect((await first.next())?.data).toEqual({ reason: "replaced" });
  expect(await first.next()).toBeNull();
  expect(hub.stats().connections).toBe(2);
  await publishEvent(kv, "u1", { type: "note", data: {} });
  expect((await second.next())?.id).toBe("1");
  expect((await third.next())?.id).toBe("1");
  await second.cancel();
  await third.cancel();
});

Deno.test("typing is delivered to open streams only, without an id", async () => {
  await using kv = await openTestKv();
  const hub = new LiveHub(kv, FAST);
  const stream = await open(hub, "u1");
  await publishEvent(kv, "u1", {
    type: "typing",
    data: { conversationId: "c1" },
    ephemeral: true,
  });
  expect(await stream.next()).toEqual({
    id: null,
    event: "typing",
    data: { conversationId: "c1" },
  });
  const later = await open(hub, "u1", { lastEventId: 0 });
  expect(await later.drain(200)).toEqual([]);
  await stream.cancel();
  await later.cancel();
});

Deno.test("a client that missed expired events is told to resync", async () => {
  await using kv = await openTestKv();
  using clock = useFakeClock(new Date());
  const hub = new LiveHub(kv, FAST);
  await publishEvent(kv, "u1", { type: "note", data: { n: 1 } });
  await publishEvent(kv, "u1", { type: "note", data: { n: 2 } });
  clock.advance(8 * 24 * 60 * 60 * 1000);
  await publishEvent(kv, "u1", { type: "note", data: { n: 3 } });
  const stream = await open(hub, "u1", { lastEventId: 0 });
  expect(await stream.next()).toEqual({ id: "3", event: "resync", data: {} });
  await publishEvent(kv, "u1", { type: "note", data: { n: 4 } });
  expect((await stream.next())?.data).toEqual({ n: 4 });
  await stream.cancel();
});

Deno.test("a client that does not read holds a bounded queue, then catches up in order", async () => {
  await using kv = await openTestKv();
  const hub = new LiveHub(kv, { ...FAST, queueLimit: 4 });
  const stream = await open(hub, "u1");
  const text = "x".repeat(2_000);
  for (let n = 1; n <= 300; n++) {
    await publishEvent(kv, "u1", { type: "note", data: { n, text } });
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(hub.stats().maxQueued).toBeLessThanOrEqual(4);
  const seen: number[] = [];
  for (let n = 1; n <= 300; n++) seen.push((await stream.next())!.data.n);
  expect(seen).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
  await stream.cancel();
});

Deno.test("a client that takes nothing for too long is dropped", async () => {
  await using kv = await openTestKv();
  const hub = new LiveHub(kv, { ...FAST, queueLimit: 2, stallMs: 100 });
  const stream = await hub.open({
    userId: "u1",
    lastEventId: null,
    isLive: () => Promise.resolve(true),
  });
  for (let n = 1; n <= 5; n++) {
    await publishEvent(kv, "u1", { type: "note", data: { n } });
  }
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(hub.stats().connections).toBe(0);
  await expect(stream.getReader().read()).rejects.toThrow();
});

Deno.test("closing the database ends the streams", async () => {
  const kv = await openTestKv();
  const hub = new LiveHub(kv, FAST);
  const stream = await open(hub, "u1");
  kv.close();
  expect(await stream.drain(2_000)).toEqual([]);
  expect(stream.closed).toBe(true);
  expect(hub.stats().connections).toBe(0);
});

Deno.test("a stream opened while the user's last one closes still gets events", async () => {
  await using kv = await openTestKv();
  const hub = new LiveHub(kv, FAST);
  // The previous page's stream...
  const previous = await open(hub, "u1");
  // ...closes just as the next page's stream is being opened: the opening
  // waits for the channel while the last connection leaves it.
  const opening = hub.open({
    userId: "u1",
    lastEventId: null,
    isLive: () => Promise.resolve(true),
  });
  await previous.cancel();
  const next = new SseReader(await opening);
  await publishEvent(kv, "u1", { type: "note", data: { n: 1 } });
  expect(await next.next(2_000)).toEqual({
    id: "1",
    event: "note",
    data: { n: 1 },
  });
  expect(hub.stats()).toMatchObject({ users: 1, connections: 1 });
  await next.cancel();
  expect(hub.stats()).toEqual({ users: 0, connections: 0, maxQueued: 0 });
});

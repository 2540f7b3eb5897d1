/**
 * Live events' lifetimes: the week by default, or an event's own shorter
 * `ttlMs` (a call's signals), after which a reader that missed it is told
 * to resynchronise.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "./clock.ts";
import {
  EPHEMERAL_EVENT_MS,
  EVENT_RETENTION_MS,
  publishEvent,
  readEphemeralEvent,
  readEventsAfter,
} from "./events.ts";

const start = new Date("2030-01-01T10:00:00.000Z");

Deno.test("an event is kept a week unless it asks for less with ttlMs", async () => {
  await using kv = await openTestKv();
  using clock = useFakeClock(start);
  const kept = await publishEvent(kv, "u1", { type: "note", data: 1 });
  const brief = await publishEvent(kv, "u1", {
    type: "call.signal",
    data: 2,
    ttlMs: 120_000,
  });
  expect(kept?.expiresAt).toBe(
    new Date(start.getTime() + EVENT_RETENTION_MS).toISOString(),
  );
  expect(brief?.expiresAt).toBe("2030-01-01T10:02:00.000Z");
  expect((await readEventsAfter(kv, "u1", 1, 10)).events.map((e) => e.seq))
    .toEqual([2]);
  // Past its two minutes, a reader that missed it must resynchronise.
  clock.advance(120_000);
  expect(await readEventsAfter(kv, "u1", 1, 10)).toEqual({
    events: [],
    gap: true,
  });
  expect((await readEventsAfter(kv, "u1", 0, 10)).events.map((e) => e.seq))
    .toEqual([1]);
});

Deno.test("an ephemeral event may be shorter-lived too", async () => {
  await using kv = await openTestKv();
  using clock = useFakeClock(start);
  await publishEvent(kv, "u1", {
    type: "typing",
    data: {},
    ephemeral: true,
    ttlMs: 5_000,
  });
  expect((await readEphemeralEvent(kv, "u1"))?.expiresAt).toBe(
    "2030-01-01T10:00:05.000Z",
  );
  clock.advance(5_000);
  expect(await readEphemeralEvent(kv, "u1")).toBe(null);
});

Deno.test("ttlMs is a whole number of milliseconds no longer than the default", async () => {
  await using kv = await openTestKv();
  for (const ttlMs of [0, -1, 1.5, EVENT_RETENTION_MS + 1]) {
    await expect(publishEvent(kv, "u1", { type: "note", data: 1, ttlMs }))
      .rejects.toThrow(RangeError);
  }
  await expect(publishEvent(kv, "u1", {
    type: "typing",
    data: 1,
    ephemeral: true,
    ttlMs: EPHEMERAL_EVENT_MS + 1,
  })).rejects.toThrow(RangeError);
  expect(await readEventsAfter(kv, "u1", 0, 10)).toEqual({
    events: [],
    gap: false,
  });
});

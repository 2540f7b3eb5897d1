import { expect } from "expect";
import { STALE_AFTER_MS } from "./model.ts";
import {
  absent,
  applyHeartbeat,
  applyJoin,
  applyLeave,
  durationMs,
  isPresent,
} from "./presence.ts";

const T0 = Date.parse("2030-05-01T10:00:00.000Z");
const MIN = 60_000;

Deno.test("a join, heartbeats and a leave make one stretch", () => {
  let record = applyJoin(absent("b", "u", "p2p"), T0);
  for (let t = 15_000; t <= 10 * MIN; t += 15_000) {
    record = applyHeartbeat(record, T0 + t);
  }
  expect(isPresent(record, T0 + 10 * MIN)).toBe(true);
  record = applyLeave(record, T0 + 10 * MIN + 5_000);
  expect(durationMs(record, T0 + 60 * MIN)).toBe(10 * MIN + 5_000);
  expect(record).toMatchObject({
    firstJoinedAt: "2030-05-01T10:00:00.000Z",
    lastLeftAt: "2030-05-01T10:10:05.000Z",
    openSince: null,
    joins: 1,
  });
});

Deno.test("a silent peer-to-peer page left at its last heartbeat", () => {
  let record = applyJoin(absent("b", "u", "p2p"), T0);
  for (let t = 15_000; t <= MIN; t += 15_000) {
    record = applyHeartbeat(record, T0 + t);
  }
  const later = T0 + MIN + STALE_AFTER_MS + 1;
  expect(isPresent(record, later)).toBe(false);
  expect(durationMs(record, later)).toBe(MIN);
  // Coming back opens a second stretch; the gap is not counted.
  record = applyHeartbeat(record, T0 + 5 * MIN);
  expect(record.joins).toBe(2);
  record = applyLeave(record, T0 + 5 * MIN + 30_000);
  expect(durationMs(record, T0 + 7 * MIN)).toBe(MIN + 30_000);
});

Deno.test("repeated and late events count nothing twice", () => {
  let record = applyJoin(absent("b", "u", "livekit"), T0);
  record = applyJoin(record, T0 + MIN); // a second join while in: still one stretch
  expect(record.joins).toBe(1);
  record = applyLeave(record, T0 + 30 * MIN);
  const once = durationMs(record, T0 + 40 * MIN);
  expect(applyLeave(record, T0 + 31 * MIN)).toEqual(record);
  // The join reported after its leave opens nothing.
  expect(applyJoin(record, T0 + 10 * MIN)).toEqual(record);
  expect(once).toBe(30 * MIN);
});

Deno.test("LiveKit stretches never go stale between events", () => {
  const record = applyJoin(absent("b", "u", "livekit"), T0);
  expect(isPresent(record, T0 + 50 * MIN)).toBe(true);
  expect(durationMs(record, T0 + 50 * MIN)).toBe(50 * MIN);
});

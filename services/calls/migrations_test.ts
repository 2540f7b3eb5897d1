/**
 * The retired `call_recording` notes are deleted at start-up, and nothing
 * else of a call; a second run finds nothing to do.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { dropCallRecordingNotes } from "./migrations.ts";

Deno.test("leftover call recording notes are dropped once, other call data kept", async () => {
  await using kv = await openTestKv();
  await kv.set(["call_recording", "B1", "EG_1"], { egressId: "EG_1" });
  await kv.set(["call_recording", "B2", "EG_2"], { egressId: "EG_2" });
  await kv.set(["call_session", "B1"], { bookingId: "B1" });
  expect(await dropCallRecordingNotes(kv)).toEqual({
    migrated: 2,
    unresolved: [],
  });
  expect(await dropCallRecordingNotes(kv)).toEqual({
    migrated: 0,
    unresolved: [],
  });
  const left = [];
  for await (const entry of kv.list({ prefix: [] })) left.push(entry.key);
  expect(left).toEqual([["call_session", "B1"]]);
});

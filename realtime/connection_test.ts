/**
 * One connection against a channel that lags behind KV (its watch has not
 * delivered the latest counter yet, as under load): a page that resumes
 * after an event the channel has not heard of gets only newer events,
 * while an id from the future (another database) starts over.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { publishEvent } from "@/services/platform/events.ts";
import { Connection, type ConnectionSource } from "./connection.ts";
import { SseReader } from "./sse_client.ts";

const OPTIONS = {
  heartbeatMs: 200,
  queueLimit: 4,
  stallMs: 60_000,
  retryMs: 3_000,
};

function lagging(kv: Deno.Kv, latest: number) {
  const source: ConnectionSource & { latest: number } = {
    kv,
    userId: "u1",
    latest,
    detach: () => {},
  };
  return source;
}

Deno.test("a resume point the channel has not heard of yet is not sent again", async () => {
  await using kv = await openTestKv();
  for (let n = 1; n <= 2; n++) {
    await publishEvent(kv, "u1", { type: "note", data: { n } });
  }
  const source = lagging(kv, 1);
  const connection = new Connection(
    source,
    OPTIONS,
    2,
    () => Promise.resolve(true),
  );
  const reader = new SseReader(connection.stream);
  await publishEvent(kv, "u1", { type: "note", data: { n: 3 } });
  await new Promise((resolve) => setTimeout(resolve, 20));
  source.latest = 3;
  connection.wake();
  expect((await reader.next(1_000))?.id).toBe("3");
  await reader.cancel();
});

Deno.test("an id from the future starts over from what KV holds", async () => {
  await using kv = await openTestKv();
  const source = lagging(kv, 0);
  const connection = new Connection(
    source,
    OPTIONS,
    40,
    () => Promise.resolve(true),
  );
  const reader = new SseReader(connection.stream);
  await new Promise((resolve) => setTimeout(resolve, 20));
  await publishEvent(kv, "u1", { type: "note", data: { n: 1 } });
  source.latest = 1;
  connection.wake();
  expect((await reader.next(1_000))?.id).toBe("1");
  await reader.cancel();
});

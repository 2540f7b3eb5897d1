/** The sweep of uploads a crashed process left half-written. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { newId } from "@/services/platform/kv.ts";
import { KvFileStore } from "./kv_store.ts";
import { sweepAbandonedUploads } from "./sweep.ts";

async function keysUnder(kv: Deno.Kv, prefix: string) {
  const keys: Deno.KvKey[] = [];
  for await (const entry of kv.list({ prefix: [prefix] })) keys.push(entry.key);
  return keys;
}

Deno.test("sweep: chunks of an upload that never completed are deleted once it is over an hour old", async () => {
  using kv = await openTestKv();
  using clock = useFakeClock(new Date("2030-01-01T10:00:00Z"));
  const store = new KvFileStore(kv);
  await store.put("docs/kept", new Uint8Array([1, 2, 3]), {
    contentType: "application/pdf",
  });
  // A process that died mid-upload: its marker and a chunk, no record.
  const crashed = newId();
  await kv.set(["files_upload", crashed], {
    key: "docs/crashed",
    startedAt: new Date("2030-01-01T10:00:00Z").toISOString(),
  });
  await kv.set(["files_chunk", "docs/crashed", crashed, 0], new Uint8Array(9));
  // A completed upload leaves no marker behind.
  expect(await keysUnder(kv, "files_upload")).toHaveLength(1);

  clock.advance(30 * 60_000);
  expect(await sweepAbandonedUploads(kv)).toBe(0);
  expect(await keysUnder(kv, "files_chunk")).toHaveLength(2);

  clock.advance(31 * 60_000);
  expect(await sweepAbandonedUploads(kv)).toBe(1);
  const chunks = await keysUnder(kv, "files_chunk");
  expect(chunks.map((key) => key[1])).toEqual(["docs/kept"]);
  expect(await keysUnder(kv, "files_upload")).toEqual([]);
  expect(await store.head("docs/kept")).not.toBeNull();
});

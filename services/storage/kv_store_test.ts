import { expect } from "expect";
import { createHash } from "node:crypto";
import { openTestKv } from "@/tests/support/kv.ts";
import { CHUNK_BYTES, CHUNKS_PER_ATOMIC, KvFileStore } from "./kv_store.ts";
import { SizeMismatchError } from "./types.ts";

/** Deterministic, non-repeating-looking bytes so misplaced chunks show. */
function bytesOfLength(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Splits bytes into a stream of awkwardly sized pieces. */
function streamOf(bytes: Uint8Array, pieceSize = 7_777): ReadableStream<
  Uint8Array
> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + pieceSize));
      offset += pieceSize;
    },
  });
}

async function countEntries(kv: Deno.Kv, prefix: Deno.KvKey) {
  let count = 0;
  for await (const _ of kv.list({ prefix })) count++;
  return count;
}

for (
  const [label, length, expectedChunks] of [
    ["0 bytes", 0, 0],
    ["exactly one chunk", CHUNK_BYTES, 1],
    ["one byte over a chunk", CHUNK_BYTES + 1, 2],
    ["exactly one atomic batch", CHUNK_BYTES * CHUNKS_PER_ATOMIC, 12],
    ["many chunks", CHUNK_BYTES * 30 + 123, 31],
    ["10 MB", 10 * 1024 * 1024, Math.ceil(10 * 1024 * 1024 / CHUNK_BYTES)],
  ] as const
) {
  Deno.test(`KvFileStore round-trips ${label}`, async () => {
    using kv = await openTestKv();
    const store = new KvFileStore(kv);
    const bytes = bytesOfLength(length);

    const stored = await store.put("docs/a.pdf", streamOf(bytes), {
      contentType: "application/pdf",
      size: length,
    });
    expect(stored).toEqual({
      key: "docs/a.pdf",
      contentType: "application/pdf",
      size: length,
      sha256: sha256Hex(bytes),
      createdAt: expect.any(String),
    });
    expect(await countEntries(kv, ["files_chunk", "docs/a.pdf"])).toBe(
      expectedChunks,
    );

    const found = await store.get("docs/a.pdf");
    expect(found?.file).toEqual(stored);
    const read = new Uint8Array(await new Response(found!.body).arrayBuffer());
    expect(read.length).toBe(length);
    expect(sha256Hex(read)).toBe(stored.sha256);
  });
}

Deno.test("KvFileStore accepts a Uint8Array body", async () => {
  using kv = await openTestKv();
  const store = new KvFileStore(kv);
  const bytes = bytesOfLength(100_000);
  await store.put("a", bytes, { contentType: "image/png" });
  const found = await store.get("a");
  expect(new Uint8Array(await new Response(found!.body).arrayBuffer()))
    .toEqual(bytes);
});

Deno.test("KvFileStore reads chunks lazily, one per pull", async () => {
  using kv = await openTestKv();
  const store = new KvFileStore(kv);
  const bytes = bytesOfLength(CHUNK_BYTES * 5);
  await store.put("lazy", bytes, { contentType: "application/pdf" });

  const found = await store.get("lazy");
  const reader = found!.body.getReader();
  const first = await reader.read();
  expect(first.value?.length).toBe(CHUNK_BYTES);
  expect(first.value).toEqual(bytes.subarray(0, CHUNK_BYTES));
  // Deleting now proves the rest had not been read ahead into memory.
  await store.delete("lazy");
  await expect(reader.read()).rejects.toThrow(/replaced or deleted/);
});

Deno.test("KvFileStore shows no file while an upload is in progress or after it fails", async () => {
  using kv = await openTestKv();
  const store = new KvFileStore(kv);
  const piece = bytesOfLength(CHUNK_BYTES);
  let sent = 0;
  let reachedMidway!: () => void;
  const midway = new Promise<void>((resolve) => reachedMidway = resolve);
  let failNow!: () => void;
  const failure = new Promise<void>((resolve) => failNow = resolve);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Two full batches reach KV before the stream breaks.
      if (sent === CHUNKS_PER_ATOMIC * 2 + 1) {
        reachedMidway();
        await failure;
        controller.error(new Error("connection reset"));
        return;
      }
      sent++;
      controller.enqueue(piece);
    },
  });

  const upload = store.put("half", body, { contentType: "application/pdf" });
  await midway;
  expect(await countEntries(kv, ["files_chunk", "half"])).toBeGreaterThan(0);
  expect(await store.head("half")).toBeNull();
  expect(await store.get("half")).toBeNull();

  failNow();
  await expect(upload).rejects.toThrow("connection reset");
  expect(await store.head("half")).toBeNull();
  expect(await countEntries(kv, ["files_chunk"])).toBe(0);
  expect(await countEntries(kv, ["files"])).toBe(0);
});

Deno.test("KvFileStore rejects a body whose size differs from the declared size", async () => {
  using kv = await openTestKv();
  const store = new KvFileStore(kv);
  await expect(
    store.put("a", bytesOfLength(10), { contentType: "image/png", size: 11 }),
  ).rejects.toThrow(SizeMismatchError);
  expect(await store.head("a")).toBeNull();
  expect(await countEntries(kv, ["files_chunk"])).toBe(0);
});

Deno.test("KvFileStore keeps concurrent puts of different keys apart", async () => {
  using kv = await openTestKv();
  const store = new KvFileStore(kv);
  const files = Array.from(
    { length: 6 },
    (_, i) => bytesOfLength(CHUNK_BYTES * (i + 2) + i).map((b) => b ^ i),
  );
  await Promise.all(
    files.map((bytes, i) =>
      store.put(`f${i}`, streamOf(bytes, 5_000 + i), {
        contentType: "application/pdf",
      })
    ),
  );
  for (const [i, bytes] of files.entries()) {
    const found = await store.get(`f${i}`);
    const read = new Uint8Array(await new Response(found!.body).arrayBuffer());
    expect(sha256Hex(read)).toBe(sha256Hex(bytes));
  }
});

Deno.test("KvFileStore replacing a file removes the old chunks", async () => {
  using kv = await openTestKv();
  const store = new KvFileStore(kv);
  await store.put("a", bytesOfLength(CHUNK_BYTES * 3), {
    contentType: "application/pdf",
  });
  const replacement = new TextEncoder().encode("%PDF-1.7 short");
  await store.put("a", replacement, { contentType: "application/pdf" });

  expect(await countEntries(kv, ["files_chunk", "a"])).toBe(1);
  const found = await store.get("a");
  expect(found!.file.size).toBe(replacement.length);
  expect(await new Response(found!.body).text()).toBe("%PDF-1.7 short");
});

Deno.test("KvFileStore delete removes the record and every chunk", async () => {
  using kv = await openTestKv();
  const store = new KvFileStore(kv);
  await store.put("keep", bytesOfLength(CHUNK_BYTES + 5), {
    contentType: "image/png",
  });
  await store.put("gone", bytesOfLength(CHUNK_BYTES * 20), {
    contentType: "image/png",
  });

  await store.delete("gone");
  expect(await store.head("gone")).toBeNull();
  expect(await store.get("gone")).toBeNull();
  expect(await countEntries(kv, ["files_chunk", "gone"])).toBe(0);
  expect(await countEntries(kv, ["files_chunk", "keep"])).toBe(2);
  // Deleting what is not there is fine.
  await store.delete("gone");
  await store.delete("never-existed");
});

Deno.test("KvFileStore refuses malformed keys", async () => {
  using kv = await openTestKv();
  const store = new KvFileStore(kv);
  for (const key of ["", "../etc/passwd", "/abs", "a//b", "a b", "a/.hidden"]) {
    await expect(store.head(key)).rejects.toThrow(TypeError);
  }
});

Deno.test("KvFileStore concurrent puts of one key leave one whole file", async () => {
  using kv = await openTestKv();
  const store = new KvFileStore(kv);
  const first = bytesOfLength(CHUNK_BYTES * 14);
  const second = bytesOfLength(CHUNK_BYTES * 3).map((b) => b ^ 0xff);
  await Promise.all([
    store.put("same", streamOf(first), { contentType: "application/pdf" }),
    store.put("same", streamOf(second), { contentType: "application/pdf" }),
  ]);

  const found = await store.get("same");
  const read = new Uint8Array(await new Response(found!.body).arrayBuffer());
  expect([sha256Hex(first), sha256Hex(second)]).toContain(sha256Hex(read));
  expect(found!.file.sha256).toBe(sha256Hex(read));
  // The losing upload's chunks were cleaned up.
  expect(await countEntries(kv, ["files_chunk", "same"])).toBe(
    Math.ceil(read.length / CHUNK_BYTES),
  );
});

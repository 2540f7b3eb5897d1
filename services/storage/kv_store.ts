/**
 * Files kept in Deno KV, split into chunks (a KV value holds at most 64 KiB).
 *
 * KV keys
 *   ["files", key]                          → KvFileRecord  written last
 *   ["files_chunk", key, uploadId, n]       → Uint8Array    n = 0, 1, …
 *   ["files_upload", uploadId]              → { key, startedAt }   an upload
 *                                             under way: set before its first
 *                                             chunk, deleted in the atomic that
 *                                             sets its record (or after a
 *                                             failed upload's chunks are gone)
 *
 * Each put writes its chunks under a fresh `uploadId`, in batched atomics (an
 * atomic holds at most 800 KiB and 1000 mutations), and only then sets the
 * `["files", key]` record that names that upload. So:
 * - a reader never sees a half-written file: without the record there is no
 *   file, and the record only points at an upload whose chunks are all there;
 * - replacing a file never mixes old and new chunks: the new record is swapped
 *   in with a versionstamp check, then the old upload's chunks are deleted;
 * - a failed upload deletes the chunks it wrote and leaves no record.
 * A process that dies mid-upload leaves orphan chunks under an uploadId no
 * record names, and its `files_upload` marker; they are never read, and
 * `sweepAbandonedUploads` (run by a background job) deletes them once the
 * upload is old enough that it can't still be running.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { now } from "@/services/platform/clock.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  assertValidKey,
  type FileBody,
  type FileStore,
  SizeMismatchError,
  type StoredFile,
  toStream,
} from "./types.ts";

/** Bytes per chunk: under the 64 KiB value limit with room to spare. */
export const CHUNK_BYTES = 60 * 1024;
/** Chunks per atomic: 12 × 60 KiB = 720 KiB, under the 800 KiB limit. */
export const CHUNKS_PER_ATOMIC = 12;

/**
 * Swapping or deleting one file's record races only with writes of the same
 * key; pause between tries (jittered) and give up only after many.
 */
const CONTENDED = {
  attempts: 30,
  conflictMessage: "The file changed meanwhile; try again.",
};

const FILES = "files";
const FILES_CHUNK = "files_chunk";
const FILES_UPLOAD = "files_upload";

interface UploadMarker {
  key: string;
  startedAt: string;
}

const kvFileRecordSchema = z.object({
  key: z.string(),
  contentType: z.string(),
  size: z.number().int().min(0),
  sha256: z.string(),
  createdAt: z.iso.datetime(),
  uploadId: z.string(),
  chunkCount: z.number().int().min(0),
});

/** The stored record: the public details plus where the chunks are. */
type KvFileRecord = z.infer<typeof kvFileRecordSchema>;

/** A FileStore on Deno KV; the default when no object storage is configured. */
export class KvFileStore implements FileStore {
  constructor(private readonly kv: Deno.Kv) {}

  async put(
    key: string,
    body: FileBody,
    meta: { contentType: string; size?: number },
  ): Promise<StoredFile> {
    assertValidKey(key);
    const uploadId = newId();
    let chunkCount = 0;
    let size = 0;
    const hash = createHash("sha256");
    // Chunk writes waiting for the next atomic; at most one batch in memory.
    let pending: [Deno.KvKey, Uint8Array][] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      await withLockRetry(async () => {
        const atomic = this.kv.atomic();
        for (const [chunkKey, chunk] of batch) atomic.set(chunkKey, chunk);
        await atomic.commit();
      });
    };
    let record: KvFileRecord;
    const marker: UploadMarker = { key, startedAt: now().toISOString() };
    await withLockRetry(() => this.kv.set([FILES_UPLOAD, uploadId], marker));
    try {
      for await (const chunk of rechunk(toStream(body), CHUNK_BYTES)) {
        hash.update(chunk);
        size += chunk.byteLength;
        // Stop reading as soon as the body is longer than declared.
        if (meta.size !== undefined && size > meta.size) {
          throw new SizeMismatchError(meta.size, size);
        }
        pending.push([[FILES_CHUNK, key, uploadId, chunkCount], chunk]);
        chunkCount++;
        if (pending.length >= CHUNKS_PER_ATOMIC) await flush();
      }
      await flush();
      if (meta.size !== undefined && meta.size !== size) {
        throw new SizeMismatchError(meta.size, size);
      }
      record = {
        key,
        contentType: meta.contentType,
        size,
        sha256: hash.digest("hex"),
        createdAt: new Date().toISOString(),
        uploadId,
        chunkCount,
      };
      const replaced = await this.#swapInRecord(record);
      // From here on the new file is live; tidying up the old one must not
      // fall into the clean-up below.
      if (replaced) {
        await this.#deleteChunks(key, replaced.uploadId).catch(() => {});
      }
    } catch (error) {
      await this.#deleteChunks(key, uploadId);
      await withLockRetry(() => this.kv.delete([FILES_UPLOAD, uploadId]));
      throw error;
    }
    return toStoredFile(record);
  }

  async get(
    key: string,
  ): Promise<{ file: StoredFile; body: ReadableStream<Uint8Array> } | null> {
    const record = await this.#readRecord(key);
    if (!record) return null;
    const kv = this.kv;
    let next = 0;
    // Each read fetches one chunk, so a 10 MB file is never in memory at once.
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (next >= record.chunkCount) {
          controller.close();
          return;
        }
        const entry = await kv.get<Uint8Array>([
          FILES_CHUNK,
          key,
          record.uploadId,
          next,
        ]);
        if (!(entry.value instanceof Uint8Array)) {
          controller.error(
            new Error(`The file ${key} was replaced or deleted while reading.`),
          );
          return;
        }
        next++;
        controller.enqueue(entry.value);
      },
    }, { highWaterMark: 0 }); // Read nothing ahead of the consumer.
    return { file: toStoredFile(record), body };
  }

  async head(key: string): Promise<StoredFile | null> {
    const record = await this.#readRecord(key);
    return record ? toStoredFile(record) : null;
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    // Another put or delete winning the race means: look again.
    const deleted = await untilCommitted(async () => {
      const entry = await this.kv.get([FILES, key]);
      if (entry.versionstamp === null) return null;
      const result = await this.kv.atomic().check(entry).delete([FILES, key])
        .commit();
      return result.ok ? kvFileRecordSchema.parse(entry.value) : RETRY;
    }, CONTENDED);
    if (deleted) await this.#deleteChunks(key, deleted.uploadId);
  }

  /**
   * Deletes the chunks of uploads started before `startedBefore` that never
   * completed (a process died mid-upload), and their markers. Returns how
   * many uploads were cleared. An upload whose record did get written is
   * left alone (its marker is only stale).
   */
  async sweepAbandonedUploads(startedBefore: Date): Promise<number> {
    let cleared = 0;
    for await (
      const entry of this.kv.list<UploadMarker>({ prefix: [FILES_UPLOAD] })
    ) {
      if (Date.parse(entry.value.startedAt) >= startedBefore.getTime()) {
        continue;
      }
      const uploadId = entry.key[1] as string;
      const record = await this.kv.get<KvFileRecord>([FILES, entry.value.key]);
      if (record.value?.uploadId !== uploadId) {
        await this.#deleteChunks(entry.value.key, uploadId);
        cleared++;
      }
      await withLockRetry(() =>
        this.kv.atomic().check(entry).delete(entry.key).commit()
      );
    }
    return cleared;
  }

  /** Sets the record, returning the one it replaced (if any). */
  async #swapInRecord(record: KvFileRecord): Promise<KvFileRecord | null> {
    return await untilCommitted(async () => {
      const previous = await this.kv.get([FILES, record.key]);
      const result = await this.kv.atomic().check(previous)
        .set([FILES, record.key], record)
        .delete([FILES_UPLOAD, record.uploadId])
        .commit();
      if (!result.ok) return RETRY;
      return previous.value === null
        ? null
        : kvFileRecordSchema.parse(previous.value);
    }, CONTENDED);
  }

  async #deleteChunks(key: string, uploadId: string): Promise<void> {
    const prefix = [FILES_CHUNK, key, uploadId];
    let batch: Deno.KvKey[] = [];
    const deleteBatch = () =>
      withLockRetry(async () => {
        const atomic = this.kv.atomic();
        for (const chunkKey of batch) atomic.delete(chunkKey);
        await atomic.commit();
      });
    // Listing, rather than counting to chunkCount, also suits a failed
    // upload, where it is unclear how many chunks reached KV.
    for await (const entry of this.kv.list({ prefix })) {
      batch.push(entry.key);
      if (batch.length >= 500) {
        await deleteBatch();
        batch = [];
      }
    }
    if (batch.length > 0) await deleteBatch();
  }

  async #readRecord(key: string): Promise<KvFileRecord | null> {
    assertValidKey(key);
    const entry = await this.kv.get([FILES, key]);
    return entry.value === null ? null : kvFileRecordSchema.parse(entry.value);
  }
}

function toStoredFile(record: KvFileRecord): StoredFile {
  const { key, contentType, size, sha256, createdAt } = record;
  return { key, contentType, size, sha256, createdAt };
}

/**
 * Regroups a byte stream into pieces of exactly `size` bytes (the last may be
 * shorter), whatever sizes the source delivers.
 */
async function* rechunk(
  source: ReadableStream<Uint8Array>,
  size: number,
): AsyncGenerator<Uint8Array> {
  let buffer = new Uint8Array(size);
  let filled = 0;
  for await (const piece of source) {
    let offset = 0;
    while (offset < piece.byteLength) {
      const take = Math.min(size - filled, piece.byteLength - offset);
      buffer.set(piece.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === size) {
        yield buffer;
        buffer = new Uint8Array(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield buffer.slice(0, filled);
}

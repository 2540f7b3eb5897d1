/**
 * File storage: one interface, two backends chosen by the configuration.
 *
 * - Deno KV chunks (the default): nothing to set up.
 * - S3-compatible object storage when `S3_ENDPOINT` is set, together with
 *   `S3_BUCKET`, `S3_ACCESS_KEY_ID`, `S3_SECRET_ACCESS_KEY` and optionally
 *   `S3_REGION` (default `us-east-1`).
 *
 * env.ts reads and checks those variables (some but not all set is a
 * start-up error, so a deployment never silently keeps documents in KV when
 * object storage was meant); runtime.ts binds the chosen store to the
 * database once, and features reach it with `getFileStore(kv)`.
 */
import {
  defineProviderSlot,
  providerFor,
} from "@/services/platform/providers.ts";
import { KvFileStore } from "./kv_store.ts";
import { type S3Config, S3FileStore } from "./s3_store.ts";
import type { FileStore } from "./types.ts";

export type { FileBody, FileStore, StoredFile } from "./types.ts";
export { SizeMismatchError } from "./types.ts";
export {
  fileResponse,
  IMMUTABLE_CACHE,
  immutableFileResponse,
} from "./download.ts";
export {
  releaseStorage,
  reserveStorage,
  STORAGE_QUOTA_BYTES,
  storageUsed,
  UPLOADS_PER_HOUR,
} from "./quota.ts";
export {
  ABANDONED_UPLOAD_AGE_MS,
  storageSweepCron,
  storageSweepJob,
  sweepAbandonedUploads,
} from "./sweep.ts";
export { KvFileStore } from "./kv_store.ts";
export { type S3Config, S3FileStore, S3StoreError } from "./s3_store.ts";
export {
  type AcceptedUpload,
  acceptUpload,
  ALLOWED_UPLOAD_TYPES,
  MAX_UPLOAD_BYTES,
  type SniffedType,
  sniffFileType,
} from "./uploads.ts";

/**
 * What file storage the configuration asks for: S3-compatible object storage
 * with these settings, or `undefined` for KV chunks. (env.ts checks the S3_*
 * variables together and builds this.)
 */
export type StorageSettings = S3Config | undefined;

/** The store `settings` ask for: S3 when given, else chunks in `kv`. */
export function createFileStore(
  kv: Deno.Kv,
  settings: StorageSettings,
): FileStore {
  return settings ? new S3FileStore(settings) : new KvFileStore(kv);
}

/** The file store slot; unbound databases keep files as KV chunks. */
export const fileStoreProvider = defineProviderSlot<FileStore>(
  "file store",
  (kv) => new KvFileStore(kv),
);

/**
 * The FileStore bound to `kv` (see services/platform/providers.ts): what
 * runtime.ts chose from the configuration, or KV chunks when nothing was
 * bound (unit tests).
 */
export function getFileStore(kv: Deno.Kv): FileStore {
  return providerFor(kv, fileStoreProvider);
}

/**
 * What each user may keep in storage and how often they may upload: a
 * per-user quota on stored bytes and a limit on uploads per hour, so no
 * single account can fill the disk.
 *
 * KV keys
 *   ["storage_usage", ownerId] → StorageUsage   bytes the owner's files hold
 *                                 (reserved before an upload is written, given
 *                                 back when it fails or its file is deleted)
 *                                 and the start times of the last hour's
 *                                 uploads
 *
 * Reserving is one checked atomic per upload (retried under contention), so
 * parallel uploads can't all slip under the quota together.
 */
import { ValidationError } from "@/services/platform/errors.ts";
import { now } from "@/services/platform/clock.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";

/** Bytes one user's files may hold in all: 60 MiB. */
export const STORAGE_QUOTA_BYTES = 60 * 1024 * 1024;
/** Uploads one user may start in any hour. */
export const UPLOADS_PER_HOUR = 20;

const HOUR_MS = 3_600_000;

interface StorageUsage {
  bytes: number;
  /** ISO instants of the uploads started within the last hour. */
  recent: string[];
}

function usageKey(ownerId: string): Deno.KvKey {
  return ["storage_usage", ownerId];
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 102.4) / 10} MB`;
}

/** Bytes the owner's files hold now, as the quota counts them. */
export async function storageUsed(
  kv: Deno.Kv,
  ownerId: string,
): Promise<number> {
  return (await kv.get<StorageUsage>(usageKey(ownerId))).value?.bytes ?? 0;
}

/**
 * Reserves room for an upload of `size` bytes by `ownerId`, counting it
 * against the hourly limit. ValidationError under `field` (the form field
 * the file came in) when the hourly limit is reached or the quota would be
 * exceeded; nothing is reserved then. Give the bytes back with
 * `releaseStorage` when the upload fails or its file is deleted.
 */
export async function reserveStorage(
  kv: Deno.Kv,
  ownerId: string,
  size: number,
  field = "file",
): Promise<void> {
  await untilCommitted(async () => {
    const entry = await kv.get<StorageUsage>(usageKey(ownerId));
    const at = now();
    const since = at.getTime() - HOUR_MS;
    const recent = (entry.value?.recent ?? []).filter((iso) =>
      Date.parse(iso) > since
    );
    const bytes = entry.value?.bytes ?? 0;
    if (recent.length >= UPLOADS_PER_HOUR) {
      const wait = Math.ceil(
        (Date.parse(recent[0]) + HOUR_MS - at.getTime()) / 60_000,
      );
      const message =
        `You can upload at most ${UPLOADS_PER_HOUR} files an hour; try again in ${wait} minute${
          wait === 1 ? "" : "s"
        }.`;
      throw new ValidationError(message, { [field]: [message] });
    }
    if (bytes + size > STORAGE_QUOTA_BYTES) {
      const message = `Your files already use ${megabytes(bytes)} of your ${
        megabytes(STORAGE_QUOTA_BYTES)
      }; this one (${
        megabytes(size)
      }) does not fit. Remove a document you no longer need first.`;
      throw new ValidationError(message, { [field]: [message] });
    }
    const next: StorageUsage = {
      bytes: bytes + size,
      recent: [...recent, at.toISOString()],
    };
    const result = await kv.atomic().check(entry).set(usageKey(ownerId), next)
      .commit();
    return result.ok ? undefined : RETRY;
  }, { attempts: 30 });
}

/** Gives back `size` bytes of the owner's quota (never below zero). */
export async function releaseStorage(
  kv: Deno.Kv,
  ownerId: string,
  size: number,
): Promise<void> {
  if (size <= 0) return;
  await untilCommitted(async () => {
    const entry = await kv.get<StorageUsage>(usageKey(ownerId));
    if (entry.value === null) return undefined;
    const next = {
      ...entry.value,
      bytes: Math.max(0, entry.value.bytes - size),
    };
    const result = await kv.atomic().check(entry).set(usageKey(ownerId), next)
      .commit();
    return result.ok ? undefined : RETRY;
  }, { attempts: 30 });
}

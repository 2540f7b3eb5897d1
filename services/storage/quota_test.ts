/** The per-user storage quota and upload rate. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import type { ValidationError } from "@/services/platform/errors.ts";
import { caught } from "@/tests/support/rejections.ts";
import {
  releaseStorage,
  reserveStorage,
  STORAGE_QUOTA_BYTES,
  storageUsed,
  UPLOADS_PER_HOUR,
} from "./quota.ts";

const MIB = 1024 * 1024;

Deno.test("quota: uploads past the quota are refused with what is used; released bytes make room", async () => {
  using kv = await openTestKv();
  await reserveStorage(kv, "u1", STORAGE_QUOTA_BYTES - 4 * MIB);
  const error = await caught(reserveStorage(kv, "u1", 5 * MIB)) as
    | ValidationError
    | undefined;
  expect(error?.fieldErrors.file?.[0]).toMatch(
    /Your files already use 56 MB of your 60 MB; this one \(5 MB\) does not fit/,
  );
  expect(await storageUsed(kv, "u1")).toBe(STORAGE_QUOTA_BYTES - 4 * MIB);
  await releaseStorage(kv, "u1", 10 * MIB);
  await reserveStorage(kv, "u1", 5 * MIB);
  // Another user's quota is their own.
  await reserveStorage(kv, "u2", 5 * MIB);
});

Deno.test("quota: at most so many uploads an hour, under the given field", async () => {
  using kv = await openTestKv();
  using clock = useFakeClock(new Date("2030-01-01T10:00:00Z"));
  for (let i = 0; i < UPLOADS_PER_HOUR; i++) {
    await reserveStorage(kv, "u1", 1);
    clock.advance(60_000);
  }
  const error = await caught(reserveStorage(kv, "u1", 1, "photo")) as
    | ValidationError
    | undefined;
  expect(error?.fieldErrors.photo?.[0]).toBe(
    `You can upload at most ${UPLOADS_PER_HOUR} files an hour; try again in 40 minutes.`,
  );
  clock.advance(40 * 60_000 + 1);
  await reserveStorage(kv, "u1", 1);
});

Deno.test("quota: parallel reservations can't slip past the quota together", async () => {
  using kv = await openTestKv();
  const results = await Promise.allSettled(
    Array.from({ length: 8 }, () => reserveStorage(kv, "u1", 10 * MIB)),
  );
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(6);
  expect(await storageUsed(kv, "u1")).toBe(60 * MIB);
});

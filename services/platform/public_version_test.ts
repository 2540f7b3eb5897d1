import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  bumpPublicVersion,
  PUBLIC_VERSION_KEY,
  publicVersion,
  stagePublicChange,
} from "./public_version.ts";

Deno.test("a change staged in this process's atomic shows at once", async () => {
  using kv = await openTestKv();
  const before = await publicVersion(kv);
  await stagePublicChange(kv.atomic()).commit();
  const after = await publicVersion(kv);
  expect(after).not.toBe(before);
  await bumpPublicVersion(kv);
  expect(await publicVersion(kv)).not.toBe(after);
});

Deno.test("a write this process did not stage is seen by the next poll, not before", async () => {
  using kv = await openTestKv();
  // Let any freshness window from other tests in this file pass.
  await new Promise((resolve) => setTimeout(resolve, 2_100));
  const before = await publicVersion(kv);
  // As another process would: the key changes without this process knowing.
  await kv.atomic().sum(PUBLIC_VERSION_KEY, 1n).commit();
  expect(await publicVersion(kv)).toBe(before);
  await new Promise((resolve) => setTimeout(resolve, 1_050));
  expect(await publicVersion(kv)).not.toBe(before);
});

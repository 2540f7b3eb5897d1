import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  bumpPublicVersion,
  PUBLIC_VERSION_KEY,
  publicVersion,
  stagePublicChange,
} from "./public_version.ts";
import {
  availabilityVersion,
  stageAvailabilityChange,
} from "./availability_version.ts";

Deno.test("a change staged in this process's atomic shows once it commits, at once", async () => {
  using kv = await openTestKv();
  const before = await publicVersion(kv);
  const op = stagePublicChange(kv.atomic());
  expect(await publicVersion(kv)).toBe(before);
  await op.commit();
  const after = await publicVersion(kv);
  expect(after).not.toBe(before);
  await bumpPublicVersion(kv);
  expect(await publicVersion(kv)).not.toBe(after);
  // A commit whose check fails changed nothing.
  const failed = stagePublicChange(kv.atomic())
    .check({ key: ["nothing"], versionstamp: "00000000000000000000" });
  expect((await failed.commit()).ok).toBe(false);
  const unchanged = await publicVersion(kv);
  expect(await publicVersion(kv)).toBe(unchanged);
});

Deno.test("a write this process did not stage is seen by the next poll, not before", async () => {
  using kv = await openTestKv();
  const before = await publicVersion(kv);
  // As another process would: the key changes without this process knowing.
  await kv.atomic().sum(PUBLIC_VERSION_KEY, 1n).commit();
  expect(await publicVersion(kv)).toBe(before);
  await new Promise((resolve) => setTimeout(resolve, 1_050));
  expect(await publicVersion(kv)).not.toBe(before);
});

Deno.test("the availability version moves apart from the public one", async () => {
  using kv = await openTestKv();
  const publicBefore = await publicVersion(kv);
  const before = await availabilityVersion(kv);
  await stageAvailabilityChange(kv.atomic()).commit();
  expect(await availabilityVersion(kv)).not.toBe(before);
  expect(await publicVersion(kv)).toBe(publicBefore);
  // One atomic may bump both; each counts its own commit.
  const both = await availabilityVersion(kv);
  await stagePublicChange(stageAvailabilityChange(kv.atomic())).commit();
  expect(await availabilityVersion(kv)).not.toBe(both);
  expect(await publicVersion(kv)).not.toBe(publicBefore);
});

/** Applying again after a rejection: when, and how. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { ConflictError } from "@/services/platform/errors.ts";
import { getApplication } from "./draft.ts";
import { rejectApplication, requestChanges } from "./review.ts";
import { submitApplication } from "./submit.ts";
import {
  REAPPLY_AFTER_DAYS,
  reapplyDateText,
  reapplyFrom,
  reopenApplication,
} from "./reapply.ts";
import { meta, setUp, submitted } from "./testing.ts";
import { caught } from "@/tests/support/rejections.ts";

const DAY_MS = 86_400_000;

Deno.test("reapply: a rejected applicant may start again after the waiting time, keeping their answers", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await submitted(kv);
  await rejectApplication(kv, "admin1", "expert1", { note: "Too new." }, meta);
  const rejected = await getApplication(kv, "expert1");
  const from = reapplyFrom(rejected)!;
  expect(from.getTime() - Date.parse(rejected.decidedAt!)).toBe(
    REAPPLY_AFTER_DAYS * DAY_MS,
  );

  const early = await caught(reopenApplication(kv, "expert1"));
  expect(early).toBeInstanceOf(ConflictError);
  expect((early as Error).message).toBe(
    `You can apply again from ${reapplyDateText(from)}.`,
  );

  using _clock = useFakeClock(new Date(from.getTime() + 1000));
  const reopened = await reopenApplication(kv, "expert1");
  expect(reopened.status).toBe("draft");
  expect(reopened.headline).toBe(rejected.headline);
  expect(reopened.reviewerNotes).toEqual(rejected.reviewerNotes);
  expect(reapplyFrom(reopened)).toBeNull();
  expect((await submitApplication(kv, "expert1")).status).toBe("pending");
});

Deno.test("reapply: only a rejected application is started again; changes requested is editable at once", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await submitted(kv);
  expect(await caught(reopenApplication(kv, "expert1"))).toBeInstanceOf(
    ConflictError,
  );
  await requestChanges(kv, "admin1", "expert1", { note: "Add a bio." }, meta);
  expect(reapplyFrom(await getApplication(kv, "expert1"))).toBeNull();
});

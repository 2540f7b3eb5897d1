/** The admin review queue. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { listApplications, QUEUE_ORDER } from "./queue.ts";
import { APPLICATION_STATUSES } from "./model.ts";
import { addUser, setUp, submitted } from "./testing.ts";
import { caught } from "@/tests/support/rejections.ts";

Deno.test("the review queue pages oldest first", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  for (const id of ["e1", "e2", "e3"]) {
    await addUser(kv, id, "expert");
    await submitted(kv, id);
  }
  const first = await listApplications(kv, { status: "pending", limit: 2 });
  expect(first.applications.map((a) => a.userId)).toEqual(["e1", "e2"]);
  const second = await listApplications(kv, {
    status: "pending",
    limit: 2,
    cursor: first.nextCursor!,
  });
  expect(second.applications.map((a) => a.userId)).toEqual(["e3"]);
  expect(second.nextCursor).toBeNull();
  expect(await caught(listApplications(kv, { status: "bogus" as never })))
    .toBeInstanceOf(ValidationError);
});

Deno.test("each queue row has a name to show, and each list says its order", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await addUser(kv, "e1", "expert", "Edsger Expert");
  await submitted(kv, "e1");
  await submitted(kv, "expert1");
  await kv.delete(["users", "expert1"]);
  const { applications, names } = await listApplications(kv, {
    status: "pending",
  });
  expect(applications.map((a) => [names[a.userId], a.applicant?.email]))
    .toEqual([["Edsger Expert", "e1@example.com"], ["expert1", undefined]]);
  expect(Object.keys(QUEUE_ORDER).sort()).toEqual(
    [...APPLICATION_STATUSES].sort(),
  );
});

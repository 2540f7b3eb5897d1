/** The admin review queue. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { listApplications } from "./queue.ts";
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

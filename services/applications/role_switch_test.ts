/** Switching an expert to learner and back, as the admin tools do. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { getApplication } from "./draft.ts";
import { approveApplication } from "./review.ts";
import { MADE_LEARNER_NOTE, switchAccountRole } from "./role_switch.ts";
import { meta, setUp, submitted } from "./testing.ts";

Deno.test("an expert made a learner is unpublished on the record, emailed, and stays hidden when made an expert again", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const admin = (await kv.get<Record<string, unknown>>(["users", "admin1"]))
    .value!;
  await kv.set(["users", "admin1"], { ...admin, totpSecret: "on" });
  await submitted(kv);
  await approveApplication(kv, "admin1", "expert1", {}, meta);

  await switchAccountRole(kv, "admin1", "expert1", "learner", meta);
  expect((await getExpert(kv, "expert1"))?.published).toBe(false);
  const history = (await getApplication(kv, "expert1")).reviewerNotes;
  expect(history.at(-1)).toMatchObject({
    by: "admin1",
    decision: "unpublished",
    note: MADE_LEARNER_NOTE,
  });
  const mails = await listOutbox(kv, { to: "expert1@example.com" });
  expect(mails.some((mail) => mail.text.includes(MADE_LEARNER_NOTE))).toBe(
    true,
  );
  const { events } = await listSecurityEvents(kv, { userId: "expert1" });
  expect(events.map((event) => event.type)).toEqual(
    expect.arrayContaining(["expert_unpublished", "role_changed"]),
  );

  // Back to expert: still hidden until an admin republishes it.
  await switchAccountRole(kv, "admin1", "expert1", "expert", meta);
  expect((await getExpert(kv, "expert1"))?.published).toBe(false);
});

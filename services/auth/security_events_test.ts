import { expect } from "expect";
import { ValidationError } from "@/services/platform/errors.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { logout } from "./account_sessions.ts";
import { fullLogin, meta, newLearner, otherDevice } from "./test_support.ts";

Deno.test("security events list newest first with filters and paging", async () => {
  using kv = await openTestKv();
  const { user, sessionToken } = await newLearner(kv);
  await logout(kv, sessionToken, meta);
  await fullLogin(kv, user.email, otherDevice);
  const all = await listSecurityEvents(kv, { userId: user.id, limit: 2 });
  expect(all.events.map((e) => e.type)).toEqual(["login_succeeded", "logout"]);
  expect(all.events[0]).toMatchObject({
    ip: otherDevice.ip,
    userAgent: otherDevice.userAgent,
  });
  const next = await listSecurityEvents(kv, {
    userId: user.id,
    limit: 2,
    cursor: all.nextCursor!,
  });
  expect(next.events.map((e) => e.type)).toEqual(["signup"]);
  expect(next.nextCursor).toBeNull();
  expect((await listSecurityEvents(kv, { type: "logout" })).events)
    .toHaveLength(
      1,
    );
  await expect(
    listSecurityEvents(kv, { type: "nonsense" as "logout" }),
  ).rejects.toThrow(ValidationError);
});

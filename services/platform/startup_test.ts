import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { runStartupMigrations } from "./startup.ts";

Deno.test("start-up migrations run in order and report every unresolved record", async () => {
  using kv = await openTestKv();
  const ran: string[] = [];
  const info: string[] = [];
  const warn: string[] = [];
  const results = await runStartupMigrations(kv, [
    {
      name: "user time zones",
      run: () => {
        ran.push("users");
        return Promise.resolve({
          migrated: 2,
          unresolved: [{ id: "u1", timeZone: "Mars/Olympus" }],
        });
      },
    },
    {
      name: "expert time zones",
      run: () => {
        ran.push("experts");
        return Promise.resolve({ migrated: 0, unresolved: [] });
      },
    },
  ], { info: (m) => info.push(m), warn: (m) => warn.push(m) });
  expect(ran).toEqual(["users", "experts"]);
  expect(info).toEqual(["user time zones: updated 2 record(s)."]);
  expect(warn).toEqual([
    'user time zones: could not fix u1 (timeZone "Mars/Olympus"); left unchanged.',
  ]);
  expect(results.get("expert time zones")).toEqual({
    migrated: 0,
    unresolved: [],
  });
});

Deno.test("a failing migration stops the start", async () => {
  using kv = await openTestKv();
  await expect(runStartupMigrations(kv, [{
    name: "broken",
    run: () => Promise.reject(new Error("corrupt record")),
  }], { info() {}, warn() {} })).rejects.toThrow("corrupt record");
});

import { expect } from "expect";
import { isDatabaseLocked, newId, openKv, withLockRetry } from "./kv.ts";

Deno.test("newId makes unique ids that sort in creation order", () => {
  const ids = Array.from({ length: 1000 }, () => newId());
  expect(new Set(ids).size).toBe(1000);
  expect([...ids].sort()).toEqual(ids);
  expect(ids[0]).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
});

Deno.test("withLockRetry retries 'database is locked' and then succeeds", async () => {
  let calls = 0;
  const result = await withLockRetry(() => {
    calls++;
    if (calls < 3) return Promise.reject(new Error("database is locked"));
    return Promise.resolve("written");
  });
  expect(result).toBe("written");
  expect(calls).toBe(3);
});

Deno.test("withLockRetry does not retry other errors", async () => {
  let calls = 0;
  await expect(withLockRetry(() => {
    calls++;
    return Promise.reject(new Error("value too large"));
  })).rejects.toThrow("value too large");
  expect(calls).toBe(1);
});

Deno.test("withLockRetry gives up after a bounded number of attempts", async () => {
  let calls = 0;
  await expect(withLockRetry(() => {
    calls++;
    return Promise.reject(new Error("SQLite: database is locked"));
  })).rejects.toThrow("database is locked");
  expect(calls).toBe(8);
});

Deno.test("isDatabaseLocked recognises only the lock error", () => {
  expect(isDatabaseLocked(new Error("database is locked"))).toBe(true);
  expect(isDatabaseLocked(new Error("something else"))).toBe(false);
  expect(isDatabaseLocked("database is locked")).toBe(false);
});

Deno.test("openKv creates the database folder and opens :memory:", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const kv = await openKv(`${dir}/nested/deeper/test.kv`);
    await kv.set(["hello"], "world");
    expect((await kv.get(["hello"])).value).toBe("world");
    kv.close();
    expect((await Deno.stat(`${dir}/nested/deeper`)).isDirectory).toBe(true);

    const memory = await openKv(":memory:");
    await memory.set(["a"], 1);
    expect((await memory.get(["a"])).value).toBe(1);
    memory.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import type { UserRecord } from "./users.ts";
import { migrateUserTimeZones } from "./user_time_zones.ts";

/** A user record as an older version may have stored it, written raw. */
function rawUser(id: string, timeZone: string): UserRecord {
  return {
    id,
    email: `${id}@example.com`,
    name: `User ${id}`,
    role: "learner",
    timeZone,
    emailVerified: true,
    status: "active",
    createdAt: "2024-01-01T00:00:00.000Z",
    updatedAt: "2024-01-01T00:00:00.000Z",
    passwordHash: "$argon2id$not-a-real-hash",
    totpSecret: null,
  };
}

async function storedZone(kv: Deno.Kv, id: string) {
  return (await kv.get<UserRecord>(["users", id])).value?.timeZone;
}

Deno.test("migrateUserTimeZones rewrites old spellings, reports zones with no canonical name, and is idempotent", async () => {
  using kv = await openTestKv();
  const zones: Record<string, string> = {
    a: "Asia/Calcutta",
    b: "EST",
    c: "Europe/Paris",
    d: "Europe/Kiev",
    e: "US/Eastern",
    f: "UTC",
  };
  for (const [id, zone] of Object.entries(zones)) {
    await kv.set(["users", id], rawUser(id, zone));
  }
  const before = await kv.get<UserRecord>(["users", "a"]);

  const first = await migrateUserTimeZones(kv);
  expect(first).toEqual({
    migrated: 2,
    unresolved: [
      { id: "b", timeZone: "EST" },
      { id: "e", timeZone: "US/Eastern" },
    ],
  });
  expect(await storedZone(kv, "a")).toBe("Asia/Kolkata");
  expect(await storedZone(kv, "d")).toBe("Europe/Kyiv");
  expect(await storedZone(kv, "b")).toBe("EST");
  expect(await storedZone(kv, "c")).toBe("Europe/Paris");
  // Only the zone changes: the rest of the record is as it was.
  const after = await kv.get<UserRecord>(["users", "a"]);
  expect(after.value).toEqual({ ...before.value, timeZone: "Asia/Kolkata" });

  const second = await migrateUserTimeZones(kv);
  expect(second).toEqual({ migrated: 0, unresolved: first.unresolved });
  const untouched = await kv.get<UserRecord>(["users", "c"]);
  await migrateUserTimeZones(kv);
  expect((await kv.get(["users", "c"])).versionstamp).toBe(
    untouched.versionstamp,
  );
});

Deno.test("migrateUserTimeZones retries when the account changes under it, keeping both changes", async () => {
  using kv = await openTestKv();
  await kv.set(["users", "a"], rawUser("a", "Asia/Calcutta"));
  // Between the migration's read and its commit, the person renames
  // themselves (once): the migration's check fails and it reads again.
  let renamed = false;
  const racing = new Proxy(kv, {
    get(target, property) {
      if (property === "atomic") {
        return () => {
          if (!renamed) {
            renamed = true;
            const race = target.get<UserRecord>(["users", "a"]).then((entry) =>
              target.set(entry.key, { ...entry.value!, name: "Renamed" })
            );
            return new RaceFirst(target.atomic(), race);
          }
          return target.atomic();
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  expect(await migrateUserTimeZones(racing)).toEqual({
    migrated: 1,
    unresolved: [],
  });
  expect(renamed).toBe(true);
  expect((await kv.get<UserRecord>(["users", "a"])).value).toMatchObject({
    name: "Renamed",
    timeZone: "Asia/Kolkata",
  });
});

/** An atomic operation that lets `race` finish before it commits. */
class RaceFirst {
  constructor(
    private op: Deno.AtomicOperation,
    private race: Promise<unknown>,
  ) {}
  check(...checks: Deno.AtomicCheck[]) {
    this.op.check(...checks);
    return this;
  }
  set(key: Deno.KvKey, value: unknown) {
    this.op.set(key, value);
    return this;
  }
  async commit() {
    await this.race;
    return await this.op.commit();
  }
}

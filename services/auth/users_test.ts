import { expect } from "expect";
import { ValidationError } from "@/services/platform/errors.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { signup } from "./signup.ts";
import { meta, PASSWORD } from "./test_support.ts";
import { getUser, getUsers, listUsers } from "./users.ts";

Deno.test("listUsers searches name and email, filters role and status, pages with a cursor", async () => {
  using kv = await openTestKv();
  const names = ["Grace Hopper", "Alan Turing", "Grace Kelly"];
  for (const [i, name] of names.entries()) {
    await signup(kv, {
      acceptTerms: true,
      email: `user${i}@example.com`,
      password: PASSWORD,
      name,
      role: i === 1 ? "expert" : "learner",
    }, { ...meta, ip: `10.0.0.${i}` });
  }
  const grace = await listUsers(kv, { q: "GRACE" });
  expect(grace.users.map((u) => u.name)).toEqual([
    "Grace Kelly",
    "Grace Hopper",
  ]);
  expect((await listUsers(kv, { q: "user1@" })).users[0].name).toBe(
    "Alan Turing",
  );
  expect((await listUsers(kv, { role: "expert" })).users.map((u) => u.name))
    .toEqual(["Alan Turing"]);
  expect((await listUsers(kv, { status: "suspended" })).users).toEqual([]);
  const page = await listUsers(kv, { limit: 2 });
  expect(page.users).toHaveLength(2);
  const rest = await listUsers(kv, { limit: 2, cursor: page.nextCursor! });
  expect(rest.users.map((u) => u.name)).toEqual(["Grace Hopper"]);
  expect(rest.nextCursor).toBeNull();
  await expect(listUsers(kv, { role: "root" as "admin" })).rejects.toThrow(
    ValidationError,
  );
  await expect(listUsers(kv, { cursor: "bogus" })).rejects.toThrow(
    ValidationError,
  );
});

Deno.test("an id too long to be a KV key names no user instead of failing", async () => {
  using kv = await openTestKv();
  const id = "x".repeat(3000);
  expect(await getUser(kv, id)).toBeNull();
});

Deno.test("getUsers reads many accounts together and leaves out unknown ids", async () => {
  using kv = await openTestKv();
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    const { user } = await signup(kv, {
      acceptTerms: true,
      email: `many${i}@example.com`,
      password: PASSWORD,
      name: `Person ${i}`,
      role: "learner",
    }, { ...meta, ip: `10.0.1.${i}` });
    ids.push(user.id);
  }
  // More than one read's worth of keys, a repeat, an unknown and a bad id.
  const found = await getUsers(kv, [
    ...ids,
    ids[0],
    "nobody",
    "x".repeat(3000),
  ]);
  expect([...found.keys()]).toEqual(ids);
  for (const [i, id] of ids.entries()) {
    expect(found.get(id)).toEqual(await getUser(kv, id));
    expect(found.get(id)!.name).toBe(`Person ${i}`);
  }
});

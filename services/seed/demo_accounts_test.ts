import { expect } from "expect";
import { login } from "@/services/auth/mod.ts";
import { getUser } from "@/services/auth/mod.ts";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  seedDemoAccounts,
} from "./demo_accounts.ts";
import { getPublishedExpert } from "@/services/experts/mod.ts";
import { seedDemoData } from "./seed.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import { needsPolicyAcceptance } from "@/services/privacy/mod.ts";

const META = { ip: "127.0.0.1", userAgent: "test", baseUrl: "http://x" };

Deno.test("demo accounts are created once and can sign in", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  expect(await seedDemoAccounts(kv)).toEqual(DEMO_ACCOUNTS);
  expect(await seedDemoAccounts(kv)).toEqual([]);

  for (const account of DEMO_ACCOUNTS) {
    const result = await login(kv, {
      email: account.email,
      password: DEMO_PASSWORD,
    }, META);
    expect("user" in result && result.user.role).toBe(account.role);
    // As at sign-up, the terms in force are accepted: no notice asks again.
    if ("user" in result) {
      expect(await needsPolicyAcceptance(kv, result.user.id)).toBe(false);
    }
  }
});

Deno.test("the demo expert's account is the first seeded public expert", async () => {
  using kv = await openTestKv();
  await seedDemoData(kv);
  await seedDemoAccounts(kv);
  const expertAccount = DEMO_ACCOUNTS.find((a) => a.role === "expert")!;
  const user = await getUser(kv, expertAccount.id!);
  const profile = await getPublishedExpert(kv, expertAccount.id!);
  expect(user?.email).toBe(expertAccount.email);
  expect(profile?.name).toBe(user?.name);
});

import { expect } from "expect";
import {
  enableTwoFactor,
  ensureAccount,
  startTwoFactorSetup,
} from "@/services/auth/mod.ts";
import { totpCode } from "@/services/auth/mod.ts";
import { getUserByEmail } from "@/services/auth/mod.ts";
import { countPublishedExperts, searchExperts } from "./search.ts";
import { getPublishedExpert, updateExpert } from "./store.ts";
import {
  changeAccountRole,
  reactivateAccount,
  suspendAccount,
} from "./moderation.ts";
import { demoExpertId, seedDemoData } from "@/services/seed/mod.ts";
import { openTestKv } from "@/tests/support/kv.ts";

const META = { ip: "127.0.0.1", userAgent: "test", baseUrl: "http://x" };
const PASSWORD = "a long moderation password";

/** An admin with 2FA (required for suspensions) and the first demo expert's account. */
async function setUp(kv: Deno.Kv) {
  await seedDemoData(kv);
  await ensureAccount(kv, {
    email: "admin@example.com",
    password: PASSWORD,
    name: "Admin",
    role: "admin",
    source: "test",
  });
  const admin = (await getUserByEmail(kv, "admin@example.com"))!;
  const { secret } = await startTwoFactorSetup(kv, admin.id);
  await enableTwoFactor(kv, admin.id, { code: await totpCode(secret) }, META);
  const expertId = demoExpertId(0);
  await ensureAccount(kv, {
    id: expertId,
    email: "expert@example.com",
    password: PASSWORD,
    name: "Demo Expert",
    role: "expert",
    source: "test",
  });
  return { adminId: admin.id, expertId };
}

Deno.test("a suspended expert disappears from the catalogue and returns on reactivation", async () => {
  using kv = await openTestKv();
  const { adminId, expertId } = await setUp(kv);
  const before = await countPublishedExperts(kv);

  await suspendAccount(kv, adminId, expertId, META);
  expect(await getPublishedExpert(kv, expertId)).toBeNull();
  expect(await countPublishedExperts(kv)).toBe(before - 1);
  const { experts } = await searchExperts(kv, { limit: 50 });
  expect(experts.map((expert) => expert.id)).not.toContain(expertId);

  await reactivateAccount(kv, adminId, expertId, META);
  expect((await getPublishedExpert(kv, expertId))?.id).toBe(expertId);
  expect(await countPublishedExperts(kv)).toBe(before);
});

Deno.test("reactivation does not republish a profile the suspension did not hide", async () => {
  using kv = await openTestKv();
  const { adminId, expertId } = await setUp(kv);
  await updateExpert(kv, expertId, { published: false });

  await suspendAccount(kv, adminId, expertId, META);
  await reactivateAccount(kv, adminId, expertId, META);
  expect(await getPublishedExpert(kv, expertId)).toBeNull();
});

Deno.test("an expert made a learner loses the public profile", async () => {
  using kv = await openTestKv();
  const { adminId, expertId } = await setUp(kv);
  const user = await changeAccountRole(kv, adminId, expertId, "learner", META);
  expect(user.role).toBe("learner");
  expect(await getPublishedExpert(kv, expertId)).toBeNull();
  await changeAccountRole(kv, adminId, expertId, "expert", META);
  // Publishing again is an admin's decision, not a side effect.
  expect(await getPublishedExpert(kv, expertId)).toBeNull();
});

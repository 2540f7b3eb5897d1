/**
 * Demo accounts for trying TapTime locally: one per role, all sharing one
 * printed password. The demo expert's account has the id of the first seeded
 * expert profile, so signing in as them is signing in as that public expert.
 * Created by `main.ts` on first run (never in production data unless
 * SEED_DEMO_DATA allows it) and listed in its start-up output.
 */
import { ensureAccount } from "@/services/auth/mod.ts";
import { acceptPolicy } from "@/services/privacy/mod.ts";
import type { Role } from "@/services/platform/model.ts";
import { demoExpertId } from "./seed.ts";
import { DEMO_EXPERTS } from "./data/experts.ts";

/** Long enough and uncommon enough for the password policy; printed at start. */
export const DEMO_PASSWORD = "taptime-demo-2026";

export interface DemoAccount {
  role: Role;
  email: string;
  name: string;
  id?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { role: "learner", email: "learner@taptime.example", name: "Lena Learner" },
  {
    role: "expert",
    email: "expert@taptime.example",
    name: DEMO_EXPERTS[0].name,
    id: demoExpertId(0),
  },
  { role: "admin", email: "admin@taptime.example", name: "Ada Admin" },
];

/**
 * Creates the demo accounts that do not exist yet, with the terms accepted
 * as at sign-up; returns the ones it created (an existing email is left
 * exactly as it is).
 */
export async function seedDemoAccounts(kv: Deno.Kv): Promise<DemoAccount[]> {
  const created: DemoAccount[] = [];
  for (const account of DEMO_ACCOUNTS) {
    const result = await ensureAccount(kv, {
      ...account,
      password: DEMO_PASSWORD,
      source: "demo data",
    });
    if (!result.created) continue;
    // As at sign-up: a demo account has accepted the terms in force.
    if (result.userId) await acceptPolicy(kv, result.userId);
    created.push(account);
  }
  return created;
}

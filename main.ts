/**
 * Production entry point: opens Deno KV, seeds the demo data on the very
 * first run, and serves the app. `deno task start` builds assets first.
 */
import { createTapTime } from "./app.ts";
import { isProduction, loadEnv } from "./env.ts";
import { ensureAdmin } from "./services/auth/mod.ts";
import { openKv } from "./services/platform/kv.ts";
import { seedDemoData } from "./services/seed/mod.ts";
import { startEmailDelivery } from "./services/platform/email/mod.ts";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  seedDemoAccounts,
} from "./services/seed/mod.ts";

const env = loadEnv();
const kv = await openKv(env.KV_PATH);

if (env.SEED_DEMO_DATA) {
  const seed = await seedDemoData(kv);
  if (seed.seeded) {
    console.log(
      `Seeded demo data: ${seed.categories} categories, ${seed.experts} experts, ${seed.posts} blog posts.`,
    );
  }
  // Demo accounts have a published password: never on a real deployment.
  const created = isProduction(env) ? [] : await seedDemoAccounts(kv);
  if (isProduction(env)) {
    console.log("Production: no demo accounts are created.");
  } else if (created.length > 0) {
    console.log(`Created demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const account of created) {
      console.log(`  ${account.role.padEnd(8)} ${account.email}`);
    }
    console.log(
      "  The demo admin turns on two-factor authentication at first sign-in.",
    );
  } else {
    console.log(
      `Demo accounts: ${
        DEMO_ACCOUNTS.map((a) => a.email).join(", ")
      } (see the README for the password).`,
    );
  }
}

// Admin accounts never come from signup: the first one is configured.
if (env.ADMIN_EMAIL && env.ADMIN_PASSWORD) {
  const admin = await ensureAdmin(kv, {
    email: env.ADMIN_EMAIL,
    password: env.ADMIN_PASSWORD,
  });
  if (admin.created) {
    console.log(
      `Created the admin account ${env.ADMIN_EMAIL} (from ADMIN_EMAIL). Sign in and turn on two-factor authentication before using admin tools.`,
    );
  } else if (admin.reason) {
    console.warn(`Admin account not created: ${admin.reason}`);
  }
}

if (env.SMTP_URL) {
  // Email is queued in KV by the flows and handed to SMTP here.
  startEmailDelivery(kv, { smtpUrl: env.SMTP_URL }).catch((error) =>
    console.error("Email delivery stopped:", error)
  );
}

const app = createTapTime({ kv, siteUrl: env.PUBLIC_URL });

Deno.serve({
  port: env.PORT,
  onListen({ hostname, port }) {
    const host = hostname === "0.0.0.0" || hostname === "::"
      ? "localhost"
      : hostname;
    console.log(`TapTime is running at http://${host}:${port}/`);
    if (env.ADMIN_EMAIL) {
      console.log(`Admin sign-in: ${env.ADMIN_EMAIL} at /login`);
    }
  },
}, app.fetch);

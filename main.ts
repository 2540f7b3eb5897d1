/**
 * Production entry point: opens Deno KV, seeds the demo data on the very
 * first run, and serves the app. `deno task start` builds assets first.
 */
import { createTapTime } from "./app.ts";
import { loadEnv } from "./env.ts";
import { openKv } from "./services/kv.ts";
import { seedDemoData } from "./services/seed.ts";

const env = loadEnv();
const kv = await openKv(env.KV_PATH);

if (env.SEED_DEMO_DATA) {
  const seed = await seedDemoData(kv);
  if (seed.seeded) {
    console.log(
      `Seeded demo data: ${seed.categories} categories, ${seed.experts} experts, ${seed.posts} blog posts.`,
    );
  }
}

const app = createTapTime({ kv, siteUrl: env.PUBLIC_URL });

Deno.serve({
  port: env.PORT,
  onListen({ hostname, port }) {
    const host = hostname === "0.0.0.0" || hostname === "::"
      ? "localhost"
      : hostname;
    console.log(`TapTime is running at http://${host}:${port}/`);
    console.log(
      "Demo accounts: none yet — sign-up and login arrive with the accounts feature.",
    );
  },
}, app.fetch);

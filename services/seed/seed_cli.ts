/**
 * `deno task seed [--experts N]`: seeds the demo data if this database has
 * never been seeded, then adds N generated experts. Uses the KV at `KV_PATH`
 * (default ./data/taptime.kv).
 */
import { parseArgs } from "node:util";
import { loadConfig } from "@/env.ts";
import { openKv } from "@/services/platform/kv.ts";
import { seedDemoData, seedGeneratedExperts } from "./seed.ts";

const USAGE = "Usage: deno task seed [--experts N]";

function readExpertCount(): number {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      experts: { type: "string", default: "0" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    Deno.exit(0);
  }
  const count = Number(values.experts);
  if (!Number.isInteger(count) || count < 0) {
    console.error(`--experts must be a whole number of 0 or more.\n${USAGE}`);
    Deno.exit(2);
  }
  return count;
}

const expertCount = readExpertCount();
// The same database the app would open with this environment.
const config = loadConfig();
const kv = await openKv(config.kv.path, { managed: config.kv.managed });
try {
  const demo = await seedDemoData(kv);
  console.log(
    demo.seeded
      ? `Seeded demo data: ${demo.categories} categories, ${demo.experts} experts, ${demo.posts} blog posts.`
      : "Demo data was already seeded; left it as it is.",
  );
  if (expertCount > 0) {
    const started = performance.now();
    const added = await seedGeneratedExperts(kv, expertCount);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Added ${added} generated experts in ${seconds}s.`);
  }
} finally {
  kv.close();
}

/**
 * `deno task seed [--experts N]`: seeds the demo data if this database has
 * never been seeded, gives the demo experts their generated portraits, then
 * adds N generated experts. Uses the KV at `KV_PATH` (default
 * ./data/taptime.kv) and the file storage the environment configures.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "@/env.ts";
import { openKv } from "@/services/platform/kv.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import { createFileStore, fileStoreProvider } from "@/services/storage/mod.ts";
import { seedDemoData, seedGeneratedExperts } from "./seed.ts";
import { seedDemoPhotos } from "./portraits.ts";

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
// Portraits go where the app keeps files (object storage when configured).
bindProviders(kv, [
  provide(fileStoreProvider, createFileStore(kv, config.storage)),
]);
try {
  const demo = await seedDemoData(kv);
  console.log(
    demo.seeded
      ? `Seeded demo data: ${demo.categories} categories, ${demo.experts} experts, ${demo.posts} blog posts.`
      : "Demo data was already seeded; left it as it is.",
  );
  const photos = await seedDemoPhotos(kv);
  if (photos > 0) console.log(`Gave ${photos} demo experts a portrait.`);
  if (expertCount > 0) {
    const started = performance.now();
    const added = await seedGeneratedExperts(kv, expertCount);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Added ${added} generated experts in ${seconds}s.`);
  }
} finally {
  kv.close();
}

/**
 * Production entry point: reads the configuration, opens Deno KV with its
 * providers and job worker (runtime.ts), runs the start-up migrations, seeds
 * the demo data on the very first run, and serves the app. `deno task start`
 * builds assets first.
 */
import { createTapTime } from "./app.ts";
import { loadConfig } from "./env.ts";
import { startRuntime } from "./runtime.ts";
import { ensureAdmin } from "./services/auth/mod.ts";
import { type Cron, scheduleCrons } from "./services/platform/jobs.ts";
import {
  type Migration,
  runStartupMigrations,
} from "./services/platform/startup.ts";
import {
  migrateUserTimeZones,
  sealStoredTotpSecrets,
} from "./services/auth/mod.ts";
import {
  calendarRefreshCron,
  sealStoredCalendarUrls,
} from "./services/calendars/mod.ts";
import { bookingDueWorkCron } from "./services/bookings/mod.ts";
import { backfillBookingTimeIndexes } from "./services/bookings/mod.ts";
import { storageSweepCron } from "./services/storage/mod.ts";
import { migrateExpertTimeZones } from "./services/experts/mod.ts";
import { nextFreeCron } from "./services/experts/mod.ts";
import {
  backfillMonthCounters,
  reviewRequestCron,
} from "./services/reviews/mod.ts";
import { notificationCleanupCron } from "./services/notifications/mod.ts";
import { weeklySummaryCron } from "./services/platform_stats/mod.ts";
import { retentionCron } from "./services/retention/mod.ts";
import { migrateLegacyOfferings } from "./services/offerings/mod.ts";
import { migrateBlogImages, migrateBlogPosts } from "./services/content/mod.ts";
import { accountErasureCron } from "./services/privacy/mod.ts";
import { dropCallRecordingNotes } from "./services/calls/mod.ts";
import { queueLegacyPhotoReprocessing } from "./services/applications/mod.ts";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  seedDemoAccounts,
  seedDemoData,
  seedDemoPhotos,
} from "./services/seed/mod.ts";

/**
 * Data migrations run at every start, in order (each is idempotent). Time
 * zones stored before only canonical IANA names were accepted are rewritten
 * to their canonical name; the rest are reported so nobody is surprised
 * later by a profile that cannot be saved.
 */
const STARTUP_MIGRATIONS: Migration[] = [
  { name: "user time zones", run: migrateUserTimeZones },
  { name: "expert time zones", run: migrateExpertTimeZones },
  { name: "sealed TOTP secrets", run: sealStoredTotpSecrets },
  { name: "sealed calendar addresses", run: sealStoredCalendarUrls },
  { name: "blog post shape", run: migrateBlogPosts },
  { name: "monthly rating counters", run: backfillMonthCounters },
  { name: "booking time indexes", run: backfillBookingTimeIndexes },
  { name: "offering package kind", run: migrateLegacyOfferings },
  { name: "retired call recording notes", run: dropCallRecordingNotes },
  { name: "legacy expert photos", run: queueLegacyPhotoReprocessing },
  { name: "blog images processed", run: migrateBlogImages },
];

/** Recurring schedules (Deno.cron); each should only enqueue a job. */
const CRONS: Cron[] = [
  accountErasureCron,
  calendarRefreshCron,
  bookingDueWorkCron,
  storageSweepCron,
  nextFreeCron,
  reviewRequestCron,
  notificationCleanupCron,
  weeklySummaryCron,
  retentionCron,
];

const config = loadConfig();
const runtime = await startRuntime(config);
const { kv } = runtime;

await runStartupMigrations(kv, STARTUP_MIGRATIONS);

if (config.seedDemoData) {
  const seed = await seedDemoData(kv);
  if (seed.seeded) {
    console.log(
      `Seeded demo data: ${seed.categories} categories, ${seed.experts} experts, ${seed.posts} blog posts.`,
    );
  }
  // Portraits cost about a second each: made after start-up, shown as they land.
  seedDemoPhotos(kv).catch((error) => console.error("Demo portraits:", error));
  // Demo accounts have a published password: never on a real deployment.
  const created = config.production ? [] : await seedDemoAccounts(kv);
  if (config.production) {
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
if (config.admin) {
  const admin = await ensureAdmin(kv, config.admin);
  if (admin.created) {
    console.log(
      `Created the admin account ${config.admin.email} (from ADMIN_EMAIL). Sign in and turn on two-factor authentication before using admin tools.`,
    );
  } else if (admin.reason) {
    console.warn(`Admin account not created: ${admin.reason}`);
  }
}

scheduleCrons(kv, CRONS);

// Known once Deno.serve listens; the app's links use it without PUBLIC_URL.
let listenOrigin: string | undefined;
const app = createTapTime({ ...runtime, listenOrigin: () => listenOrigin });

Deno.serve({
  port: config.port,
  onListen({ hostname, port }) {
    const host = hostname === "0.0.0.0" || hostname === "::"
      ? "localhost"
      : hostname;
    listenOrigin = `http://${host}:${port}`;
    console.log(`TapTime is running at ${listenOrigin}/`);
    if (config.admin) {
      console.log(`Admin sign-in: ${config.admin.email} at /login`);
    }
  },
}, app.fetch);

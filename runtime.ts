/**
 * What one TapTime process builds, once, from its configuration: the KV
 * handle, the providers bound to it, and the background job worker.
 * main.ts starts it for real; the test fixtures (tests/support/) start it on
 * a `:memory:` database, so tests run the same wiring.
 *
 * Providers (see services/platform/providers.ts) are chosen here from the
 * configuration and bound to the KV handle; features keep taking one `kv`
 * parameter and find them through it (`getFileStore(kv)`,
 * `getEmailProvider(kv)`).
 *
 * Background jobs: every job a feature defines is listed in JOBS, and the
 * queue listener always runs, whatever is configured, so no work queued by
 * a feature can sit unprocessed.
 */
import type { Config } from "./env.ts";
import {
  type Clock,
  clockProvider,
  systemClock,
} from "./services/platform/clock.ts";
import {
  createEmailProvider,
  emailDeliveryJob,
  type EmailProvider,
  emailProvider,
} from "@/services/platform/email/mod.ts";
import { type Job, startJobWorker } from "@/services/platform/jobs.ts";
import {
  createSmsProvider,
  smsDeliveryJob,
  type SmsProvider,
  smsProvider,
} from "@/services/platform/sms.ts";
import { calendarRefreshJob } from "@/services/calendars/mod.ts";
import { bookingDueWorkJob, holdSettleJob } from "@/services/bookings/mod.ts";
import {
  nextFreeFinderProvider,
  nextFreeRefreshJob,
} from "@/services/experts/mod.ts";
import { findNextFree } from "@/services/next_free/mod.ts";
import {
  accountErasureJob,
  dataExportJob,
  registerErasureStep,
} from "@/services/privacy/mod.ts";
import {
  reviewLinksProvider,
  reviewRequestJob,
} from "@/services/reviews/mod.ts";
import { openKv } from "@/services/platform/kv.ts";
import {
  statsLinksProvider,
  weeklySummaryJob,
} from "@/services/platform_stats/mod.ts";
import { retentionJob } from "@/services/retention/mod.ts";
import { unreadTotal } from "@/services/messaging/mod.ts";
import {
  messageDigestJob,
  notificationCleanupJob,
  unreadMessagesProvider,
} from "@/services/notifications/mod.ts";
import { callMediaProvider } from "@/services/calls/mod.ts";
import { createCallMedia } from "@/realtime/calls.ts";
import { createRecordingEgress } from "@/realtime/livekit.ts";
import {
  deleteRecordingsOfUser,
  recordingEgressProvider,
  recordingIdleJob,
} from "@/services/recordings/mod.ts";
import { createLiveHub, liveHubProvider } from "@/realtime/hub.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import {
  createSimulatedProvider,
  createStripeProvider,
  type PaymentProcessor,
} from "@/services/payments/mod.ts";
import {
  createSecretBox,
  developmentSecretKey,
  type SecretBox,
  secretBoxProvider,
} from "@/services/platform/secrets.ts";
import {
  createSocialLoginClients,
  type SocialLoginClients,
  socialLoginProvider,
} from "@/services/social_login/mod.ts";
import {
  createFileStore,
  type FileStore,
  fileStoreProvider,
  storageSweepJob,
} from "./services/storage/mod.ts";
import { legacyPhotoJob } from "./services/applications/mod.ts";

/** The providers bound to a process's database, and the clients built with them. */
export interface Providers {
  files: FileStore;
  email: EmailProvider;
  /** Twilio when configured, else the KV outbox (/dev/mail). */
  sms: SmsProvider;
  clock: Clock;
  /** Stripe when configured, else the simulated checkout (refused in production by env.ts). */
  payments: PaymentProcessor;
  /** Seals secrets read back later (bank details). */
  secrets: SecretBox;
  /** Sign in with the configured OpenID providers (Google, LinkedIn). */
  socialLogin: SocialLoginClients;
}

/** Every job the worker runs. A feature's new job is added here. */
export const JOBS: readonly Job<unknown>[] = [
  emailDeliveryJob,
  smsDeliveryJob,
  calendarRefreshJob,
  bookingDueWorkJob,
  holdSettleJob,
  storageSweepJob,
  nextFreeRefreshJob,
  reviewRequestJob,
  messageDigestJob,
  notificationCleanupJob,
  weeklySummaryJob,
  retentionJob,
  dataExportJob,
  accountErasureJob,
  recordingIdleJob,
  legacyPhotoJob,
];

/** A started process: close it to stop the worker and the database. */
export interface Runtime {
  config: Config;
  kv: Deno.Kv;
  providers: Providers;
  /** Settles when the job worker stops (the database closed). */
  worker: Promise<void>;
  /** Closes the database and waits for the worker to stop. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** The providers `config` asks for, on `kv`. */
export async function createProviders(
  kv: Deno.Kv,
  config: Config,
): Promise<Providers> {
  return {
    files: createFileStore(kv, config.storage),
    email: createEmailProvider(kv, config.email),
    // Texts carry absolute links: to PUBLIC_URL, else this server.
    sms: createSmsProvider(
      kv,
      config.sms,
      config.publicUrl ?? `http://localhost:${config.port}`,
    ),
    clock: systemClock,
    payments: config.payments
      ? createStripeProvider({
        secretKey: config.payments.secretKey,
        webhookSecret: config.payments.webhookSecret,
        automaticTax: config.payments.tax,
        apiBase: config.payments.apiBase,
      })
      : createSimulatedProvider(kv),
    secrets: await createSecretBox(
      config.encryptionKey ?? await developmentSecretKey(config.kv.path),
    ),
    socialLogin: createSocialLoginClients(config.socialLogin),
  };
}

/**
 * Opens the database `config` names (or uses `kv`, e.g. a test's
 * `:memory:` one), binds the providers and starts the job worker.
 */
export async function startRuntime(
  config: Config,
  options: { kv?: Deno.Kv } = {},
): Promise<Runtime> {
  const kv = options.kv ??
    await openKv(config.kv.path, { managed: config.kv.managed });
  // Erasing an account also deletes the recordings its owner took part in.
  registerErasureStep({
    name: "recordings",
    run: async (kv, userId) => void await deleteRecordingsOfUser(kv, userId),
  });
  const providers = await createProviders(kv, config);
  bindProviders(kv, [
    provide(fileStoreProvider, providers.files),
    provide(emailProvider, providers.email),
    provide(smsProvider, providers.sms),
    provide(clockProvider, providers.clock),
    provide(socialLoginProvider, providers.socialLogin),
    provide(secretBoxProvider, Promise.resolve(providers.secrets)),
    provide(callMediaProvider, createCallMedia(config)),
    provide(recordingEgressProvider, createRecordingEgress(config)),
    provide(nextFreeFinderProvider, findNextFree),
    provide(liveHubProvider, createLiveHub(kv, config.kv)),
    provide(reviewLinksProvider, { siteUrl: config.publicUrl ?? null }),
    provide(unreadMessagesProvider, unreadTotal),
    provide(statsLinksProvider, { siteUrl: config.publicUrl ?? null }),
  ]);
  const worker = startJobWorker(kv, JOBS).catch((error) => {
    console.error("The job worker stopped:", error);
  });
  return {
    config,
    kv,
    providers,
    worker,
    async [Symbol.asyncDispose]() {
      try {
        kv.close();
      } catch {
        // Already closed by its owner.
      }
      await worker;
    },
  };
}

/**
 * The process wiring (runtime.ts + createTapTime) as main.ts uses it:
 * providers chosen by the configuration, the job worker always running, and
 * request-level settings reaching the app.
 */
import { expect } from "expect";
import { createTapTime } from "./app.ts";
import { clockFor, systemClock } from "./services/platform/clock.ts";
import {
  emailDeliveryJob,
  getEmailProvider,
  listOutbox,
} from "./services/platform/email/mod.ts";
import { enqueue } from "./services/platform/jobs.ts";
import {
  getFileStore,
  KvFileStore,
  S3FileStore,
} from "./services/storage/mod.ts";
import { startTestRuntime } from "./tests/support/runtime.ts";

Deno.test("development defaults: KV files, the outbox, the system clock", async () => {
  await using runtime = await startTestRuntime();
  expect(getFileStore(runtime.kv)).toBeInstanceOf(KvFileStore);
  expect(getFileStore(runtime.kv)).toBe(runtime.providers.files);
  expect(clockFor(runtime.kv)).toBe(systemClock);
  await getEmailProvider(runtime.kv).send({
    to: "a@example.com",
    subject: "hello",
    text: "t",
  });
  expect((await listOutbox(runtime.kv)).map((m) => m.subject)).toEqual([
    "hello",
  ]);
});

Deno.test("configured providers are the ones services reach through kv", async () => {
  await using runtime = await startTestRuntime({
    S3_ENDPOINT: "http://127.0.0.1:9",
    S3_BUCKET: "taptime",
    S3_ACCESS_KEY_ID: "id",
    S3_SECRET_ACCESS_KEY: "secret",
    SMTP_URL: "smtp://127.0.0.1:9",
  });
  expect(getFileStore(runtime.kv)).toBeInstanceOf(S3FileStore);
  const email = getEmailProvider(runtime.kv);
  expect(email).toBe(runtime.providers.email);
  // SMTP mail is queued for the worker, never written to the outbox.
  expect(email.deliver).toBeDefined();
});

Deno.test("the job worker runs without any provider configured", async () => {
  await using runtime = await startTestRuntime();
  await enqueue(runtime.kv, emailDeliveryJob, {
    to: "b@example.com",
    subject: "from the queue",
    text: "t",
  });
  for (let i = 0; i < 200; i++) {
    if ((await listOutbox(runtime.kv)).length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect((await listOutbox(runtime.kv)).map((m) => m.subject)).toEqual([
    "from the queue",
  ]);
});

Deno.test("TRUST_PROXY from the config decides whether X-Forwarded-Proto counts", async () => {
  const request = () =>
    new Request("http://internal:8000/api/health", {
      headers: { "x-forwarded-proto": "https" },
    });
  for (const [trust, hsts] of [["false", false], ["true", true]] as const) {
    await using runtime = await startTestRuntime({ TRUST_PROXY: trust });
    const response = await createTapTime(runtime).fetch(request());
    await response.body?.cancel();
    expect(response.headers.has("strict-transport-security")).toBe(hsts);
  }
});

/**
 * Background work: one typed dispatcher on the Deno KV queue, plus
 * `Deno.cron` schedules.
 *
 * A feature declares a job with `defineJob({ name, payload, handler })` and
 * exports it from its mod.ts; `runtime.ts` lists every job, and the one queue
 * listener it starts (always, in every process: main.ts and the test
 * fixtures) hands each message to its job. Work is queued with
 * `enqueue(kv, job, payload, { delay })`.
 *
 * Failure rules:
 * - a message naming no listed job, or whose payload fails the job's schema,
 *   is logged and dropped: retrying it could never succeed;
 * - a handler that throws is retried on the job's `retry` schedule (the KV
 *   queue's back-off; every attempt is logged), and after the last attempt it
 *   is logged as given up and its message kept under `job_failed`.
 *
 * Delivery is at least once, possibly by another process: handlers must be
 * idempotent (check a "done" marker in the same atomic as the work).
 *
 * Crons (`defineCron`) are registered by `scheduleCrons`, which only main.ts
 * calls, so tests never leave a schedule running. A cron should only enqueue
 * jobs, so its work gets the queue's retries.
 *
 * KV keys
 *   ["job_attempts", id]      → number   failed attempts so far (expires in a day)
 *   ["job_failed", name, id]  → JobMessage   written by the queue when every
 *                                         attempt failed, for inspection
 */
import { z } from "zod";
import { newId, withLockRetry } from "./kv.ts";

/** What a handler learns besides its payload. */
export interface JobContext {
  kv: Deno.Kv;
  /** The id given to this message when it was queued. */
  id: string;
}

/** A named kind of background work. */
export interface Job<P = unknown> {
  readonly name: string;
  readonly payload: z.ZodType<P>;
  // A method (not a function property) so any Job<P> fits a Job<unknown>
  // list; the dispatcher checks the payload against `payload` first.
  handler(payload: P, context: JobContext): Promise<void>;
  /** Delays (ms) before each retry; at most 5, each at most an hour. */
  readonly retry: readonly number[];
}

/** Retries when a job names none: 5 s, 1 min, 10 min, 1 h. */
export const DEFAULT_RETRY_MS = [5_000, 60_000, 600_000, 3_600_000] as const;

const MAX_RETRIES = 5;
const MAX_RETRY_DELAY_MS = 3_600_000;
const ATTEMPTS_TTL_MS = 24 * 3_600_000;

/** Declares a job; list it in `runtime.ts` so the dispatcher runs it. */
export function defineJob<S extends z.ZodType>(definition: {
  name: string;
  payload: S;
  handler: (payload: z.output<S>, context: JobContext) => Promise<void>;
  retry?: readonly number[];
}): Job<z.output<S>> {
  const retry = definition.retry ?? DEFAULT_RETRY_MS;
  if (
    retry.length > MAX_RETRIES ||
    retry.some((ms) =>
      !Number.isInteger(ms) || ms < 0 || ms > MAX_RETRY_DELAY_MS
    )
  ) {
    throw new TypeError(
      `Job ${definition.name}: retry takes at most ${MAX_RETRIES} delays of 0 ms to 1 hour.`,
    );
  }
  return {
    name: definition.name,
    payload: definition.payload as z.ZodType<z.output<S>>,
    handler: definition.handler,
    retry,
  };
}

/** What is stored on the KV queue for one job run. */
const jobMessageSchema = z.object({
  job: z.string(),
  id: z.string(),
  payload: z.unknown(),
});
export type JobMessage = z.infer<typeof jobMessageSchema>;

/**
 * Queues one run of `job`. The payload is checked against the job's schema
 * here, so a mistake fails at the caller rather than in the background.
 * `delay` (ms, up to 30 days) postpones the run. Returns the message id.
 */
export async function enqueue<P>(
  kv: Deno.Kv,
  job: Job<P>,
  payload: P,
  options: { delay?: number } = {},
): Promise<string> {
  const checked = job.payload.safeParse(payload);
  if (!checked.success) {
    throw new TypeError(
      `Job ${job.name}: invalid payload: ${z.prettifyError(checked.error)}`,
    );
  }
  const message: JobMessage = { job: job.name, id: newId(), payload };
  await withLockRetry(() =>
    kv.enqueue(message, {
      delay: options.delay,
      backoffSchedule: [...job.retry],
      keysIfUndelivered: [["job_failed", job.name, message.id]],
    })
  );
  return message.id;
}

/**
 * Starts the process's queue listener: every message is dispatched to its
 * job in `jobs`. Runs until `kv` is closed (the returned promise then
 * settles). Call once per database handle.
 */
export function startJobWorker(
  kv: Deno.Kv,
  jobs: readonly Job<unknown>[],
): Promise<void> {
  const byName = new Map<string, Job<unknown>>();
  for (const job of jobs) {
    if (byName.has(job.name)) {
      throw new Error(`Two jobs are named ${job.name}.`);
    }
    byName.set(job.name, job);
  }
  return kv.listenQueue((message: unknown) => dispatch(kv, byName, message));
}

async function dispatch(
  kv: Deno.Kv,
  jobs: Map<string, Job<unknown>>,
  raw: unknown,
): Promise<void> {
  const message = jobMessageSchema.safeParse(raw);
  if (!message.success) {
    console.error("Dropped a queue message that is not a job:", raw);
    return;
  }
  const { job: name, id } = message.data;
  const job = jobs.get(name);
  if (!job) {
    console.error(`Dropped job ${name} (${id}): no such job is registered.`);
    return;
  }
  const payload = job.payload.safeParse(message.data.payload);
  if (!payload.success) {
    console.error(
      `Dropped job ${name} (${id}): invalid payload: ${
        z.prettifyError(payload.error)
      }`,
    );
    return;
  }
  try {
    await job.handler(payload.data, { kv, id });
  } catch (error) {
    await reportFailure(kv, job, id, error);
    throw error; // the queue retries it on the job's schedule
  }
  // A success after failures: the counter is no longer needed.
  await kv.delete(["job_attempts", id]).catch(() => {});
}

async function reportFailure(
  kv: Deno.Kv,
  job: Job<unknown>,
  id: string,
  error: unknown,
): Promise<void> {
  const key = ["job_attempts", id];
  let attempt = 1;
  try {
    attempt = ((await kv.get<number>(key)).value ?? 0) + 1;
    await kv.set(key, attempt, { expireIn: ATTEMPTS_TTL_MS });
  } catch {
    // Counting is best effort; the retry itself is the queue's.
  }
  const attempts = job.retry.length + 1;
  if (attempt >= attempts) {
    console.error(
      `Job ${job.name} (${id}) failed ${attempts} times; giving up.`,
      error,
    );
  } else {
    console.warn(
      `Job ${job.name} (${id}) failed (attempt ${attempt} of ${attempts}); retrying in ${
        job.retry[attempt - 1]
      } ms.`,
      error,
    );
  }
}

/** A schedule that runs `run` (which should only enqueue jobs). */
export interface Cron {
  readonly name: string;
  /** A cron expression (UTC) or a `Deno.CronSchedule`. */
  readonly schedule: string | Deno.CronSchedule;
  readonly run: (kv: Deno.Kv) => Promise<void>;
}

/** Declares a cron; list it in main.ts's schedules. */
export function defineCron(cron: Cron): Cron {
  // Deno.cron's rule, checked where the cron is written.
  if (!/^[A-Za-z0-9 _-]+$/.test(cron.name)) {
    throw new TypeError(
      `Cron "${cron.name}": use letters, digits, spaces, - and _ in its name.`,
    );
  }
  return cron;
}

/**
 * Registers `crons` with `Deno.cron`. Only main.ts calls this (a registered
 * cron lives as long as the process); `signal` stops them, for tests.
 */
export function scheduleCrons(
  kv: Deno.Kv,
  crons: readonly Cron[],
  options: { signal?: AbortSignal } = {},
): Promise<void>[] {
  return crons.map((cron) =>
    Deno.cron(
      cron.name,
      cron.schedule,
      { signal: options.signal },
      async () => {
        try {
          await cron.run(kv);
        } catch (error) {
          console.error(`Cron ${cron.name} failed:`, error);
        }
      },
    )
  );
}

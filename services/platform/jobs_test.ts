import { expect } from "expect";
import { z } from "zod";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  defineCron,
  defineJob,
  enqueue,
  type Job,
  scheduleCrons,
  startJobWorker,
} from "./jobs.ts";

/** Waits until `done()` holds (polling), failing after `ms`. */
async function waitFor(done: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until the async `done()` holds, failing after `ms`. */
async function eventually(
  done: () => Promise<boolean>,
  ms = 3000,
): Promise<void> {
  const until = Date.now() + ms;
  while (!await done()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Records console.error/warn lines while `fn` runs. */
async function capturingLogs<T>(
  fn: (logs: string[]) => Promise<T>,
): Promise<T> {
  const logs: string[] = [];
  const { error, warn } = console;
  console.error = (...args: unknown[]) => logs.push(args.map(String).join(" "));
  console.warn = console.error;
  try {
    return await fn(logs);
  } finally {
    console.error = error;
    console.warn = warn;
  }
}

/** A KV with a running worker for `jobs`, closed (and drained) at the end. */
async function withWorker(
  jobs: Job<unknown>[],
  fn: (kv: Deno.Kv) => Promise<void>,
): Promise<void> {
  const kv = await openTestKv();
  const worker = startJobWorker(kv, jobs);
  try {
    await fn(kv);
  } finally {
    kv.close();
    await worker;
  }
}

Deno.test("a queued job runs once with its payload", async () => {
  const seen: { id: string; count: number }[] = [];
  const greet = defineJob({
    name: "test.greet",
    payload: z.object({ count: z.number().int() }),
    handler: (payload, { id }) => {
      seen.push({ id, count: payload.count });
      return Promise.resolve();
    },
  });
  await withWorker([greet], async (kv) => {
    const id = await enqueue(kv, greet, { count: 3 });
    await waitFor(() => seen.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual([{ id, count: 3 }]);
  });
});

Deno.test("a delayed job runs only after its delay", async () => {
  let ranAt = 0;
  const later = defineJob({
    name: "test.later",
    payload: z.object({}),
    handler: () => {
      ranAt = Date.now();
      return Promise.resolve();
    },
  });
  await withWorker([later], async (kv) => {
    const queuedAt = Date.now();
    await enqueue(kv, later, {}, { delay: 400 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(ranAt).toBe(0);
    await waitFor(() => ranAt > 0);
    expect(ranAt - queuedAt).toBeGreaterThanOrEqual(400);
  });
});

Deno.test("bad payloads and unknown jobs are logged and dropped, not retried", async () => {
  let calls = 0;
  const strict = defineJob({
    name: "test.strict",
    payload: z.object({ userId: z.string() }),
    retry: [10, 10],
    handler: () => {
      calls++;
      return Promise.resolve();
    },
  });
  await capturingLogs(async (logs) => {
    await withWorker([strict], async (kv) => {
      // enqueue() refuses a bad payload at the caller.
      await expect(enqueue(kv, strict, { userId: 42 } as never)).rejects
        .toThrow(/Job test.strict: invalid payload/);
      // One that got queued anyway (an older release's shape) is dropped.
      await kv.enqueue({ job: "test.strict", id: "a", payload: { userId: 1 } });
      await kv.enqueue({ job: "test.gone", id: "b", payload: {} });
      await kv.enqueue("not a job at all");
      await waitFor(() => logs.length >= 3);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(calls).toBe(0);
      expect(logs).toHaveLength(3);
      expect(logs.join("\n")).toMatch(
        /Dropped job test.strict \(a\): invalid payload/,
      );
      expect(logs.join("\n")).toMatch(
        /Dropped job test.gone \(b\): no such job/,
      );
      expect(logs.join("\n")).toMatch(/not a job/);
    });
  });
});

Deno.test("a failing job is retried on its schedule", async () => {
  let calls = 0;
  const flaky = defineJob({
    name: "test.flaky",
    payload: z.object({}),
    retry: [10, 10],
    handler: () => {
      calls++;
      return calls < 3
        ? Promise.reject(new Error("mail server down"))
        : Promise.resolve();
    },
  });
  await capturingLogs(async (logs) => {
    await withWorker([flaky], async (kv) => {
      const id = await enqueue(kv, flaky, {});
      await waitFor(() => calls === 3);
      expect(logs.filter((line) => line.includes("retrying"))).toHaveLength(2);
      expect(logs[0]).toMatch(/test.flaky .* failed \(attempt 1 of 3\)/);
      // The attempt counter goes once the job succeeds.
      await eventually(async () =>
        (await kv.get(["job_attempts", id])).value === null
      );
    });
  });
});

Deno.test("a job that keeps failing is given up, logged and kept", async () => {
  let calls = 0;
  const doomed = defineJob({
    name: "test.doomed",
    payload: z.object({ n: z.number() }),
    retry: [10],
    handler: () => {
      calls++;
      return Promise.reject(new Error("always"));
    },
  });
  await capturingLogs(async (logs) => {
    await withWorker([doomed], async (kv) => {
      const id = await enqueue(kv, doomed, { n: 1 });
      await waitFor(() =>
        logs.some((line) => line.includes("giving up")) && calls === 2
      );
      // The queue keeps the message once every attempt has failed.
      const key = ["job_failed", "test.doomed", id];
      await eventually(async () => (await kv.get(key)).value !== null);
      expect((await kv.get(key)).value).toMatchObject({
        job: "test.doomed",
        id,
        payload: { n: 1 },
      });
      expect(calls).toBe(2);
    });
  });
});

Deno.test("job definitions are checked", () => {
  expect(() =>
    defineJob({
      name: "test.bad",
      payload: z.object({}),
      retry: [1, 2, 3, 4, 5, 6],
      handler: () => Promise.resolve(),
    })
  ).toThrow(/at most 5 delays/);
  const job = defineJob({
    name: "test.twice",
    payload: z.object({}),
    handler: () => Promise.resolve(),
  });
  expect(() => startJobWorker({} as Deno.Kv, [job, job])).toThrow(
    /Two jobs are named test.twice/,
  );
});

Deno.test("crons register with Deno.cron and stop with their signal", async () => {
  using kv = await openTestKv();
  const stop = new AbortController();
  const running = scheduleCrons(kv, [
    defineCron({
      name: "test-hourly",
      schedule: "0 * * * *",
      run: () => Promise.resolve(),
    }),
  ], { signal: stop.signal });
  expect(running).toHaveLength(1);
  expect(() =>
    defineCron({ name: "a.b", schedule: "* * * * *", run: async () => {} })
  ).toThrow(/use letters, digits/);
  stop.abort();
  await Promise.all(running);
});

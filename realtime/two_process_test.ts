/**
 * Two app processes (main.ts, as deployed) on one KV file: a learner signed
 * in on the first sends a message; the expert's event stream, held by the
 * second, delivers it. The local KV backend does not tell one process about
 * another's writes, so this is the hub's versionstamp poll at work.
 */
import { expect } from "expect";
import { fileURLToPath } from "node:url";
import { openKv } from "@/services/platform/kv.ts";
import { FIXTURE_PASSWORD, messagingPair } from "@/tests/support/messaging.ts";
import { SseReader } from "./sse_client.ts";

const MAIN = fileURLToPath(new URL("../main.ts", import.meta.url));

interface AppProcess {
  baseUrl: string;
  child: Deno.ChildProcess;
  stop(): Promise<void>;
}

/** Starts main.ts on `kvPath` and a free port; resolves once it listens. */
async function startProcess(kvPath: string): Promise<AppProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN],
    env: { KV_PATH: kvPath, PORT: "0", SEED_DEMO_DATA: "false" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let output = "";
  const deadline = Date.now() + 30_000;
  let baseUrl: string | undefined;
  while (!baseUrl) {
    if (Date.now() > deadline) throw new Error(`no start:\n${output}`);
    const { value, done } = await lines.read();
    if (done) {
      const stderr = await new Response(child.stderr).text();
      throw new Error(`the app exited:\n${output}\n${stderr}`);
    }
    output += value;
    baseUrl = output.match(/running at (http:\/\/[^\s/]+)\//)?.[1];
  }
  // Keep draining so the child never blocks on a full pipe.
  const drained = (async () => {
    while (!(await lines.read()).done) { /* discard */ }
  })();
  const errors = new Response(child.stderr).text();
  return {
    baseUrl,
    child,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await drained;
      await errors;
    },
  };
}

/** Logs in over HTTP; returns the session cookie. */
async function logIn(app: AppProcess, email: string): Promise<string> {
  const response = await fetch(`${app.baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: app.baseUrl },
    body: JSON.stringify({ email, password: FIXTURE_PASSWORD }),
  });
  expect(response.status).toBe(200);
  await response.body?.cancel();
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join(
    "; ",
  );
}

Deno.test("a message sent through one process arrives on a stream held by another", async () => {
  const dir = await Deno.makeTempDir();
  const kvPath = `${dir}/shared.kv`;
  const kv = await openKv(kvPath);
  const pair = await messagingPair(kv, { booked: true });
  const first = await startProcess(kvPath);
  const second = await startProcess(kvPath);
  let stream: SseReader | undefined;
  try {
    const learner = await logIn(first, pair.learner.email);
    const expert = await logIn(second, pair.expert.email);

    const opened = await fetch(`${first.baseUrl}/api/conversations`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: first.baseUrl,
        cookie: learner,
      },
      body: JSON.stringify({ withUserId: pair.expert.id }),
    });
    expect(opened.status).toBe(200);
    const { conversation } = await opened.json();

    const live = await fetch(`${second.baseUrl}/api/live`, {
      headers: { accept: "text/event-stream", cookie: expert },
    });
    expect(live.status).toBe(200);
    stream = new SseReader(live.body!);

    const sentAt = Date.now();
    const sent = await fetch(
      `${first.baseUrl}/api/conversations/${conversation.id}/messages`,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          origin: first.baseUrl,
          cookie: learner,
        },
        body: JSON.stringify({ text: "From the other process" }),
      },
    );
    expect(sent.status).toBe(201);
    const { message } = await sent.json();

    const event = await stream.next(5_000);
    expect(event).toMatchObject({
      event: "message.created",
      data: { message: { id: message.id, text: "From the other process" } },
    });
    // The poll runs every 400 ms.
    expect(Date.now() - sentAt).toBeLessThan(2_000);
  } finally {
    await stream?.cancel();
    await first.stop();
    await second.stop();
    kv.close();
    await Deno.remove(dir, { recursive: true });
  }
});

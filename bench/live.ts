/**
 * The live layer under load: `deno run -A bench/live.ts` (optionally
 * `--connections 1000 --messages 2000 --rate 100`).
 *
 * - Setup, in this process, on a temporary KV file: `connections / 5`
 *   users (learner–expert pairs with a booking, so they may message each
 *   other, written through the features' services), a conversation per
 *   pair, and a session per user made by calling the auth feature's `login`
 *   directly (each from its own made-up address, so the per-address login
 *   limit does not apply): signing hundreds of users in over HTTP would only
 *   measure password hashing.
 * - One process: the app (`main.ts`, as deployed) on that file; five event
 *   streams (`GET /api/live`, the per-user limit) per user, read with
 *   realtime/sse_client.ts; then `--messages` messages posted over HTTP
 *   (`POST /api/conversations/:id/messages`), paced at `--rate` a second,
 *   alternating senders across the pairs. Each message's text carries the
 *   wall-clock time it was posted; every stream that receives its
 *   `message.created` event (both parties' streams get it) records
 *   receive time minus that (client side,
 *   one clock), so latency spans the whole post → persist → hub → stream
 *   path. Memory: the app process's resident set (VmRSS) before the
 *   streams open and after, divided by the streams.
 * - Two processes: the streams are closed and opened again on a second app
 *   process on the same file; messages are posted through the first. The
 *   local KV backend does not tell one process of another's writes, so this
 *   measures the hub's versionstamp poll (every 400 ms).
 *
 * Targets: p99 < 100 ms in one process, < 1 s across two.
 */
import { openKv } from "@/services/platform/kv.ts";
import { login, type PublicUser } from "@/services/auth/mod.ts";
import { openConversation, sendMessage } from "@/services/messaging/mod.ts";
import { SESSION_COOKIE } from "@/auth/cookies.ts";
import { FIXTURE_PASSWORD, messagingPair } from "@/tests/support/messaging.ts";
import { SseReader } from "@/realtime/sse_client.ts";
import { type LatencySummary, summarizeLatencies } from "./stats.ts";
import { evaluateLiveTargets } from "./targets.ts";
import { REPO_ROOT, runDeno } from "./processes.ts";

/** The hub's per-user stream limit (realtime/hub.ts). */
const STREAMS_PER_USER = 5;
const TEXT_PREFIX = "bench sent at ";

export interface LiveDelivery {
  messages: number;
  /** Events expected (messages × both parties' streams) and received. */
  expected: number;
  received: number;
  latencyMs: LatencySummary;
}

export interface LiveBenchResult {
  connections: number;
  users: number;
  setupSeconds: number;
  memory: {
    rssBeforeBytes: number;
    rssAfterBytes: number;
    bytesPerConnection: number;
  };
  oneProcess: LiveDelivery;
  twoProcesses: LiveDelivery;
}

/** The resident set size in bytes from the text of /proc/<pid>/status; NaN when absent. */
export function rssFromProcStatus(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : NaN;
}

/** The message text that carries its sending time, and that time back. */
export function stampedText(sentAtMs: number): string {
  return `${TEXT_PREFIX}${sentAtMs}`;
}

export function sentAtOf(text: unknown): number | null {
  if (typeof text !== "string" || !text.startsWith(TEXT_PREFIX)) return null;
  const value = Number(text.slice(TEXT_PREFIX.length));
  return Number.isFinite(value) ? value : null;
}

interface AppProcess {
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts main.ts on `kvPath` and a port the OS picks; resolves once it listens. */
async function startApp(kvPath: string): Promise<AppProcess> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts"],
    cwd: REPO_ROOT,
    env: { KV_PATH: kvPath, PORT: "0", SEED_DEMO_DATA: "false" },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const errors = new Response(child.stderr).text();
  let output = "";
  let origin: string | undefined;
  const deadline = Date.now() + 60_000;
  while (!origin) {
    const { value, done } = await lines.read();
    if (done || Date.now() > deadline) {
      child.kill("SIGTERM");
      throw new Error(`the app did not start:\n${output}\n${await errors}`);
    }
    output += value;
    origin = output.match(/running at (http:\/\/[^\s/]+)\//)?.[1];
  }
  // Unread pipes fill up and block the server.
  const drained = Promise.all([
    (async () => {
      while (!(await lines.read()).done) { /* discard */ }
    })(),
    errors,
  ]);
  return {
    origin,
    pid: child.pid,
    async stop() {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      await child.status;
      await drained.catch(() => {});
    },
  };
}

async function rssOf(pid: number): Promise<number> {
  return rssFromProcStatus(await Deno.readTextFile(`/proc/${pid}/status`));
}

interface BenchUser {
  user: PublicUser;
  cookie: string;
}

interface Pair {
  learner: BenchUser;
  expert: BenchUser;
  conversationId: string;
}

/** Users, conversations and sessions, written directly to the file. */
async function setUp(kvPath: string, pairCount: number): Promise<Pair[]> {
  const kv = await openKv(kvPath);
  try {
    const pairs: Pair[] = [];
    let address = 0;
    const session = async (user: PublicUser): Promise<BenchUser> => {
      address++;
      const ip = `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${
        address & 255
      }`;
      const outcome = await login(
        kv,
        { email: user.email, password: FIXTURE_PASSWORD },
        { ip, userAgent: "taptime-bench", baseUrl: "http://127.0.0.1" },
      );
      if (!("sessionToken" in outcome)) throw new Error("no session");
      return { user, cookie: `${SESSION_COOKIE}=${outcome.sessionToken}` };
    };
    for (let i = 0; i < pairCount; i++) {
      const { learner, expert } = await messagingPair(kv, { booked: true });
      const conversation = await openConversation(kv, learner, expert.id);
      // The expert's answer opens the conversation to the learner for good.
      await sendMessage(kv, expert.id, conversation.id, { text: "Hello" });
      pairs.push({
        learner: await session(learner),
        expert: await session(expert),
        conversationId: conversation.id,
      });
    }
    return pairs;
  } finally {
    kv.close();
  }
}

/** The open streams, with the latencies they saw (keyed by the receiving user). */
class Streams {
  readonly readers: SseReader[] = [];
  latencies: number[] = [];
  received = 0;
  /** Messages sent before this (the warm-up's, late across processes) are not counted. */
  since = 0;
  private loops: Promise<void>[] = [];

  async open(origin: string, users: BenchUser[], perUser: number) {
    const jobs = users.flatMap((u) => Array.from({ length: perUser }, () => u));
    let next = 0;
    // A few dozen at a time: opening is not what is measured.
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (next < jobs.length) {
        const user = jobs[next++];
        const response = await fetch(`${origin}/api/live`, {
          headers: { accept: "text/event-stream", cookie: user.cookie },
        });
        if (response.status !== 200 || !response.body) {
          throw new Error(`/api/live answered ${response.status}`);
        }
        const reader = new SseReader(response.body);
        this.readers.push(reader);
        this.loops.push(this.read(reader));
      }
    }));
  }

  private async read(reader: SseReader): Promise<void> {
    try {
      for (;;) {
        const message = await reader.next(3_600_000);
        if (!message) return;
        if (message.event !== "message.created") continue;
        const sentAt = sentAtOf(message.data?.message?.text);
        if (sentAt === null || sentAt < this.since) continue;
        this.latencies.push(Date.now() - sentAt);
        this.received++;
      }
    } catch {
      // Cancelled at the end.
    }
  }

  reset(): void {
    this.latencies = [];
    this.received = 0;
    this.since = Date.now();
  }

  async close(): Promise<void> {
    await Promise.all(this.readers.map((reader) => reader.cancel()));
    await Promise.all(this.loops);
    this.readers.length = 0;
    this.loops = [];
  }
}

/** Posts `count` stamped messages through `origin`, `rate` a second, across the pairs. */
async function publish(
  origin: string,
  pairs: Pair[],
  count: number,
  rate: number,
): Promise<void> {
  const started = performance.now();
  const sends: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const pair = pairs[i % pairs.length];
    // Learners and experts take turns sending, so every user receives.
    const sender = Math.floor(i / pairs.length) % 2 === 0
      ? pair.learner
      : pair.expert;
    sends.push((async () => {
      const response = await fetch(
        `${origin}/api/conversations/${pair.conversationId}/messages`,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            origin,
            cookie: sender.cookie,
          },
          body: JSON.stringify({ text: stampedText(Date.now()) }),
        },
      );
      await response.body?.cancel();
      if (response.status !== 201) {
        throw new Error(`sending a message answered ${response.status}`);
      }
    })());
  }
  await Promise.all(sends);
}

/** Waits until `streams` received `expected` events, or `graceMs` passed without progress. */
async function settle(
  streams: Streams,
  expected: number,
  graceMs: number,
): Promise<void> {
  let last = -1;
  let since = Date.now();
  while (streams.received < expected) {
    if (streams.received !== last) {
      last = streams.received;
      since = Date.now();
    } else if (Date.now() - since > graceMs) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function deliver(
  publishOrigin: string,
  streams: Streams,
  pairs: Pair[],
  messages: number,
  rate: number,
  perUser: number,
): Promise<LiveDelivery> {
  // A few unmeasured messages first: the first ones pay for compiling code.
  const warmUp = Math.min(pairs.length, 20);
  await publish(publishOrigin, pairs, warmUp, rate);
  await settle(streams, warmUp * 2 * perUser, 5_000);
  streams.reset();
  await publish(publishOrigin, pairs, messages, rate);
  // Both parties' streams get every message (the sender's other devices too).
  const expected = messages * 2 * perUser;
  await settle(streams, expected, 5_000);
  return {
    messages,
    expected,
    received: streams.received,
    latencyMs: summarizeLatencies(streams.latencies),
  };
}

export async function benchLive(
  options: { connections?: number; messages?: number; rate?: number } = {},
): Promise<LiveBenchResult> {
  const connections = options.connections ?? 1000;
  const messages = options.messages ?? 2000;
  const rate = options.rate ?? 100;
  const pairCount = Math.max(
    1,
    Math.ceil(connections / STREAMS_PER_USER / 2),
  );
  const users = pairCount * 2;
  const perUser = Math.ceil(connections / users);
  const dir = await Deno.makeTempDir({ prefix: "taptime-bench-live-" });
  const kvPath = `${dir}/bench.kv`;
  const apps: AppProcess[] = [];
  const streams = new Streams();
  try {
    const setupStart = performance.now();
    const pairs = await setUp(kvPath, pairCount);
    const setupSeconds = (performance.now() - setupStart) / 1000;
    const everyone = pairs.flatMap((pair) => [pair.learner, pair.expert]);

    const first = await startApp(kvPath);
    apps.push(first);
    // Warm the route up so the "before" figure includes loaded code.
    await streams.open(first.origin, everyone.slice(0, 1), 1);
    await streams.close();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const rssBeforeBytes = await rssOf(first.pid);
    await streams.open(first.origin, everyone, perUser);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const rssAfterBytes = await rssOf(first.pid);
    const opened = streams.readers.length;

    const oneProcess = await deliver(
      first.origin,
      streams,
      pairs,
      messages,
      rate,
      perUser,
    );
    await streams.close();

    const second = await startApp(kvPath);
    apps.push(second);
    await streams.open(second.origin, everyone, perUser);
    const twoProcesses = await deliver(
      first.origin,
      streams,
      pairs,
      messages,
      rate,
      perUser,
    );
    return {
      connections: opened,
      users,
      setupSeconds: Math.round(setupSeconds * 10) / 10,
      memory: {
        rssBeforeBytes,
        rssAfterBytes,
        bytesPerConnection: Math.round(
          (rssAfterBytes - rssBeforeBytes) / opened,
        ),
      },
      oneProcess,
      twoProcesses,
    };
  } finally {
    await streams.close();
    await Promise.all(apps.map((app) => app.stop()));
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

/** The live section of the report. */
export function renderLive(result: LiveBenchResult): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const figures = (d: LiveDelivery) => ({
    expected: d.expected,
    received: d.received,
    p99Ms: d.latencyMs.p99,
  });
  const checks = evaluateLiveTargets(
    figures(result.oneProcess),
    figures(result.twoProcesses),
  );
  const line = (name: string, d: LiveDelivery, index: number) =>
    `${name}: ${d.received}/${d.expected} events, p50 ${
      ms(d.latencyMs.p50)
    }, p99 ${ms(d.latencyMs.p99)}, max ${ms(d.latencyMs.max)} (${
      checks[index].target
    }: ${checks[index].met ? "met" : "NOT MET"})`;
  const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return [
    "",
    "Live event streams",
    `${result.connections} open streams (${result.users} users); app RSS ${
      mb(result.memory.rssBeforeBytes)
    } → ${mb(result.memory.rssAfterBytes)}: ${
      (result.memory.bytesPerConnection / 1024).toFixed(1)
    } KB per stream`,
    line("one process", result.oneProcess, 0),
    line(
      "two processes (posted on one, streamed by the other)",
      result.twoProcesses,
      1,
    ),
  ].join("\n");
}

function flag(name: string, fallback: number): number {
  const index = Deno.args.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(Deno.args[index + 1]);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`--${name} takes a positive whole number.`);
    Deno.exit(2);
  }
  return value;
}

if (import.meta.main) {
  if (!Deno.args.includes("--skip-build")) {
    // The app serves built assets; `deno task bench` builds them first too.
    await runDeno(["run", "-A", "framework/cli.ts", "build"], {
      cwd: REPO_ROOT,
    });
  }
  const result = await benchLive({
    connections: flag("connections", 1000),
    messages: flag("messages", 2000),
    rate: flag("rate", 100),
  });
  console.log(renderLive(result));
  console.log(JSON.stringify(result, null, 2));
}

/**
 * The two kinds of load run the benchmark makes: autocannon against a URL
 * (in its own process, bench/load.ts), and against a bare server sending
 * a page's own recorded response (the same-bytes ceiling).
 */
import type { BenchSettings } from "./args.ts";
import type { LoadResult } from "./load.ts";
import { freePort, REPO_ROOT, runDeno, ServerProcess } from "./processes.ts";
import { recordResponse } from "./replay.ts";

/**
 * Records the response `url` gives (bench/replay.ts), serves it from a bare
 * server of its own (bench/replay_server.ts) and loads that: the ceiling
 * for a page of this size on this machine.
 */
export async function loadSameBytes(
  url: string,
  settings: BenchSettings,
  tempDir: string,
  servers: ServerProcess[],
): Promise<LoadResult> {
  const recorded = await recordResponse(url, settings.acceptEncoding);
  const file = `${tempDir}/replay-${servers.length}.json`;
  await Deno.writeTextFile(file, JSON.stringify(recorded));
  const port = freePort();
  const replay = new ServerProcess(
    "replay (bench/replay_server.ts)",
    ["run", "-A", "bench/replay_server.ts"],
    { cwd: REPO_ROOT, env: { PORT: String(port), REPLAY_FILE: file } },
  );
  servers.push(replay);
  try {
    await replay.waitUntilReady(`http://127.0.0.1:${port}/`);
    return await runLoad(`http://127.0.0.1:${port}/`, settings);
  } finally {
    await replay.stop();
  }
}

/** Runs autocannon in its own process (bench/load.ts) against `url`. */
export async function runLoad(
  url: string,
  settings: BenchSettings,
): Promise<LoadResult> {
  const stdout = await runDeno([
    "run",
    "-A",
    "bench/load.ts",
    "--url",
    url,
    "--concurrency",
    String(settings.concurrency),
    "--duration",
    String(settings.durationSeconds),
    "--warmup",
    String(settings.warmupSeconds),
    "--accept-encoding",
    settings.acceptEncoding,
  ], { cwd: REPO_ROOT });
  return JSON.parse(stdout) as LoadResult;
}

/**
 * Child processes of the benchmark: the asset build, the servers under test
 * and the load generator. Servers' output is kept (the last few KB) rather
 * than shown, and printed only when something goes wrong.
 */
import { fileURLToPath } from "node:url";

/** The repository, where every child process runs. */
export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));

const OUTPUT_TAIL_BYTES = 8 * 1024;

/** A port the OS reports free right now, on the loopback interface. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

/** A long-running child process (a server) whose output is kept for error reports. */
export class ServerProcess {
  readonly #child: Deno.ChildProcess;
  #output = "";
  #exited: Deno.CommandStatus | null = null;
  readonly #drained: Promise<unknown>;

  constructor(
    readonly name: string,
    args: string[],
    options: { cwd: string; env: Record<string, string> },
  ) {
    this.#child = new Deno.Command(Deno.execPath(), {
      args,
      cwd: options.cwd,
      env: options.env,
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // Unread pipes fill up and block the server, so both are always drained.
    this.#drained = Promise.all([
      this.#keepTail(this.#child.stdout),
      this.#keepTail(this.#child.stderr),
    ]);
    this.#child.status.then((status) => this.#exited = status);
  }

  async #keepTail(stream: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    for await (const chunk of stream) {
      this.#output = (this.#output + decoder.decode(chunk, { stream: true }))
        .slice(-OUTPUT_TAIL_BYTES);
    }
  }

  /** The last few KB the process printed. */
  get output(): string {
    return this.#output;
  }

  /**
   * Resolves once `url` answers 200; throws with the server's output when
   * the process exits first or `timeoutMs` passes.
   */
  async waitUntilReady(url: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastProblem = "no answer yet";
    while (Date.now() < deadline) {
      if (this.#exited !== null) {
        await this.#drained;
        throw new Error(
          `${this.name} exited with code ${this.#exited.code} before answering.\n${this.output}`,
        );
      }
      try {
        const response = await fetch(url);
        await response.body?.cancel();
        if (response.status === 200) return;
        lastProblem = `${url} answered ${response.status}`;
      } catch (error) {
        lastProblem = error instanceof Error ? error.message : String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(
      `${this.name} was not ready after ${
        timeoutMs / 1000
      } s (${lastProblem}).\n${this.output}`,
    );
  }

  /** Stops the process (SIGTERM, then SIGKILL after two seconds) and waits for it. */
  async stop(): Promise<void> {
    if (this.#exited === null) {
      try {
        this.#child.kill("SIGTERM");
      } catch {
        // It exited between the check and the kill.
      }
      const timer = setTimeout(() => {
        try {
          this.#child.kill("SIGKILL");
        } catch { /* already gone */ }
      }, 2000);
      await this.#child.status;
      clearTimeout(timer);
    }
    await this.#drained;
  }
}

/**
 * Runs `deno <args>` to completion in `cwd`, returning its stdout; throws
 * with both outputs when it fails.
 */
export async function runDeno(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<string> {
  const result = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: options.cwd,
    env: options.env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  const stdout = decoder.decode(result.stdout);
  if (!result.success) {
    throw new Error(
      `deno ${args.join(" ")} failed with code ${result.code}.\n${stdout}${
        decoder.decode(result.stderr)
      }`,
    );
  }
  return stdout;
}

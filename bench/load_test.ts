import { expect } from "expect";
import { parseLoadArgs } from "./args.ts";
import { headBytes, runLoad, toLoadResult } from "./load.ts";

const encode = (text: string) => new TextEncoder().encode(text);

Deno.test("headBytes counts the status line, every header and the blank line", () => {
  const wire = "HTTP/1.1 404 Not Found\r\n" +
    "content-type: text/html\r\n" +
    "content-length: 2\r\n" +
    "\r\n";
  expect(headBytes({
    versionMajor: 1,
    versionMinor: 1,
    statusCode: 404,
    statusMessage: "Not Found",
    headers: ["content-type", "text/html", "content-length", "2"],
  })).toBe(wire.length);
});

Deno.test("toLoadResult counts only 200s as throughput and everything else as errors", () => {
  const settings = parseLoadArgs([
    "--url",
    "http://127.0.0.1:1/experts",
    "--duration",
    "2",
  ]);
  const result = toLoadResult(
    settings,
    {
      duration: 2.5,
      errors: 3,
      statusCodeStats: { "200": { count: 1000 }, "500": { count: 2 } },
    },
    {
      latenciesMs: [4, 1, 2, 3],
      bodyBytes: 4000,
      errorMessages: new Set(["read ECONNRESET"]),
    },
  );
  expect(result).toMatchObject({
    url: "http://127.0.0.1:1/experts",
    durationSeconds: 2,
    measuredSeconds: 2.5,
    rps: 400,
    responses: 1002,
    errors: 5,
    statuses: { "200": 1000, "500": 2 },
    errorMessages: ["read ECONNRESET"],
    averageBodyBytes: 1000,
  });
  expect(result.latencyMs.p50).toBe(2);
  expect(result.latencyMs.p99).toBe(4);
});

Deno.test("toLoadResult of a run that got no response is all errors and no latency", () => {
  const settings = parseLoadArgs(["--url", "http://127.0.0.1:1/"]);
  const result = toLoadResult(settings, {
    duration: 1,
    errors: 7,
    statusCodeStats: {},
  }, { latenciesMs: [], bodyBytes: 0, errorMessages: new Set() });
  expect(result.rps).toBe(0);
  expect(result.errors).toBe(7);
  expect(result.averageBodyBytes).toBe(0);
  expect(result.latencyMs.p50).toBeNaN();
});

Deno.test({
  name: "runLoad measures real responses from a loopback server",
  async fn() {
    const page = "<p>" + "x".repeat(1000) + "</p>";
    const server = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      (request) => {
        const path = new URL(request.url).pathname;
        if (path === "/missing") return new Response("no", { status: 404 });
        if (path === "/chunked") {
          // A stream of unknown length goes out chunked, like compressed pages.
          return new Response(
            new Blob([encode(page)]).stream().pipeThrough(
              new TransformStream(),
            ),
          );
        }
        return new Response(page);
      },
    );
    const origin = `http://127.0.0.1:${server.addr.port}`;
    const settings = (path: string) =>
      parseLoadArgs([
        "--url",
        origin + path,
        "--concurrency",
        "2",
        "--duration",
        "0.3",
        "--warmup",
        "0",
      ]);
    try {
      const ok = await runLoad(settings("/"));
      expect(ok.errors).toBe(0);
      expect(ok.rps).toBeGreaterThan(0);
      expect(ok.statuses["200"]).toBe(ok.responses);
      expect(ok.averageBodyBytes).toBe(page.length);
      expect(ok.latencyMs.p50).toBeLessThanOrEqual(ok.latencyMs.p99);

      const chunked = await runLoad(settings("/chunked"));
      expect(chunked.errors).toBe(0);
      expect(chunked.averageBodyBytes).toBeGreaterThanOrEqual(page.length);
      expect(chunked.averageBodyBytes).toBeLessThan(page.length + 32);

      const missing = await runLoad(settings("/missing"));
      expect(missing.rps).toBe(0);
      expect(missing.errors).toBe(missing.responses);
      expect(missing.errors).toBeGreaterThan(0);
    } finally {
      await server.shutdown();
    }
  },
});

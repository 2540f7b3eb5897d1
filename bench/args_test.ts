import { expect } from "expect";
import { ArgsError, parseBenchArgs, parseLoadArgs } from "./args.ts";

Deno.test("bench flags default to a two-minute run on 1000 experts", () => {
  expect(parseBenchArgs([])).toEqual({
    experts: 1000,
    concurrency: 32,
    durationSeconds: 5,
    warmupSeconds: 1,
    acceptEncoding: "gzip, br",
    skipBuild: false,
    outputPath: "bench/results/latest.json",
    help: false,
  });
});

Deno.test("bench flags accept both --flag value and --flag=value", () => {
  const settings = parseBenchArgs([
    "--experts",
    "10000",
    "--concurrency=8",
    "--duration",
    "2.5",
    "--warmup=0",
    "--skip-build",
  ]);
  expect(settings.experts).toBe(10000);
  expect(settings.concurrency).toBe(8);
  expect(settings.durationSeconds).toBe(2.5);
  expect(settings.warmupSeconds).toBe(0);
  expect(settings.skipBuild).toBe(true);
});

Deno.test("bench flags refuse unknown flags and bad numbers clearly", () => {
  expect(() => parseBenchArgs(["--expert", "5"])).toThrow(ArgsError);
  expect(() => parseBenchArgs(["--experts", "ten"])).toThrow(
    '--experts must be a whole number from 1 to 1000000, got "ten".',
  );
  expect(() => parseBenchArgs(["--experts", "0"])).toThrow(ArgsError);
  expect(() => parseBenchArgs(["--experts", "1.5"])).toThrow(ArgsError);
  expect(() => parseBenchArgs(["--duration", "-1"])).toThrow(ArgsError);
  expect(() => parseBenchArgs(["--duration", "0"])).toThrow(ArgsError);
  expect(() => parseBenchArgs(["--accept-encoding", " "])).toThrow(
    "--accept-encoding must not be empty.",
  );
  expect(() => parseBenchArgs(["stray"])).toThrow(ArgsError);
});

Deno.test("load flags need an absolute http URL", () => {
  const settings = parseLoadArgs([
    "--url",
    "http://127.0.0.1:8123/experts?q=design",
    "--concurrency",
    "4",
  ]);
  expect(settings.url.port).toBe("8123");
  expect(settings.url.search).toBe("?q=design");
  expect(settings.concurrency).toBe(4);
  expect(settings.durationSeconds).toBe(5);
  expect(() => parseLoadArgs([])).toThrow("--url is required.");
  expect(() => parseLoadArgs(["--url", "/experts"])).toThrow(ArgsError);
  expect(() => parseLoadArgs(["--url", "https://example.com/"])).toThrow(
    ArgsError,
  );
});

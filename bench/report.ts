/**
 * The benchmark's results as one JSON-ready object, and the same numbers as
 * plain-text tables for the terminal.
 */
import type { JsRow, LoadRow, TargetCheck } from "./targets.ts";
import { formatKilobytes, formatPercent } from "./targets.ts";

/** Facts about the machine, so results from different machines are not compared blindly. */
export interface MachineFacts {
  cores: number;
  cpuModel: string | null;
  memoryGb: number | null;
  os: string;
  arch: string;
  deno: string;
  v8: string;
  typescript: string;
}

/** Everything one `deno task bench` run measured; written to bench/results/latest.json. */
export interface BenchResults {
  startedAt: string;
  machine: MachineFacts;
  settings: {
    experts: number;
    concurrency: number;
    durationSeconds: number;
    warmupSeconds: number;
    acceptEncoding: string;
  };
  database: {
    /** Experts written (demo plus generated). */
    experts: number;
    /** Of those, the published ones that browse and search can show. */
    published: number;
    seedSeconds: number;
  };
  load: LoadRow[];
  js: JsRow[];
  targets: TargetCheck[];
  /** Things the run could not measure, and why. */
  notes: string[];
  /** Wall-clock seconds of the whole run, build included. */
  totalSeconds: number;
}

/**
 * Lays out rows under headers with columns padded to the widest cell;
 * columns listed in `rightAligned` (numbers) are right-aligned.
 */
export function formatTable(
  headers: string[],
  rows: string[][],
  rightAligned: number[] = [],
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length))
  );
  const line = (cells: string[]) =>
    cells.map((cell, column) =>
      rightAligned.includes(column)
        ? cell.padStart(widths[column])
        : cell.padEnd(widths[column])
    ).join("  ").trimEnd();
  return [
    line(headers),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line),
  ].join("\n");
}

/** The header lines: machine facts and settings. */
export function renderPreamble(
  machine: MachineFacts,
  settings: BenchResults["settings"],
): string {
  const memory = machine.memoryGb === null
    ? ""
    : `, ${machine.memoryGb} GB RAM`;
  return [
    "TapTime benchmark",
    `machine   ${machine.cores} cores${memory}, ${machine.os}/${machine.arch}` +
    (machine.cpuModel ? `, ${machine.cpuModel}` : ""),
    `runtime   deno ${machine.deno}, v8 ${machine.v8}, typescript ${machine.typescript}`,
    `settings  ${settings.experts} experts, ${settings.concurrency} keep-alive connections, ` +
    `${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s measured per target, ` +
    `Accept-Encoding: ${settings.acceptEncoding}`,
  ].join("\n");
}

/** The results tables and the target checks. */
export function renderResults(results: BenchResults): string {
  const loadTable = formatTable(
    ["target", "rps", "p50 ms", "p99 ms", "% of bare", "errors", "avg body"],
    results.load.map((row) => [
      row.name === row.path ? row.name : `${row.name}  ${row.path}`,
      Math.round(row.rps).toLocaleString("en-US"),
      formatMs(row.latencyMs.p50),
      formatMs(row.latencyMs.p99),
      formatPercent(row.percentOfBare),
      String(row.errors),
      formatKilobytes(Math.round(row.averageBodyBytes)),
    ]),
    [1, 2, 3, 4, 5, 6],
  );
  const jsTable = formatTable(
    ["page", "JS files", "gzipped JS", "notes"],
    results.js.map((row) => [
      row.name === row.path ? row.name : `${row.name}  ${row.path}`,
      String(row.files.length),
      formatKilobytes(row.gzipBytes),
      row.problems.join("; "),
    ]),
    [1, 2],
  );
  const targetTable = formatTable(
    ["target", "this run", "result"],
    results.targets.map((check) => [
      check.target,
      check.actual,
      check.met === null ? "not measured" : check.met ? "met" : "NOT MET",
    ]),
  );
  const errorNotes = results.load
    .filter((row) => row.errors > 0)
    .map((row) =>
      `  ${row.name}: statuses ${JSON.stringify(row.statuses)}` +
      (row.errorMessages.length ? `; ${row.errorMessages.join("; ")}` : "")
    );
  const { database } = results;
  return [
    `Database: ${database.experts} experts (${database.published} published), seeded in ${database.seedSeconds} s`,
    "",
    "Throughput and latency (autocannon, same settings for every target)",
    loadTable,
    ...(errorNotes.length ? ["errors:", ...errorNotes] : []),
    "",
    "Client JavaScript per page (what Chromium downloads: distinct files, gzip)",
    jsTable,
    "",
    "Targets (reported, never enforced)",
    targetTable,
    ...(results.notes.length
      ? ["", "Notes", ...results.notes.map((note) => `  ${note}`)]
      : []),
  ].join("\n");
}

function formatMs(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : "n/a";
}

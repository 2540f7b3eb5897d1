import { expect } from "expect";
import { formatTable, renderPreamble } from "./report.ts";

Deno.test("formatTable pads columns and right-aligns numbers", () => {
  const table = formatTable(
    ["target", "rps"],
    [["bare baseline", "51,234"], ["/experts", "9,001"]],
    [1],
  );
  expect(table.split("\n")).toEqual([
    "target            rps",
    "-------------  ------",
    "bare baseline  51,234",
    "/experts        9,001",
  ]);
});

Deno.test("formatTable tolerates short rows and trims trailing space", () => {
  const table = formatTable(["a", "notes"], [["x"]]);
  expect(table.split("\n")).toEqual(["a  notes", "-  -----", "x"]);
});

Deno.test("the preamble names the machine and the settings", () => {
  const text = renderPreamble(
    {
      cores: 2,
      cpuModel: "Test CPU",
      memoryGb: 4,
      os: "linux",
      arch: "x86_64",
      deno: "2.9.6",
      v8: "15",
      typescript: "6",
    },
    {
      experts: 1000,
      concurrency: 32,
      durationSeconds: 5,
      warmupSeconds: 1,
      acceptEncoding: "gzip, br",
    },
  );
  expect(text).toContain("2 cores, 4 GB RAM, linux/x86_64, Test CPU");
  expect(text).toContain("deno 2.9.6");
  expect(text).toContain("1000 experts, 32 keep-alive connections");
});

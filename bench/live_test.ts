/** The live benchmark's pure helpers: reading RSS and the stamped message text. */
import { expect } from "expect";
import { rssFromProcStatus, sentAtOf, stampedText } from "./live.ts";

Deno.test("the resident set size is read from /proc status text, in bytes", () => {
  const status =
    "Name:\tdeno\nVmPeak:\t 900 kB\nVmRSS:\t  123456 kB\nThreads:\t9\n";
  expect(rssFromProcStatus(status)).toBe(123456 * 1024);
  expect(rssFromProcStatus("Name:\tdeno\n")).toBeNaN();
});

Deno.test("a stamped message text gives its sending time back", () => {
  expect(sentAtOf(stampedText(1_700_000_000_123))).toBe(1_700_000_000_123);
  expect(sentAtOf("Hello")).toBeNull();
  expect(sentAtOf(undefined)).toBeNull();
  expect(sentAtOf("bench sent at soon")).toBeNull();
});

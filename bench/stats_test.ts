import { expect } from "expect";
import { percentile, summarizeLatencies } from "./stats.ts";

Deno.test("percentile picks the nearest rank, never interpolating", () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
  expect(percentile(hundred, 50)).toBe(50);
  expect(percentile(hundred, 99)).toBe(99);
  expect(percentile(hundred, 100)).toBe(100);
  expect(percentile([10, 20, 30, 40], 50)).toBe(20);
  expect(percentile([10, 20, 30, 40], 51)).toBe(30);
  expect(percentile([7], 99)).toBe(7);
});

Deno.test("percentile of nothing is NaN and out-of-range p is refused", () => {
  expect(percentile([], 50)).toBeNaN();
  expect(() => percentile([1], 0)).toThrow(RangeError);
  expect(() => percentile([1], 101)).toThrow(RangeError);
});

Deno.test("summarizeLatencies sorts numerically without touching its input", () => {
  // A lexicographic sort would put 100 before 9 and report p50 = 100.
  const latencies = [100, 9, 8, 7, 1000];
  const summary = summarizeLatencies(latencies);
  expect(summary).toEqual({ p50: 9, p99: 1000, mean: 224.8, max: 1000 });
  expect(latencies).toEqual([100, 9, 8, 7, 1000]);
});

Deno.test("summarizeLatencies of no requests is all NaN", () => {
  const summary = summarizeLatencies([]);
  expect(summary.p50).toBeNaN();
  expect(summary.max).toBeNaN();
});

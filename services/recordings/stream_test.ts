/** The Range header rules a <video> element relies on (RFC 9110 §14.1.2). */
import { expect } from "expect";
import { parseRange } from "./stream.ts";

Deno.test("parseRange: first-last, open-ended and suffix ranges; past the end is unsatisfiable; the rest is ignored", () => {
  expect(parseRange("bytes=0-9", 100)).toEqual({ start: 0, end: 9 });
  expect(parseRange("bytes=90-200", 100)).toEqual({ start: 90, end: 99 });
  expect(parseRange("bytes=50-", 100)).toEqual({ start: 50, end: 99 });
  expect(parseRange("bytes=-10", 100)).toEqual({ start: 90, end: 99 });
  expect(parseRange("bytes=-500", 100)).toEqual({ start: 0, end: 99 });
  expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
  expect(parseRange("bytes=-0", 100)).toBe("unsatisfiable");
  for (
    const ignored of [
      "bytes=5-1",
      "bytes=-",
      "items=0-1",
      "bytes=0-1,4-5",
      "bytes=a-b",
    ]
  ) {
    expect({ ignored, range: parseRange(ignored, 100) }).toEqual({
      ignored,
      range: null,
    });
  }
});

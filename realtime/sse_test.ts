/**
 * The resume point of a stream: EventSource's reconnects send the
 * Last-Event-ID header while repeating the page's first URL (with its
 * stale `?lastEventId=`), so the header wins.
 */
import { expect } from "expect";
import { resumePoint } from "./sse.ts";

Deno.test("a reconnect resumes after the Last-Event-ID header, not the page's query", () => {
  expect(resumePoint("12", "3")).toBe(12);
  expect(resumePoint(undefined, "3")).toBe(3);
  expect(resumePoint(undefined, undefined)).toBe(null);
  expect(resumePoint(" 7 ", undefined)).toBe(7);
  expect(resumePoint("yesterday", "3")).toBe(undefined);
});

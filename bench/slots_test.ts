import { expect } from "expect";
import { computeSlots, isBookableStart } from "@/services/availability/mod.ts";
import { benchSlots, busyExpertQuery } from "./slots.ts";

Deno.test("slots bench: the busy expert's calendar is busy and still bookable", () => {
  const query = busyExpertQuery();
  expect(query.busy).toHaveLength(200);
  const slots = computeSlots(query);
  expect(slots.length).toBeGreaterThan(1000);
  // The workload is the real thing: its slots pass the booking check.
  for (const slot of slots.filter((_, i) => i % 50 === 0)) {
    expect(isBookableStart({ ...query, start: slot.start }).ok).toBe(true);
  }
});

Deno.test("slots bench: reports a median and p95 per computation", () => {
  const result = benchSlots(3);
  expect(result.runs).toBe(3);
  expect(result.busyRanges).toBe(200);
  expect(result.medianMs).toBeGreaterThan(0);
  expect(result.p95Ms).toBeGreaterThanOrEqual(result.medianMs);
});

import { expect } from "expect";
import { availability } from "../test_fixtures.ts";
import { earliestStart } from "./notice.ts";

Deno.test("notice: slots start at least the notice after now", () => {
  const now = Date.UTC(2026, 2, 2, 8, 50);
  expect(earliestStart(availability({ minNoticeMinutes: 0 }), now)).toBe(now);
  expect(earliestStart(availability({ minNoticeMinutes: 90 }), now)).toBe(
    Date.UTC(2026, 2, 2, 10, 20),
  );
});

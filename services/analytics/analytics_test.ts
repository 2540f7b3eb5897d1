/**
 * The analytics log: an event and its daily counters land in one commit,
 * daily counts list every day of a period with zeros, site-wide and
 * per-subject counters agree, bad events are refused, and purging removes
 * exactly the raw events before the cutoff while the counters stay.
 */
import { expect } from "expect";
import { useFakeClock } from "@/services/platform/clock.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  countedPath,
  dailyCounts,
  daysBetween,
  listAnalyticsEvents,
  purgeAnalyticsBefore,
  recordAnalyticsEvent,
  topPages,
} from "./mod.ts";

const VISITOR = "visitor-0123456789abcdef";
const EXPERT = "01JEXPERT0000000000000000A";
const OTHER = "01JEXPERT0000000000000000B";

Deno.test("daily counts list every day of the period, zeros included", async () => {
  using kv = await openTestKv();
  using clock = useFakeClock(new Date("2030-03-01T10:00:00Z"));
  await recordAnalyticsEvent(kv, {
    type: "profile_view",
    subjectId: EXPERT,
    visitorId: VISITOR,
  });
  clock.set(new Date("2030-03-03T23:59:59Z"));
  await recordAnalyticsEvent(kv, {
    type: "profile_view",
    subjectId: EXPERT,
    visitorId: VISITOR,
  });
  await recordAnalyticsEvent(kv, {
    type: "profile_view",
    subjectId: EXPERT,
    visitorId: VISITOR,
  });
  await recordAnalyticsEvent(kv, {
    type: "profile_view",
    subjectId: OTHER,
    visitorId: VISITOR,
  });

  const from = new Date("2030-02-28T12:00:00Z");
  const to = new Date("2030-03-04T00:00:00Z");
  expect(
    await dailyCounts(kv, {
      type: "profile_view",
      subjectId: EXPERT,
      from,
      to,
    }),
  ).toEqual([
    { day: "2030-02-28", count: 0 },
    { day: "2030-03-01", count: 1 },
    { day: "2030-03-02", count: 0 },
    { day: "2030-03-03", count: 2 },
    { day: "2030-03-04", count: 0 },
  ]);
  // Without a subject: the whole site, every expert together.
  expect(
    (await dailyCounts(kv, { type: "profile_view", from, to })).map((d) =>
      d.count
    ),
  ).toEqual([0, 1, 0, 3, 0]);
  // Other types are counted apart.
  expect(
    (await dailyCounts(kv, { type: "booking_started", from, to })).map((d) =>
      d.count
    ),
  ).toEqual([0, 0, 0, 0, 0]);
  // A period that ends before it starts has no days.
  expect(await dailyCounts(kv, { type: "page_view", from: to, to: from }))
    .toEqual([]);
});

Deno.test("an event keeps only what it needs: path without query, referrer host", async () => {
  using kv = await openTestKv();
  using _clock = useFakeClock(new Date("2030-03-01T10:00:00Z"));
  const event = await recordAnalyticsEvent(kv, {
    type: "page_view",
    path: "/reset?token=secret#x",
    referrerHost: "Example.COM",
    visitorId: VISITOR,
    userId: "01JUSER00000000000000000000",
  });
  expect(event).toMatchObject({
    type: "page_view",
    path: "/reset",
    referrerHost: "example.com",
    visitorId: VISITOR,
    userId: "01JUSER00000000000000000000",
    time: new Date("2030-03-01T10:00:00Z"),
  });
  expect(await listAnalyticsEvents(kv)).toEqual([event]);
  await recordAnalyticsEvent(kv, {
    type: "page_view",
    path: "/experts",
    visitorId: VISITOR,
  });
  await recordAnalyticsEvent(kv, {
    type: "page_view",
    path: "/experts?page=2",
    visitorId: VISITOR,
  });
  const day = new Date("2030-03-01T00:00:00Z");
  expect(await topPages(kv, { from: day, to: day })).toEqual([
    { path: "/experts", count: 2 },
    { path: "/reset", count: 1 },
  ]);
});

Deno.test("bad events are refused with a message and write nothing", async () => {
  using kv = await openTestKv();
  const bad: unknown[] = [
    { type: "page_view", path: "no-slash", visitorId: VISITOR },
    { type: "profile_view", visitorId: VISITOR },
    { type: "profile_view", subjectId: "-", visitorId: VISITOR },
    { type: "page_view", path: "/", visitorId: "short" },
    { type: "click", path: "/", visitorId: VISITOR },
    {
      type: "page_view",
      path: "/",
      referrerHost: "https://a.example/x",
      visitorId: VISITOR,
    },
  ];
  for (const event of bad) {
    await expect(
      // deno-lint-ignore no-explicit-any
      recordAnalyticsEvent(kv, event as any),
    ).rejects.toBeInstanceOf(ValidationError);
  }
  expect(await listAnalyticsEvents(kv)).toEqual([]);
});

Deno.test("purging removes the raw events before the cutoff and keeps the counters", async () => {
  using kv = await openTestKv();
  using clock = useFakeClock(new Date("2030-01-01T00:00:00Z"));
  for (let i = 0; i < 3; i++) {
    await recordAnalyticsEvent(kv, {
      type: "booking_started",
      subjectId: EXPERT,
      offeringId: "offering-1",
      visitorId: VISITOR,
    });
  }
  clock.set(new Date("2030-01-05T00:00:00Z"));
  const kept = await recordAnalyticsEvent(kv, {
    type: "booking_started",
    subjectId: EXPERT,
    visitorId: VISITOR,
  });

  expect(await purgeAnalyticsBefore(kv, new Date("2030-01-01T00:00:00Z")))
    .toBe(0);
  expect(await purgeAnalyticsBefore(kv, new Date("2030-01-05T00:00:00Z")))
    .toBe(3);
  expect(await listAnalyticsEvents(kv)).toEqual([kept]);
  expect(await purgeAnalyticsBefore(kv, new Date("2030-01-05T00:00:00Z")))
    .toBe(0);
  // The roll-ups are not recounted from raw events, so they stay.
  const counts = await dailyCounts(kv, {
    type: "booking_started",
    subjectId: EXPERT,
    from: new Date("2030-01-01T00:00:00Z"),
    to: new Date("2030-01-05T00:00:00Z"),
  });
  expect(counts.map((d) => d.count)).toEqual([3, 0, 0, 0, 1]);
});

Deno.test("purging many events works in batches", async () => {
  using kv = await openTestKv();
  using _clock = useFakeClock(new Date("2030-01-01T00:00:00Z"));
  for (let i = 0; i < 1203; i++) {
    await recordAnalyticsEvent(kv, {
      type: "page_view",
      path: "/",
      visitorId: VISITOR,
    });
  }
  expect(await purgeAnalyticsBefore(kv, new Date("2030-01-02T00:00:00Z")))
    .toBe(1203);
  expect(await listAnalyticsEvents(kv)).toEqual([]);
});

Deno.test("too long a period is refused", async () => {
  using kv = await openTestKv();
  await expect(
    dailyCounts(kv, {
      type: "page_view",
      from: new Date("2000-01-01"),
      to: new Date("2030-01-01"),
    }),
  ).rejects.toBeInstanceOf(ValidationError);
});

Deno.test("record ids in paths are counted as :id, except on expert profiles", () => {
  const id = "01JGFJJZ0W000000000000000W";
  expect(countedPath(`/experts/${id}`)).toBe(`/experts/${id}`);
  expect(countedPath(`/book/${id}`)).toBe(`/book/${id}`);
  expect(countedPath(`/bookings/${id}/call`)).toBe("/bookings/:id/call");
  expect(countedPath(`/messages/with/${id}`)).toBe("/messages/with/:id");
  expect(countedPath(`/experts/${id}/photo/${"a".repeat(40)}`)).toBe(
    `/experts/${id}/photo/:id`,
  );
  expect(countedPath("/blog/learning-a-language-with-a-tutor")).toBe(
    "/blog/learning-a-language-with-a-tutor",
  );
  expect(countedPath("/blog/top-10-tips-for-interviews-2026")).toBe(
    "/blog/top-10-tips-for-interviews-2026",
  );
  expect(countedPath(`/reset/${crypto.randomUUID()}`)).toBe("/reset/:id");
  expect(countedPath("/verify/aB3dE5fG7hJ9kL1mN3pQ5rS7")).toBe("/verify/:id");
  expect(countedPath("/")).toBe("/");
});

Deno.test("a period lists every UTC day once, across month, year and leap-day ends", () => {
  const oneByOne = (from: Date, to: Date) => {
    const days: string[] = [];
    const last = to.toISOString().slice(0, 10);
    for (
      let at = Date.parse(from.toISOString().slice(0, 10));;
      at += 86_400_000
    ) {
      const day = new Date(at).toISOString().slice(0, 10);
      if (day > last) return days;
      days.push(day);
    }
  };
  const starts = [
    "2024-02-27T23:59:59Z",
    "2023-12-30T00:00:00Z",
    "2026-01-31T12:00:00Z",
    "2100-02-27T05:00:00Z",
  ];
  for (const start of starts) {
    for (const length of [0, 1, 2, 30, 31, 59, 366]) {
      const from = new Date(start);
      const to = new Date(from.getTime() + length * 86_400_000);
      expect(daysBetween(from, to)).toEqual(oneByOne(from, to));
    }
  }
  expect(daysBetween(new Date("2026-03-02"), new Date("2026-03-01")))
    .toEqual([]);
  expect(() => daysBetween(new Date("nonsense"), new Date())).toThrow(
    ValidationError,
  );
});

import { expect } from "expect";
import { busyFromIcs, mergeRanges } from "./busy.ts";
import { CalendarError } from "./model.ts";
import {
  BERLIN_VTIMEZONE,
  icsCalendar,
  icsEvent,
  OUTLOOK_EASTERN_VTIMEZONE,
} from "./testing.ts";

const ms = (iso: string) => Date.parse(iso);
const window = (from: string, to: string, zone = "UTC") => ({
  from: ms(from),
  to: ms(to),
  zone,
});

/** The ranges as ISO strings, for readable expectations. */
async function busyIso(
  text: string,
  options: Parameters<typeof busyFromIcs>[1],
) {
  const result = await busyFromIcs(text, options);
  return result.ranges.map(([start, end]) => [
    new Date(start).toISOString(),
    new Date(end).toISOString(),
  ]);
}

const MARCH_2030 = window("2030-03-01T00:00:00Z", "2030-05-01T00:00:00Z");

Deno.test("a weekly series skips EXDATEs, moves its overridden instance and drops a cancelled one, across DST", async () => {
  const text = icsCalendar(
    BERLIN_VTIMEZONE,
    icsEvent(
      "UID:weekly",
      "DTSTART;TZID=Europe/Berlin:20300320T090000",
      "DTEND;TZID=Europe/Berlin:20300320T100000",
      "RRULE:FREQ=WEEKLY;COUNT=6",
      "EXDATE;TZID=Europe/Berlin:20300327T090000",
    ),
    // The 3 April instance moved to the afternoon …
    icsEvent(
      "UID:weekly",
      "RECURRENCE-ID;TZID=Europe/Berlin:20300403T090000",
      "DTSTART;TZID=Europe/Berlin:20300403T140000",
      "DTEND;TZID=Europe/Berlin:20300403T153000",
    ),
    // … and the 17 April one called off.
    icsEvent(
      "UID:weekly",
      "RECURRENCE-ID;TZID=Europe/Berlin:20300417T090000",
      "DTSTART;TZID=Europe/Berlin:20300417T090000",
      "DTEND;TZID=Europe/Berlin:20300417T100000",
      "STATUS:CANCELLED",
    ),
  );
  expect(await busyIso(text, MARCH_2030)).toEqual([
    // Before the change on 31 March Berlin is UTC+1, after it UTC+2.
    ["2030-03-20T08:00:00.000Z", "2030-03-20T09:00:00.000Z"],
    ["2030-04-03T12:00:00.000Z", "2030-04-03T13:30:00.000Z"],
    ["2030-04-10T07:00:00.000Z", "2030-04-10T08:00:00.000Z"],
    ["2030-04-24T07:00:00.000Z", "2030-04-24T08:00:00.000Z"],
  ]);
});

Deno.test("a zone defined only by its VTIMEZONE (Outlook's names) gives the right UTC across DST", async () => {
  const text = icsCalendar(
    OUTLOOK_EASTERN_VTIMEZONE,
    icsEvent(
      "DTSTART;TZID=Eastern Standard Time:20300304T090000",
      "DTEND;TZID=Eastern Standard Time:20300304T093000",
      "RRULE:FREQ=WEEKLY;UNTIL=20300312T000000Z",
    ),
    // Autumn: back to standard time on 3 November 2030.
    icsEvent(
      "DTSTART;TZID=Eastern Standard Time:20301104T090000",
      "DTEND;TZID=Eastern Standard Time:20301104T100000",
    ),
  );
  expect(
    await busyIso(text, window("2030-03-01T00:00:00Z", "2030-12-01T00:00:00Z")),
  )
    .toEqual([
      ["2030-03-04T14:00:00.000Z", "2030-03-04T14:30:00.000Z"], // EST
      ["2030-03-11T13:00:00.000Z", "2030-03-11T13:30:00.000Z"], // EDT
      ["2030-11-04T14:00:00.000Z", "2030-11-04T15:00:00.000Z"], // EST
    ]);
});

Deno.test("UTC times, IANA TZIDs without a VTIMEZONE and floating times", async () => {
  const text = icsCalendar(
    icsEvent("DTSTART:20300320T090000Z", "DTEND:20300320T091500Z"),
    icsEvent(
      "DTSTART;TZID=America/New_York:20300320T090000",
      "DURATION:PT45M",
    ),
    icsEvent("DTSTART:20300321T090000", "DTEND:20300321T100000"),
  );
  // Floating times are read in the expert's zone.
  expect(await busyIso(text, { ...MARCH_2030, zone: "Asia/Kolkata" })).toEqual([
    ["2030-03-20T09:00:00.000Z", "2030-03-20T09:15:00.000Z"],
    ["2030-03-20T13:00:00.000Z", "2030-03-20T13:45:00.000Z"],
    ["2030-03-21T03:30:00.000Z", "2030-03-21T04:30:00.000Z"],
  ]);
});

Deno.test("all-day events block the whole day in the calendar's zone, or else the expert's", async () => {
  const events = [
    // 31 March 2030 is the 23-hour day of the change in Berlin.
    icsEvent("DTSTART;VALUE=DATE:20300331", "DTEND;VALUE=DATE:20300401"),
    // No DTEND: one day.
    icsEvent("DTSTART;VALUE=DATE:20300410"),
    // Two days.
    icsEvent("DTSTART;VALUE=DATE:20300420", "DTEND;VALUE=DATE:20300422"),
  ];
  const inBerlin = [
    ["2030-03-30T23:00:00.000Z", "2030-03-31T22:00:00.000Z"],
    ["2030-04-09T22:00:00.000Z", "2030-04-10T22:00:00.000Z"],
    ["2030-04-19T22:00:00.000Z", "2030-04-21T22:00:00.000Z"],
  ];
  expect(
    await busyIso(icsCalendar(...events), {
      ...MARCH_2030,
      zone: "Europe/Berlin",
    }),
  ).toEqual(inBerlin);
  // The calendar's own zone wins over the expert's.
  expect(
    await busyIso(icsCalendar("X-WR-TIMEZONE:Europe/Berlin", ...events), {
      ...MARCH_2030,
      zone: "America/New_York",
    }),
  ).toEqual(inBerlin);
  // A recurring all-day event.
  expect(
    await busyIso(
      icsCalendar(
        icsEvent("DTSTART;VALUE=DATE:20300310", "RRULE:FREQ=MONTHLY;COUNT=2"),
      ),
      { ...MARCH_2030, zone: "Asia/Kathmandu" },
    ),
  ).toEqual([
    ["2030-03-09T18:15:00.000Z", "2030-03-10T18:15:00.000Z"],
    ["2030-04-09T18:15:00.000Z", "2030-04-10T18:15:00.000Z"],
  ]);
});

Deno.test("transparent, free and cancelled events are not busy; tentative ones are", async () => {
  const at = (hour: number, ...extra: string[]) =>
    icsEvent(
      `DTSTART:20300320T${String(hour).padStart(2, "0")}0000Z`,
      `DTEND:20300320T${String(hour).padStart(2, "0")}3000Z`,
      ...extra,
    );
  const text = icsCalendar(
    at(8, "TRANSP:TRANSPARENT"),
    at(9, "STATUS:CANCELLED"),
    at(10, "X-MICROSOFT-CDO-BUSYSTATUS:FREE"),
    at(11, "STATUS:TENTATIVE"),
    at(12, "TRANSP:OPAQUE", "STATUS:CONFIRMED"),
    icsEvent(
      "DTSTART:20300321T080000Z",
      "DTEND:20300321T090000Z",
      "RRULE:FREQ=DAILY;COUNT=3",
      "TRANSP:TRANSPARENT",
    ),
  );
  expect(await busyIso(text, MARCH_2030)).toEqual([
    ["2030-03-20T11:00:00.000Z", "2030-03-20T11:30:00.000Z"],
    ["2030-03-20T12:00:00.000Z", "2030-03-20T12:30:00.000Z"],
  ]);
});

Deno.test("VFREEBUSY periods count, except free ones", async () => {
  const text = icsCalendar(
    "BEGIN:VFREEBUSY",
    "DTSTART:20300301T000000Z",
    "DTEND:20300401T000000Z",
    "FREEBUSY:20300320T090000Z/20300320T100000Z,20300321T090000Z/PT30M",
    "FREEBUSY;FBTYPE=FREE:20300322T090000Z/20300322T100000Z",
    "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20300323T090000Z/20300323T100000Z",
    "END:VFREEBUSY",
  );
  expect(await busyIso(text, MARCH_2030)).toEqual([
    ["2030-03-20T09:00:00.000Z", "2030-03-20T10:00:00.000Z"],
    ["2030-03-21T09:00:00.000Z", "2030-03-21T09:30:00.000Z"],
    ["2030-03-23T09:00:00.000Z", "2030-03-23T10:00:00.000Z"],
  ]);
});

Deno.test("busy time is clipped to the window and merged", async () => {
  const text = icsCalendar(
    icsEvent("DTSTART:20300228T230000Z", "DTEND:20300301T010000Z"),
    icsEvent("DTSTART:20300310T090000Z", "DTEND:20300310T100000Z"),
    icsEvent("DTSTART:20300310T093000Z", "DTEND:20300310T110000Z"),
    icsEvent("DTSTART:20300310T110000Z", "DTEND:20300310T113000Z"),
    icsEvent("DTSTART:20300430T230000Z", "DTEND:20300501T080000Z"),
    icsEvent("DTSTART:20300601T090000Z", "DTEND:20300601T100000Z"),
  );
  expect(await busyIso(text, MARCH_2030)).toEqual([
    ["2030-03-01T00:00:00.000Z", "2030-03-01T01:00:00.000Z"],
    ["2030-03-10T09:00:00.000Z", "2030-03-10T11:30:00.000Z"],
    ["2030-04-30T23:00:00.000Z", "2030-05-01T00:00:00.000Z"],
  ]);
  expect(mergeRanges([[5, 6], [1, 3], [2, 4], [4, 4], [7, 9]])).toEqual([
    [1, 4],
    [5, 6],
    [7, 9],
  ]);
});

Deno.test("a long-running series reaches the window; expansion is capped", async () => {
  // A daily series since 1980 is expanded up to the window.
  const daily = icsCalendar(
    icsEvent(
      "DTSTART:19800101T120000Z",
      "DTEND:19800101T123000Z",
      "RRULE:FREQ=DAILY",
    ),
  );
  const started = performance.now();
  const result = await busyFromIcs(
    daily,
    window("2030-03-01T00:00:00Z", "2030-03-04T00:00:00Z"),
  );
  expect(result.ranges.length).toBe(3);
  expect(result.expansionCapped).toBe(false);
  // A series every minute without end stops at the cap, quickly.
  const minutely = icsCalendar(
    icsEvent(
      "DTSTART:20300301T000000Z",
      "DURATION:PT30S",
      "RRULE:FREQ=MINUTELY",
    ),
  );
  const capped = await busyFromIcs(minutely, MARCH_2030);
  expect(capped.expansionCapped).toBe(true);
  expect(capped.ranges.length).toBeGreaterThan(1_000);
  expect(performance.now() - started).toBeLessThan(10_000);
});

Deno.test("fast-forwarding an old series to the window changes none of its instances", async () => {
  const series = (rule: string) =>
    icsCalendar(
      BERLIN_VTIMEZONE,
      icsEvent(
        "UID:old",
        "DTSTART;TZID=Europe/Berlin:20010102T230000",
        "DTEND;TZID=Europe/Berlin:20010103T003000",
        rule,
        "EXDATE;TZID=Europe/Berlin:20300326T230000",
      ),
      icsEvent(
        "UID:old",
        "RECURRENCE-ID;TZID=Europe/Berlin:20300409T230000",
        "DTSTART;TZID=Europe/Berlin:20300410T080000",
        "DTEND;TZID=Europe/Berlin:20300410T090000",
      ),
    );
  for (
    const rule of [
      "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
      "RRULE:FREQ=DAILY;INTERVAL=3",
      "RRULE:FREQ=WEEKLY",
    ]
  ) {
    // COUNT turns fast-forwarding off: the plain expansion to compare with.
    const plain = await busyIso(series(`${rule};COUNT=9000`), MARCH_2030);
    const fast = await busyIso(series(rule), MARCH_2030);
    expect([rule, fast]).toEqual([rule, plain]);
    expect(fast.length).toBeGreaterThan(3);
  }
});

Deno.test("the number of ranges kept is capped, the earliest first", async () => {
  const text = icsCalendar(
    icsEvent(
      "DTSTART:20300301T090000Z",
      "DTEND:20300301T100000Z",
      "RRULE:FREQ=DAILY;COUNT=40",
    ),
  );
  const result = await busyFromIcs(text, { ...MARCH_2030, maxRanges: 10 });
  expect(result.ranges.length).toBe(10);
  expect(result.truncated).toBe(true);
  expect(new Date(result.ranges[9][0]).toISOString()).toBe(
    "2030-03-10T09:00:00.000Z",
  );
});

Deno.test("what is not a calendar is refused in plain words; a bad event is skipped", async () => {
  const refusal = async (text: string) => {
    const error = await busyFromIcs(text, MARCH_2030).then(
      () => null,
      (error) => error,
    );
    expect(error).toBeInstanceOf(CalendarError);
    return (error as Error).message;
  };
  expect(await refusal("<!doctype html><html><body>Sign in</body></html>"))
    .toMatch(/web page, not a calendar/);
  expect(await refusal("just some text")).toMatch(/not return a calendar/);
  expect(
    await refusal("BEGIN:VCALENDAR\r\nthis is not a property\r\nEND:VCALENDAR"),
  )
    .toMatch(/^The calendar could not be read: /);
  expect(await refusal("BEGIN:VCARD\r\nBEGIN:VCALENDAR\r\nEND:VCARD"))
    .toMatch(/could not be read|not return a calendar/);
  const result = await busyFromIcs(
    icsCalendar(
      icsEvent("DTSTART:garbage", "DTEND:20300320T100000Z"),
      icsEvent("DTSTART:20300320T090000Z", "DTEND:20300320T100000Z"),
    ),
    MARCH_2030,
  );
  expect(result.skipped).toBe(1);
  expect(result.ranges).toEqual([[
    ms("2030-03-20T09:00:00Z"),
    ms("2030-03-20T10:00:00Z"),
  ]]);
});

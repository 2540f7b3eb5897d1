import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { createCategory } from "@/services/categories/mod.ts";
import {
  createExpert,
  type ExpertInput,
  prepareExpert,
} from "@/services/experts/mod.ts";
import { clockProvider } from "@/services/platform/clock.ts";
import { ConflictError, ValidationError } from "@/services/platform/errors.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import { MAX_INTERVALS_PER_DAY, MAX_OVERRIDES, WEEKDAYS } from "./model.ts";
import {
  availabilityKey,
  bookingsPaused,
  getAvailability,
  getAvailabilityEntry,
  saveAvailability,
} from "./store.ts";

function expertInput(timeZone: string): ExpertInput {
  return {
    name: "Ada Lovelace",
    headline: "Analytical engine programmer",
    bio: "I wrote the first published algorithm.",
    categoryIds: ["design"],
    skills: ["Mathematics"],
    languages: ["en"],
    yearsExperience: 10,
    hourlyRate: { amountMinor: 10000, currency: "USD" },
    rating: { average: 4.5, count: 10 },
    location: "Kathmandu, Nepal",
    timeZone,
  };
}

async function createExpertIn(kv: Deno.Kv, timeZone: string) {
  await createCategory(kv, { id: "design", name: "Design", icon: "palette" });
  return await createExpert(kv, expertInput(timeZone));
}

/** What an API client sends back: the JSON of what it read. */
const overTheWire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

const berlinWeek = {
  timeZone: "Europe/Berlin",
  weekly: {
    mon: [{ start: "13:00", end: "17:00" }, { start: "09:00", end: "12:00" }],
    fri: [{ start: "22:00", end: "02:00" }],
  },
  overrides: [{ date: "2099-12-24", intervals: [] }],
  bufferBeforeMinutes: 10,
  bufferAfterMinutes: 5,
  minNoticeMinutes: 120,
  horizonDays: 30,
  dailyLimit: 3,
  paused: false,
};

Deno.test("store: an expert who never saved gets Monday to Friday, 9 to 5, in their zone, paused", async () => {
  using kv = await openTestKv();
  const expert = await createExpertIn(kv, "Asia/Kathmandu");
  const entry = await getAvailabilityEntry(kv, expert.id);
  expect(entry.versionstamp).toBeNull();
  expect(entry.availability).toEqual({
    timeZone: "Asia/Kathmandu",
    weekly: {
      mon: [{ start: "09:00", end: "17:00" }],
      tue: [{ start: "09:00", end: "17:00" }],
      wed: [{ start: "09:00", end: "17:00" }],
      thu: [{ start: "09:00", end: "17:00" }],
      fri: [{ start: "09:00", end: "17:00" }],
      sat: [],
      sun: [],
    },
    overrides: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minNoticeMinutes: 240,
    horizonDays: 60,
    dailyLimit: null,
    paused: true,
  });
  // No profile, or a zone that names no place: UTC.
  expect((await getAvailability(kv, "nobody")).timeZone).toBe("UTC");
  await kv.set(["experts", "legacy"], {
    ...prepareExpert(expertInput("Europe/London")),
    id: "legacy",
    timeZone: "US/Eastern",
  });
  expect((await getAvailability(kv, "legacy")).timeZone).toBe("UTC");
});

Deno.test("store: what GET returns is accepted back unchanged, default or saved", async () => {
  using kv = await openTestKv();
  const expert = await createExpertIn(kv, "Europe/Berlin");
  const first = await getAvailability(kv, expert.id);
  const saved = await saveAvailability(kv, expert.id, overTheWire(first));
  expect(saved.availability).toEqual(first);
  expect(await getAvailability(kv, expert.id)).toEqual(first);

  await saveAvailability(kv, expert.id, berlinWeek);
  const read = await getAvailability(kv, expert.id);
  // Stored sorted, every weekday present.
  expect(read.weekly.mon).toEqual([
    { start: "09:00", end: "12:00" },
    { start: "13:00", end: "17:00" },
  ]);
  expect(read.weekly.sun).toEqual([]);
  await saveAvailability(kv, expert.id, overTheWire(read));
  expect(await getAvailability(kv, expert.id)).toEqual(read);
  expect((await kv.get(availabilityKey(expert.id))).value).toEqual(read);
});

Deno.test("store: a save with a stale versionstamp is a conflict and changes nothing", async () => {
  using kv = await openTestKv();
  const id = "expert-1";
  // null: only if nothing is stored yet.
  const first = await saveAvailability(kv, id, berlinWeek, {
    ifVersionstamp: null,
  });
  await expect(
    saveAvailability(kv, id, berlinWeek, { ifVersionstamp: null }),
  ).rejects.toThrow(ConflictError);
  const second = await saveAvailability(
    kv,
    id,
    { ...berlinWeek, paused: true },
    { ifVersionstamp: first.versionstamp },
  );
  expect(second.versionstamp).not.toBe(first.versionstamp);
  await expect(
    saveAvailability(kv, id, { ...berlinWeek, dailyLimit: 1 }, {
      ifVersionstamp: first.versionstamp,
    }),
  ).rejects.toThrow(
    "Your availability was changed elsewhere (in another tab?) since you opened it.",
  );
  const entry = await getAvailabilityEntry(kv, id);
  expect(entry.versionstamp).toBe(second.versionstamp);
  expect(entry.availability.paused).toBe(true);
  expect(entry.availability.dailyLimit).toBe(3);
});

Deno.test("store: invalid availability is refused with a message per field, and not written", async () => {
  using kv = await openTestKv();
  let error: unknown;
  try {
    await saveAvailability(kv, "expert-1", {
      ...berlinWeek,
      timeZone: "Mars/Olympus",
      weekly: {
        mon: [{ start: "09:00", end: "12:00" }, {
          start: "11:00",
          end: "13:00",
        }],
      },
    });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).message).toBe(
    "The availability is invalid.",
  );
  expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual([
    "timeZone",
    "weekly.mon.1",
  ]);
  expect((await kv.get(availabilityKey("expert-1"))).versionstamp).toBeNull();
});

Deno.test("store: overrides before yesterday in the expert's zone are dropped on save", async () => {
  using kv = await openTestKv();
  let now = new Date("2026-03-01T12:00:00Z");
  bindProviders(kv, [provide(clockProvider, { now: () => now })]);
  const dates = ["2026-03-08", "2026-03-09", "2026-03-10", "2026-03-11"];
  await saveAvailability(kv, "expert-1", {
    ...berlinWeek,
    overrides: dates.map((date) => ({ date, intervals: [] })),
  });
  // 23:30 UTC on 10 March is already the 11th in Berlin.
  now = new Date("2026-03-10T23:30:00Z");
  const saved = await saveAvailability(kv, "expert-1", {
    ...berlinWeek,
    overrides: dates.map((date) => ({ date, intervals: [] })),
  });
  expect(saved.availability.overrides.map((override) => override.date))
    .toEqual(["2026-03-10", "2026-03-11"]);
});

Deno.test("store: a past date being added is refused, not dropped as if saved", async () => {
  using kv = await openTestKv();
  bindProviders(kv, [
    provide(clockProvider, { now: () => new Date("2026-03-10T23:30:00Z") }),
  ]);
  const error = await saveAvailability(kv, "expert-1", {
    ...berlinWeek,
    overrides: [
      { date: "2026-03-11", intervals: [] },
      { date: "2026-03-10", intervals: [] },
      { date: "2020-01-01", intervals: [] },
    ],
  }).catch((error) => error);
  expect(error).toBeInstanceOf(ValidationError);
  expect(error.fieldErrors).toEqual({
    "overrides.1.date": [
      "2026-03-10 has passed; choose today or a later date.",
    ],
    "overrides.2.date": [
      "2020-01-01 has passed; choose today or a later date.",
    ],
  });
  expect((await kv.get(availabilityKey("expert-1"))).versionstamp).toBeNull();
});

Deno.test("store: the largest availability allowed fits in one KV value", async () => {
  using kv = await openTestKv();
  const fullDay = Array.from({ length: MAX_INTERVALS_PER_DAY }, (_, i) => ({
    start: `${String(i * 3).padStart(2, "0")}:00`,
    end: `${String(i * 3 + 2).padStart(2, "0")}:45`,
  }));
  const start = Temporal.PlainDate.from("2099-01-01");
  const largest = {
    ...berlinWeek,
    timeZone: "America/Argentina/Rio_Gallegos",
    weekly: Object.fromEntries(WEEKDAYS.map((day) => [day, fullDay])),
    overrides: Array.from({ length: MAX_OVERRIDES }, (_, i) => ({
      date: start.add({ days: i }).toString(),
      intervals: fullDay,
    })),
  };
  const saved = await saveAvailability(kv, "expert-1", largest);
  expect(saved.availability.overrides).toHaveLength(MAX_OVERRIDES);
  expect(await getAvailability(kv, "expert-1")).toEqual(saved.availability);
});

Deno.test("store: bookings are paused until the expert saves hours unpaused", async () => {
  using kv = await openTestKv();
  expect(await bookingsPaused(kv, "expert-1")).toBe(true);
  await saveAvailability(kv, "expert-1", { ...berlinWeek, paused: false });
  expect(await bookingsPaused(kv, "expert-1")).toBe(false);
  await saveAvailability(kv, "expert-1", { ...berlinWeek, paused: true });
  expect(await bookingsPaused(kv, "expert-1")).toBe(true);
});

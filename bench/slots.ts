/**
 * Slot computation for 60 days of a busy expert: `deno run -A bench/slots.ts`
 * (optionally `--runs 500`). The expert works three periods a day, six days
 * a week, in Europe/Berlin (so the window crosses the spring clock change),
 * with overrides, buffers, notice, a daily limit and 200 busy ranges given
 * as ISO strings (parsed on every run, as a request would). Prints the
 * median and p95 milliseconds of one `computeSlots` call against the
 * project's target of 5 ms. `benchSlots` returns the same numbers for a
 * combined report.
 */
import {
  type Availability,
  availabilityInputSchema,
  type BusyInput,
  computeSlots,
  localDateOf,
  type SlotQuery,
} from "@/services/availability/mod.ts";
import { percentile } from "./stats.ts";

export const SLOTS_TARGET_MS = 5;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const workday = [
  { start: "08:00", end: "12:00" },
  { start: "13:00", end: "17:30" },
  { start: "18:30", end: "21:00" },
];

/** A deterministic random source, so every run measures the same calendar. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** The busy expert's 60-day query: rules, 200 busy ranges, booked days. */
export function busyExpertQuery(busyCount = 200): SlotQuery {
  const availability: Availability = availabilityInputSchema.parse({
    timeZone: "Europe/Berlin",
    weekly: {
      mon: workday,
      tue: workday,
      wed: workday,
      thu: workday,
      fri: workday,
      sat: workday,
      sun: [{ start: "10:00", end: "14:00" }],
    },
    overrides: [
      { date: "2026-03-13", intervals: [] },
      { date: "2026-04-03", intervals: [{ start: "09:00", end: "11:00" }] },
      { date: "2026-04-06", intervals: [] },
    ],
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 10,
    minNoticeMinutes: 240,
    horizonDays: 90,
    dailyLimit: 8,
    paused: false,
  });
  const now = Date.UTC(2026, 2, 1, 9, 7);
  const random = seeded(42);
  const busy: BusyInput[] = [];
  const bookedPerLocalDay = new Map<string, number>();
  for (let i = 0; i < busyCount; i++) {
    // Bookings on the quarter hour, 30 to 90 minutes with buffers; every
    // fourth range an external calendar event at any minute.
    const day = Math.floor(random() * 60);
    const external = i % 4 === 3;
    const startMinute = external
      ? 7 * 60 + Math.floor(random() * 14 * 60)
      : 7 * 60 + Math.floor(random() * 56) * 15;
    const start = now + day * DAY_MS + startMinute * MINUTE_MS;
    const length = external ? 20 + Math.floor(random() * 100) : 50 + 30 *
        Math.floor(random() * 3);
    busy.push({
      start: new Date(start).toISOString(),
      end: new Date(start + length * MINUTE_MS).toISOString(),
    });
    if (!external) {
      const date = localDateOf(start, availability.timeZone);
      bookedPerLocalDay.set(date, (bookedPerLocalDay.get(date) ?? 0) + 1);
    }
  }
  return {
    availability,
    durationMinutes: 60,
    from: new Date(now),
    to: new Date(now + 60 * DAY_MS),
    now: new Date(now),
    busy,
    bookedPerLocalDay,
  };
}

export interface SlotsBenchResult {
  runs: number;
  medianMs: number;
  p95Ms: number;
  slots: number;
  busyRanges: number;
}

/** Times `runs` computations after a warm-up. */
export function benchSlots(runs = 300): SlotsBenchResult {
  const query = busyExpertQuery();
  let slots = 0;
  for (let i = 0; i < 50; i++) slots = computeSlots(query).length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    computeSlots(query);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    runs,
    medianMs: percentile(times, 50),
    p95Ms: percentile(times, 95),
    slots,
    busyRanges: query.busy?.length ?? 0,
  };
}

if (import.meta.main) {
  const flag = Deno.args.indexOf("--runs");
  const runs = flag >= 0 ? Number(Deno.args[flag + 1]) : 300;
  if (!Number.isInteger(runs) || runs < 1) {
    console.error("Usage: deno run -A bench/slots.ts [--runs N]");
    Deno.exit(2);
  }
  const result = benchSlots(runs);
  const verdict = result.medianMs < SLOTS_TARGET_MS ? "meets" : "MISSES";
  console.log(
    `slot computation, 60 days of a busy expert (${result.busyRanges} busy ranges, ${result.slots} slots): ` +
      `median ${result.medianMs.toFixed(3)} ms, p95 ${
        result.p95Ms.toFixed(3)
      } ms over ${result.runs} runs; ${verdict} the ${SLOTS_TARGET_MS} ms target`,
  );
}

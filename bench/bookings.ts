/**
 * Booking commits per second against raw Deno KV atomic commits, measured in
 * the same run on the same kind of database (a KV file in a temporary
 * folder): `deno run -A bench/bookings.ts` (optionally `--bookings 400
 * --concurrency 8`).
 *
 * - raw: atomic commits of the same size as a booking's (as many checks
 *   of empty keys and as many writes, values of a booking's size), built
 *   directly: what KV itself costs for the write a booking makes;
 * - raw (one key): the cheapest conditional write KV has, for scale;
 * - booking: `bookSession` end to end (the offering, expert and settings
 *   reads, the slot rules, the cell and wallet reads, and the one atomic
 *   commit claiming both people's time, the day's count and the escrow),
 *   each on a free slot, with the same number in flight;
 * - contention: every learner tries the same few slots at once.
 *
 * The machine may be shared, so the three are measured in alternating
 * rounds and each rate is the median over the rounds.
 *
 * At the end every expert's and every learner's sessions are checked for
 * overlaps (counted as double bookings: the target is zero), every booking
 * must have exactly one reservation in the ledger, and the ledger's
 * invariants must hold. Prints the rates and their ratio against the
 * project's target of at least half the raw rate. `benchBookings` returns
 * the same numbers for a combined report.
 */
import {
  type BookableExpert,
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import {
  type Booking,
  bookSession,
  SlotUnavailableError,
} from "@/services/bookings/mod.ts";
import { checkLedger, listEntriesByRef } from "@/services/ledger/mod.ts";
import { openKv } from "@/services/platform/kv.ts";

export const BOOKINGS_TARGET_RATIO = 0.5;

export interface BookingsBenchResult {
  /** Commits of a booking's size per second. */
  rawPerSecond: number;
  /** One-key commits per second. */
  rawOneKeyPerSecond: number;
  bookingsPerSecond: number;
  /** What one booking's commit holds. */
  shape: { checks: number; writes: number };
  ratio: number;
  bookings: number;
  contended: { attempts: number; booked: number; refused: number };
  doubleBookings: number;
  ledgerOk: boolean;
}

/** Runs `task(i)` for i in [0, count) with `concurrency` in flight; returns seconds. */
async function timed(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

/** Pairs of one person's non-cancelled sessions whose times overlap. */
function overlaps(bookings: Booking[], withBuffers: boolean): number {
  const spans = bookings
    .filter((b) => b.status !== "cancelled")
    .map((b) => ({
      start: Date.parse(b.start) -
        (withBuffers ? b.bufferBeforeMinutes * 60_000 : 0),
      end: Date.parse(b.end) +
        (withBuffers ? b.bufferAfterMinutes * 60_000 : 0),
    }))
    .sort((a, b) => a.start - b.start);
  let found = 0;
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) found++;
  }
  return found;
}

async function countDoubleBookings(kv: Deno.Kv): Promise<number> {
  const byExpert = new Map<string, Booking[]>();
  const byLearner = new Map<string, Booking[]>();
  for await (const { value } of kv.list<Booking>({ prefix: ["bookings"] })) {
    byExpert.set(value.expertId, [
      ...byExpert.get(value.expertId) ?? [],
      value,
    ]);
    byLearner.set(value.learnerId, [
      ...byLearner.get(value.learnerId) ?? [],
      value,
    ]);
  }
  let found = 0;
  for (const list of byExpert.values()) found += overlaps(list, true);
  for (const list of byLearner.values()) found += overlaps(list, false);
  return found;
}

/** Every booking has exactly one reservation, and the books balance. */
async function ledgerHolds(kv: Deno.Kv): Promise<boolean> {
  for await (const { value } of kv.list<Booking>({ prefix: ["bookings"] })) {
    const entries = await listEntriesByRef(kv, "bookingId", value.id);
    const reserves = entries.filter((e) => e.kind === "booking_reserve");
    if (reserves.length !== 1) return false;
  }
  return (await checkLedger(kv)).ok;
}

/** Counts the checks and writes of the atomic operations `kv` commits meanwhile. */
async function shapeOf(
  kv: Deno.Kv,
  run: () => Promise<unknown>,
): Promise<{ checks: number; writes: number }> {
  const original = kv.atomic;
  const shape = { checks: 0, writes: 0 };
  kv.atomic = function () {
    const op = original.call(kv);
    const check = op.check.bind(op);
    const set = op.set.bind(op);
    const remove = op.delete.bind(op);
    op.check = (...checks) => {
      shape.checks += checks.length;
      return check(...checks);
    };
    op.set = (...args) => {
      shape.writes++;
      return set(...args);
    };
    op.delete = (key) => {
      shape.writes++;
      return remove(key);
    };
    return op;
  };
  try {
    await run();
  } finally {
    kv.atomic = original;
  }
  return shape;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function benchBookings(
  options: { bookings?: number; concurrency?: number; rounds?: number } = {},
): Promise<BookingsBenchResult> {
  const count = options.bookings ?? 300;
  const concurrency = options.concurrency ?? 8;
  const rounds = options.rounds ?? 5;
  const perRound = Math.ceil(count / rounds);
  const dir = await Deno.makeTempDir({ prefix: "taptime-bench-bookings-" });
  const kv = await openKv(`${dir}/bench.kv`);
  try {
    // Twenty experts, each booked at most once a day by any learner: the
    // bookings below never compete for time, only for the database.
    const experts: BookableExpert[] = [];
    for (let i = 0; i < 20; i++) experts.push(await bookableExpert(kv));
    const learners: { id: string; timeZone: string }[] = [];
    for (let i = 0; i < perRound * rounds + 1; i++) {
      learners.push(await fundedLearner(kv, 1_000_00));
    }
    const now = new Date();
    const book = (i: number) => {
      const expert = experts[i % experts.length];
      return bookSession(kv, learners[i], {
        offeringId: expert.offering.id,
        expertId: expert.expertId,
        start: daysAhead(now, 1 + Math.floor(i / experts.length), 10),
      });
    };

    // The first booking (also a warm-up) tells the size of a booking's commit.
    let booked = perRound * rounds;
    const shape = await shapeOf(kv, () => book(booked));
    const record = JSON.stringify(
      (await kv.list({ prefix: ["bookings"] }).next()).value?.value ?? {},
    );
    const raw = async (i: number) => {
      const op = kv.atomic();
      for (let c = 0; c < shape.checks; c++) {
        op.check({ key: ["bench_raw", i, "c", c], versionstamp: null });
      }
      for (let w = 0; w < shape.writes; w++) {
        op.set(["bench_raw", i, "w", w], w === 0 ? record : { i, w });
      }
      if (!(await op.commit()).ok) throw new Error("a raw commit failed");
    };
    const rawOneKey = async (i: number) => {
      const key = ["bench_one", i];
      const { ok } = await kv.atomic().check({ key, versionstamp: null })
        .set(key, { i }).commit();
      if (!ok) throw new Error("a raw commit failed its check");
    };

    const rates = {
      raw: [] as number[],
      one: [] as number[],
      book: [] as number[],
    };
    let rawDone = 0;
    let oneDone = 0;
    booked = 0;
    for (let round = 0; round < rounds; round++) {
      const base = { raw: rawDone, one: oneDone, book: booked };
      rates.raw.push(
        perRound / await timed(perRound, concurrency, (i) => raw(base.raw + i)),
      );
      rates.book.push(
        perRound / await timed(perRound, concurrency, async (i) => {
          const outcome = await book(base.book + i);
          if (!("booking" in outcome)) throw new Error("expected a booking");
        }),
      );
      rates.one.push(
        perRound /
          await timed(perRound, concurrency, (i) => rawOneKey(base.one + i)),
      );
      rawDone += perRound;
      oneDone += perRound;
      booked += perRound;
    }

    // Contention: every learner at once on five slots (a day past the rest).
    const lastDay = 3 + Math.ceil(learners.length / experts.length);
    const contested = await Promise.allSettled(
      learners.map((learner, i) =>
        bookSession(kv, learner, {
          offeringId: experts[i % 5].offering.id,
          expertId: experts[i % 5].expertId,
          start: daysAhead(now, lastDay, 15),
        })
      ),
    );
    const won = contested.filter((r) => r.status === "fulfilled").length;
    const refused = contested.filter((r) =>
      r.status === "rejected" && r.reason instanceof SlotUnavailableError
    ).length;

    const rawPerSecond = median(rates.raw);
    const bookingsPerSecond = median(rates.book);
    return {
      rawPerSecond,
      rawOneKeyPerSecond: median(rates.one),
      bookingsPerSecond,
      shape,
      ratio: bookingsPerSecond / rawPerSecond,
      bookings: booked + 1,
      contended: { attempts: learners.length, booked: won, refused },
      doubleBookings: await countDoubleBookings(kv),
      ledgerOk: await ledgerHolds(kv),
    };
  } finally {
    kv.close();
    await Deno.remove(dir, { recursive: true });
  }
}

function flag(name: string, fallback: number): number {
  const at = Deno.args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(Deno.args[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    console.error(
      "Usage: deno run -A bench/bookings.ts [--bookings N] [--concurrency N] [--rounds N]",
    );
    Deno.exit(2);
  }
  return value;
}

if (import.meta.main) {
  const result = await benchBookings({
    bookings: flag("bookings", 300),
    concurrency: flag("concurrency", 8),
    rounds: flag("rounds", 5),
  });
  const verdict = result.ratio >= BOOKINGS_TARGET_RATIO ? "meets" : "MISSES";
  const rate = (n: number) => `${n.toFixed(0)}/s`;
  console.log(
    `booking commits: ${
      rate(result.bookingsPerSecond)
    } (${result.bookings} bookings, each one atomic of ${result.shape.checks} checks and ${result.shape.writes} writes)`,
  );
  console.log(
    `raw KV atomic commits of that size: ${
      rate(result.rawPerSecond)
    }; of one key: ${rate(result.rawOneKeyPerSecond)}`,
  );
  console.log(
    `ratio ${result.ratio.toFixed(2)} of raw commits of the same size (${
      (result.bookingsPerSecond / result.rawOneKeyPerSecond).toFixed(2)
    } of one-key commits); ${verdict} the target of ${BOOKINGS_TARGET_RATIO}`,
  );
  console.log(
    `contention: ${result.contended.attempts} attempts on 5 slots → ${result.contended.booked} booked, ${result.contended.refused} told the time is taken`,
  );
  console.log(
    `double bookings: ${result.doubleBookings}; ledger: ${
      result.ledgerOk ? "one reservation per booking, books balance" : "BROKEN"
    }`,
  );
  if (result.doubleBookings > 0 || !result.ledgerOk) Deno.exit(1);
}

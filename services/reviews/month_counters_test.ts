/**
 * The monthly rating counters stay what a recount of the visible reviews
 * gives: after random sequences of writes, edits, reports, hiding and
 * restoring around a month's turn, under concurrent writers, after the
 * seed, and after the start-up backfill (which changes nothing the second
 * time).
 */
import { expect } from "expect";
import { useFakeClock } from "@/services/platform/clock.ts";
import { ConflictError, NotFoundError } from "@/services/platform/errors.ts";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  anonymiseReviewsBy,
  backfillMonthCounters,
  editReview,
  getReview,
  getReviewTotals,
  listExpertRatingsSince,
  moderateReview,
  readMonthCounters,
  recountMonthCounters,
  reportReview,
  type Review,
  seededReviews,
  stageSeededReviews,
  writeReview,
} from "./mod.ts";
import { nearMonthStart, utcMonthOf } from "./month_counters.ts";
import { completedSessions } from "./testing.ts";
import { seededRandom } from "@/services/platform/random.ts";

const META = { ip: "127.0.0.1", userAgent: "test" };
const ADMIN = { id: "admin-1" };
const HOUR = 3_600_000;

const byTime = (
  a: { createdAt: string; rating: number },
  b: { createdAt: string; rating: number },
) => a.createdAt.localeCompare(b.createdAt) || a.rating - b.rating;

/** What the counters should say: a recount of the visible reviews. */
async function recount(kv: Deno.Kv, expertId: string) {
  const ratings = await listExpertRatingsSince(kv, expertId, new Date(0));
  const months = new Map<
    string,
    { month: string; count: number; stars: number }
  >();
  for (const { createdAt, rating } of ratings) {
    const month = utcMonthOf(createdAt);
    const found = months.get(month) ?? { month, count: 0, stars: 0 };
    found.count++;
    found.stars += rating;
    months.set(month, found);
  }
  return {
    months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    edges: ratings.filter((r) => nearMonthStart(Date.parse(r.createdAt)))
      .sort(byTime),
  };
}

/** What the counters say, over every month. */
async function held(kv: Deno.Kv, expertId: string) {
  const counters = await readMonthCounters(kv, expertId, "1990-01", "2099-12");
  return {
    // A month whose reviews were all hidden keeps its keys at zero.
    months: counters.months.filter((m) => m.count !== 0 || m.stars !== 0)
      .sort((a, b) => a.month.localeCompare(b.month)),
    edges: counters.edges.sort(byTime),
  };
}

async function expectCountersRight(kv: Deno.Kv, expertId: string) {
  const expected = await recount(kv, expertId);
  expect(await held(kv, expertId)).toEqual(expected);
  const totals = await getReviewTotals(kv, expertId);
  expect({
    sum: expected.months.reduce((sum, m) => sum + m.stars, 0),
    count: expected.months.reduce((sum, m) => sum + m.count, 0),
  }).toEqual(totals);
}

for (const seed of [1, 2, 3]) {
  Deno.test(`counters match a recount after a random sequence of review changes (seed ${seed})`, async () => {
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]) =>
      items[Math.floor(random() * items.length)];
    // Sessions on 30 March: the reviews cross the turn of the month.
    using clock = useFakeClock(new Date("2030-03-29T08:00:00Z"));
    using kv = await openTestKv();
    const { expertId, bookings } = await completedSessions(kv, clock, 5);
    const reviews = new Map<string, Review>();
    const steps: string[] = [];
    for (let step = 0; step < 60; step++) {
      const unwritten = bookings.filter((b) => !reviews.has(b.id));
      const written = [...reviews.values()];
      const action = written.length === 0 ? "write" : pick(
        ["write", "edit", "edit", "report", "hide", "restore", "wait"],
      );
      const rating = 1 + Math.floor(random() * 5);
      try {
        if (action === "write" && unwritten.length > 0) {
          const booking = pick(unwritten);
          reviews.set(
            booking.id,
            await writeReview(kv, booking.learnerId, booking.id, { rating }),
          );
        } else if (action === "edit" && written.length > 0) {
          const review = pick(written);
          reviews.set(
            review.bookingId!,
            await editReview(kv, review.learnerId!, review.id, { rating }),
          );
        } else if (action === "report" && written.length > 0) {
          await reportReview(kv, `reader-${step}`, pick(written).id, {
            reason: "Off topic.",
          });
        } else if (
          (action === "hide" || action === "restore") && written.length > 0
        ) {
          // Mostly restore what was hidden: restoring the rest is refused.
          const hidden = written.filter((r) => r.status === "hidden");
          const review = pick(
            action === "restore" && hidden.length > 0 ? hidden : written,
          );
          reviews.set(
            review.bookingId!,
            await moderateReview(kv, ADMIN, review.id, action, {
              note: "Checked.",
            }, META),
          );
        } else {
          clock.advance(Math.floor(random() * 20 * HOUR));
        }
        steps.push(
          action === "write" && unwritten.length === 0 ? "wait" : action,
        );
      } catch (error) {
        // Refusals (edit window over, already hidden...) change nothing.
        if (
          !(error instanceof ConflictError || error instanceof NotFoundError)
        ) throw error;
        steps.push(`${action} refused`);
      }
      await expectCountersRight(kv, expertId);
    }
    // The sequences reach the counting paths, not just refusals.
    for (const action of ["write", "edit", "hide", "restore"]) {
      expect(steps).toContain(action);
    }
  });
}

Deno.test("two reviews of one expert at the same moment both count", async () => {
  using clock = useFakeClock(new Date("2030-03-30T20:00:00Z"));
  using kv = await openTestKv();
  const { expertId, bookings } = await completedSessions(kv, clock, 3);
  clock.set(new Date("2030-03-31T23:30:00Z"));
  const [a, b] = await Promise.all([
    writeReview(kv, bookings[0].learnerId, bookings[0].id, { rating: 5 }),
    writeReview(kv, bookings[1].learnerId, bookings[1].id, { rating: 2 }),
  ]);
  await expectCountersRight(kv, expertId);
  expect((await held(kv, expertId)).months).toEqual([
    { month: "2030-03", count: 2, stars: 7 },
  ]);
  // An edit, a hiding and a new review at once: all three land.
  await Promise.all([
    editReview(kv, a.learnerId!, a.id, { rating: 3 }),
    moderateReview(kv, ADMIN, b.id, "hide", { note: "Spam." }, META),
    writeReview(kv, bookings[2].learnerId, bookings[2].id, { rating: 4 }),
  ]);
  await expectCountersRight(kv, expertId);
  expect((await held(kv, expertId)).months).toEqual([
    { month: "2030-03", count: 2, stars: 7 },
  ]);
});

/** An expert's reviews as written before the counters existed. */
async function reviewsWithoutCounters(kv: Deno.Kv, expertId: string) {
  const seeded = seededReviews(
    expertId,
    { average: 4.4, count: 150 },
    ["Session"],
    Date.UTC(2030, 5, 1),
    9,
  );
  const op = kv.atomic();
  stageSeededReviews(op, expertId, seeded);
  await op.commit();
  for (const prefix of ["review_months", "review_month_edges"]) {
    for await (const entry of kv.list({ prefix: [prefix, expertId] })) {
      await kv.delete(entry.key);
    }
  }
}

Deno.test("the start-up backfill counts older reviews once; running it again changes nothing", async () => {
  using kv = await openTestKv();
  const experts = ["01J0000000000000000000000A", "01J0000000000000000000000B"];
  for (const expertId of experts) await reviewsWithoutCounters(kv, expertId);
  // A stray counter the reviews do not call for goes too.
  await kv.set(
    ["review_months", experts[0], "1999-01", "count"],
    new Deno.KvU64(3n),
  );
  expect((await held(kv, experts[0])).months).toEqual([
    { month: "1999-01", count: 3, stars: 0 },
  ]);

  expect(await backfillMonthCounters(kv)).toEqual({
    migrated: 2,
    unresolved: [],
  });
  for (const expertId of experts) await expectCountersRight(kv, expertId);
  const after = await Array.fromAsync(kv.list({ prefix: ["review_months"] }));

  // Again: nothing to do, whether or not it remembers finishing.
  expect(await backfillMonthCounters(kv)).toEqual({
    migrated: 0,
    unresolved: [],
  });
  for (const expertId of experts) {
    expect(await recountMonthCounters(kv, expertId)).toBe(0);
  }
  const again = await Array.fromAsync(kv.list({ prefix: ["review_months"] }));
  expect(again.map((e) => e.versionstamp)).toEqual(
    after.map((e) => e.versionstamp),
  );
});

Deno.test("seeded reviews come with their counters", async () => {
  using kv = await openTestKv();
  const expertId = "01J0000000000000000000000C";
  const op = kv.atomic();
  stageSeededReviews(
    op,
    expertId,
    seededReviews(
      expertId,
      { average: 4.8, count: 211 },
      ["Session"],
      Date.UTC(2030, 0, 15),
      4,
    ),
  );
  expect((await op.commit()).ok).toBe(true);
  await expectCountersRight(kv, expertId);
  expect(await recountMonthCounters(kv, expertId)).toBe(0);
});

Deno.test("a leaving learner's reviews are renamed; nothing counted moves", async () => {
  using clock = useFakeClock(new Date("2030-03-30T20:00:00Z"));
  using kv = await openTestKv();
  const { expertId, bookings: [booking] } = await completedSessions(kv, clock);
  const review = await writeReview(kv, booking.learnerId, booking.id, {
    rating: 4,
  });
  const before = await held(kv, expertId);
  expect(await anonymiseReviewsBy(kv, booking.learnerId, "Former member"))
    .toBe(1);
  expect(await anonymiseReviewsBy(kv, booking.learnerId, "Former member"))
    .toBe(0);
  expect((await getReview(kv, review.id))?.authorName).toBe("Former member");
  expect(await held(kv, expertId)).toEqual(before);
  await expectCountersRight(kv, expertId);
});

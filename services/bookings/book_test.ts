import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import {
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import {
  escrowAccount,
  getBalance,
  listEntriesByRef,
  walletAccount,
} from "@/services/ledger/mod.ts";
import { updateExpert } from "@/services/experts/mod.ts";
import { createOffering, updateOffering } from "@/services/offerings/mod.ts";
import {
  type Booking,
  BookingFundsError,
  bookSession,
  LearnerBusyError,
  SlotUnavailableError,
  UnbookableError,
} from "./mod.ts";

const NOW = new Date("2030-03-04T08:00:00Z");

async function booked(
  kv: Deno.Kv,
  learner: { id: string; timeZone: string },
  request: Parameters<typeof bookSession>[2],
): Promise<Booking> {
  const outcome = await bookSession(kv, learner, request);
  if (!("booking" in outcome)) throw new Error("expected a booking");
  return outcome.booking;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

Deno.test("a learner books a session: time claimed, price in escrow, terms recorded", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, offering } = await bookableExpert(kv, {
    availability: { timeZone: "Europe/Berlin", bufferAfterMinutes: 10 },
  });
  const learner = await fundedLearner(kv, 100_00);
  const start = daysAhead(NOW, 2, 9);
  const booking = await booked(kv, learner, {
    offeringId: offering.id,
    start,
    note: "  Let's go through my CV.\r\n",
  });
  expect(booking).toMatchObject({
    learnerId: learner.id,
    expertId,
    offeringId: offering.id,
    start,
    end: daysAhead(NOW, 2, 10),
    durationMinutes: 60,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 10,
    priceMinor: 6000,
    currency: "USD",
    commissionPercent: 15,
    expertTimeZone: "Europe/Berlin",
    learnerTimeZone: "America/New_York",
    note: "Let's go through my CV.",
    status: "confirmed",
    rescheduleCount: 0,
    cancellation: null,
  });
  expect(await getBalance(kv, walletAccount(learner.id), "USD")).toBe(4000);
  expect(await getBalance(kv, escrowAccount(booking.id), "USD")).toBe(6000);
  // The session and the 10-minute buffer after it: 09:00–10:10 → five cells.
  const cells = [];
  for await (const entry of kv.list({ prefix: ["booking_cells", expertId] })) {
    cells.push(new Date(entry.key[2] as number).toISOString().slice(11, 16));
  }
  expect(cells).toEqual(["09:00", "09:15", "09:30", "09:45", "10:00"]);
  expect((await kv.get(["booking_day_count", expertId, "2030-03-06"])).value)
    .toBe(1);
  await assertBooksBalance(kv);
});

Deno.test("what cannot be booked is refused and charges nothing", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, offering } = await bookableExpert(kv);
  const learner = await fundedLearner(kv, 100_00);
  const start = daysAhead(NOW, 2);

  // One's own offering.
  const self = await caught(
    bookSession(kv, { id: expertId, timeZone: "UTC" }, {
      offeringId: offering.id,
      start,
    }),
  );
  expect(self).toBeInstanceOf(ValidationError);
  expect((self as ValidationError).fieldErrors.offeringId[0]).toMatch(
    /yourself/,
  );

  // Malformed input.
  for (
    const request of [
      { offeringId: offering.id, start: "tomorrow" },
      { offeringId: offering.id, start, note: "x".repeat(1001) },
      { offeringId: offering.id },
      { offeringId: "nope", start },
    ]
  ) {
    expect(
      await caught(bookSession(kv, learner, request as never)),
    ).toBeInstanceOf(ValidationError);
  }

  // An inactive offering.
  const withdrawn = await createOffering(kv, expertId, {
    kind: "session",
    title: "Withdrawn session",
    durationMinutes: 30,
    priceMinor: 3000,
    currency: "USD",
  });
  await updateOffering(kv, expertId, withdrawn.id, { active: false });
  expect(
    await caught(bookSession(kv, learner, { offeringId: withdrawn.id, start })),
  ).toBeInstanceOf(ValidationError);

  // An unpublished expert, a suspended one.
  const hidden = await bookableExpert(kv);
  await updateExpert(kv, hidden.expertId, { published: false });
  const suspended = await bookableExpert(kv);
  await updateExpert(kv, suspended.expertId, {
    published: false,
    hiddenWhileSuspended: true,
  });
  for (const other of [hidden, suspended]) {
    const refused = await caught(
      bookSession(kv, learner, { offeringId: other.offering.id, start }),
    );
    expect((refused as ValidationError).fieldErrors.offeringId[0]).toMatch(
      /not taking bookings/,
    );
  }
  expect(await getBalance(kv, walletAccount(learner.id), "USD")).toBe(100_00);
});

Deno.test("a start against the expert's rules is refused with the rule's reason", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { offering } = await bookableExpert(kv, {
    availability: {
      timeZone: "Asia/Kathmandu",
      weekly: { mon: [{ start: "09:00", end: "17:00" }] },
      minNoticeMinutes: 24 * 60,
      horizonDays: 30,
    },
  });
  const learner = await fundedLearner(kv, 100_00);
  // 2030-03-04 is a Monday; Kathmandu is UTC+05:45.
  const cases: [string, string][] = [
    ["2030-03-04T03:15:00Z", "in_past"],
    ["2030-03-04T09:15:00Z", "inside_notice"],
    ["2030-05-06T03:15:00Z", "beyond_horizon"],
    ["2030-03-11T03:20:00Z", "off_grid"],
    ["2030-03-12T03:15:00Z", "outside_availability"],
    ["2030-03-11T10:30:00Z", "outside_availability"],
  ];
  for (const [start, reason] of cases) {
    const refused = await caught(
      bookSession(kv, learner, { offeringId: offering.id, start }),
    );
    expect({ start, refused }).toEqual({
      start,
      refused: expect.any(UnbookableError),
    });
    expect({ start, reason: (refused as UnbookableError).reason }).toEqual({
      start,
      reason,
    });
  }
  // 09:00 in Kathmandu the next Monday is bookable.
  const booking = await booked(kv, learner, {
    offeringId: offering.id,
    start: "2030-03-11T03:15:00Z",
  });
  expect(booking.expertTimeZone).toBe("Asia/Kathmandu");
  expect(await getBalance(kv, walletAccount(learner.id), "USD")).toBe(4000);
});

Deno.test("a taken time is 409 for the next learner, who keeps their money", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { offering } = await bookableExpert(kv, {
    availability: { bufferBeforeMinutes: 10, bufferAfterMinutes: 10 },
  });
  const first = await fundedLearner(kv);
  const second = await fundedLearner(kv);
  await booked(kv, first, {
    offeringId: offering.id,
    start: daysAhead(NOW, 1, 9),
  });
  for (
    const start of [
      daysAhead(NOW, 1, 9), // the same time
      daysAhead(NOW, 1, 9, 30), // overlapping
      daysAhead(NOW, 1, 10), // inside the buffer after
      daysAhead(NOW, 1, 8), // its buffer after meets the other's before
    ]
  ) {
    expect(
      await caught(bookSession(kv, second, { offeringId: offering.id, start })),
    ).toBeInstanceOf(SlotUnavailableError);
  }
  // Clear of both buffers (10:00 + 10 + 10 → 10:20, on the grid 10:30).
  await booked(kv, second, {
    offeringId: offering.id,
    start: daysAhead(NOW, 1, 10, 30),
  });
  expect(await getBalance(kv, walletAccount(second.id), "USD")).toBe(4000);
  await assertBooksBalance(kv);
});

Deno.test("a learner cannot be in two sessions at once", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const one = await bookableExpert(kv);
  const two = await bookableExpert(kv, {
    offering: { durationMinutes: 30, priceMinor: 3000 },
  });
  const learner = await fundedLearner(kv, 200_00);
  await booked(kv, learner, {
    offeringId: one.offering.id,
    start: daysAhead(NOW, 1, 9),
  });
  expect(
    await caught(
      bookSession(kv, learner, {
        offeringId: two.offering.id,
        start: daysAhead(NOW, 1, 9, 30),
      }),
    ),
  ).toBeInstanceOf(LearnerBusyError);
  // Back to back is fine.
  await booked(kv, learner, {
    offeringId: two.offering.id,
    start: daysAhead(NOW, 1, 10),
  });
  expect(await getBalance(kv, walletAccount(learner.id), "USD")).toBe(11_000);
});

Deno.test("a short wallet is a BookingFundsError naming the shortfall", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { offering } = await bookableExpert(kv);
  const learner = await fundedLearner(kv, 4500);
  const refused = await caught(
    bookSession(kv, learner, {
      offeringId: offering.id,
      start: daysAhead(NOW, 1),
    }),
  );
  expect(refused).toBeInstanceOf(BookingFundsError);
  expect((refused as BookingFundsError).shortMinor).toBe(1500);
  // Nothing was claimed.
  const other = await fundedLearner(kv);
  await booked(kv, other, {
    offeringId: offering.id,
    start: daysAhead(NOW, 1),
  });
});

Deno.test("the daily limit counts sessions on the expert's own date", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { offering } = await bookableExpert(kv, {
    availability: { timeZone: "Pacific/Chatham", dailyLimit: 2 },
  });
  const learner = await fundedLearner(kv, 500_00);
  // Chatham is UTC+13:45 in March: 2030-03-06 local runs from 10:15 UTC the day before.
  await booked(kv, learner, {
    offeringId: offering.id,
    start: "2030-03-05T10:15:00Z",
  });
  await booked(kv, learner, {
    offeringId: offering.id,
    start: "2030-03-06T09:00:00Z",
  });
  const refused = await caught(
    bookSession(kv, learner, {
      offeringId: offering.id,
      start: "2030-03-06T06:00:00Z",
    }),
  );
  expect((refused as UnbookableError).reason).toBe("daily_limit");
  // The next local day has room.
  await booked(kv, learner, {
    offeringId: offering.id,
    start: "2030-03-06T10:15:00Z",
  });
});

Deno.test("concurrent attempts on one slot: one booking, one charge", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, offering } = await bookableExpert(kv);
  const learners = await Promise.all(
    Array.from({ length: 20 }, () => fundedLearner(kv)),
  );
  const start = daysAhead(NOW, 3);
  const results = await Promise.allSettled(
    learners.map((learner) =>
      bookSession(kv, learner, { offeringId: offering.id, start })
    ),
  );
  const won = results.filter((result) => result.status === "fulfilled");
  expect(won.length).toBe(1);
  for (const result of results) {
    if (result.status === "rejected") {
      expect(result.reason).toBeInstanceOf(SlotUnavailableError);
    }
  }
  const bookings = [];
  for await (
    const entry of kv.list({ prefix: ["bookings_by_expert", expertId] })
  ) bookings.push(entry.value);
  expect(bookings.length).toBe(1);
  const charges = await listEntriesByRef(kv, "bookingId", String(bookings[0]));
  expect(charges.map((entry) => entry.kind)).toEqual(["booking_reserve"]);
  await assertBooksBalance(kv);
});

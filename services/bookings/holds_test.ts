import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  assertBooksBalance,
  BASE_URL,
  createLearner,
  META,
} from "@/tests/support/money.ts";
import {
  bookableExpert,
  daysAhead,
  fundedLearner,
  fundLearner,
} from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import {
  escrowAccount,
  getBalance,
  listEntriesByRef,
  walletAccount,
} from "@/services/ledger/mod.ts";
import {
  createSimulatedProvider,
  payWithTestCard,
} from "@/services/payments/mod.ts";
import { applyPaymentEvent } from "@/services/wallet/mod.ts";
import {
  bookSession,
  confirmHold,
  HoldLapsedError,
  settleHold,
  SlotUnavailableError,
} from "./mod.ts";

const NOW = new Date("2030-03-04T08:00:00Z");
const MINUTE = 60_000;

/** A learner with an account (holds open a checkout) and `credits`. */
async function learnerWith(kv: Deno.Kv, credits: number) {
  const account = await createLearner(
    kv,
    `learner-${crypto.randomUUID().slice(0, 8)}@example.com`,
  );
  if (credits > 0) await fundLearner(kv, account.id, credits);
  return { ...account, timeZone: "Europe/London" };
}

/** Holds `start` for a learner 15.00 short; returns the hold and its checkout. */
async function holdFor(
  kv: Deno.Kv,
  learner: Awaited<ReturnType<typeof learnerWith>>,
  offeringId: string,
  start: string,
) {
  const outcome = await bookSession(
    kv,
    learner,
    { offeringId, start, hold: true },
    { payments: createSimulatedProvider(kv), baseUrl: BASE_URL, meta: META },
  );
  if (!("hold" in outcome)) throw new Error("expected a hold");
  return outcome;
}

async function pay(kv: Deno.Kv, checkoutUrl: string) {
  const id = new URL(checkoutUrl).pathname.split("/").pop()!;
  const { event } = await payWithTestCard(kv, id, {
    card: "4242 4242 4242 4242",
  });
  await applyPaymentEvent(kv, event);
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

Deno.test("a short wallet holds the time, opens a checkout, and the paid hold becomes the booking", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { offering } = await bookableExpert(kv);
  const learner = await learnerWith(kv, 4500);
  const start = daysAhead(NOW, 1);
  const held = await holdFor(kv, learner, offering.id, start);
  expect(held.shortMinor).toBe(1500);
  expect(held.currency).toBe("USD");
  expect(held.hold).toMatchObject({
    status: "open",
    start,
    expiresAt: new Date(NOW.getTime() + 10 * MINUTE).toISOString(),
    topUpId: expect.any(String),
  });
  expect(held.checkoutUrl).toMatch(/\/pay\/cs_sim_/);

  // While the hold lives, the time is nobody else's.
  const rival = await fundedLearner(kv);
  expect(
    await caught(bookSession(kv, rival, { offeringId: offering.id, start })),
  ).toBeInstanceOf(SlotUnavailableError);
  // Not paid yet: still open.
  expect((await confirmHold(kv, learner.id, held.hold.id)).status).toBe("open");

  await pay(kv, held.checkoutUrl);
  const confirmed = await confirmHold(kv, learner.id, held.hold.id);
  if (confirmed.status !== "converted") throw new Error("not converted");
  expect(confirmed.booking.id).toBe(held.hold.id);
  expect(confirmed.booking.status).toBe("confirmed");
  // Coming back twice books nothing twice.
  const again = await confirmHold(kv, learner.id, held.hold.id);
  expect(again).toEqual(confirmed);
  expect(await getBalance(kv, walletAccount(learner.id), "USD")).toBe(0);
  expect(await getBalance(kv, escrowAccount(held.hold.id), "USD")).toBe(6000);
  const entries = await listEntriesByRef(kv, "bookingId", held.hold.id);
  expect(entries.map((entry) => entry.kind)).toEqual(["booking_reserve"]);
  // The learner is told once, with the invitation, however often they return.
  const booked = (await listOutbox(kv, { to: learner.email })).filter((m) =>
    m.subject.startsWith("Booked")
  );
  expect(booked).toHaveLength(1);
  expect(booked[0].attachments?.[0].content).toContain("METHOD:REQUEST");
  // Someone else's hold id is not found.
  await expect(confirmHold(kv, rival.id, held.hold.id)).rejects.toThrow(
    /no hold/,
  );
  await assertBooksBalance(kv);
});

Deno.test("an expired hold frees the time without a sweep; paying late keeps the credits and tells the learner", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, offering } = await bookableExpert(kv);
  const learner = await learnerWith(kv, 0);
  const start = daysAhead(NOW, 1);
  const held = await holdFor(kv, learner, offering.id, start);
  expect(held.shortMinor).toBe(6000);

  clock.advance(11 * MINUTE);
  // Nothing swept the hold; its cells simply count as free now.
  const rival = await fundedLearner(kv);
  const taken = await bookSession(kv, rival, {
    offeringId: offering.id,
    start,
  });
  expect("booking" in taken).toBe(true);

  await pay(kv, held.checkoutUrl);
  const lapsed = await caught(confirmHold(kv, learner.id, held.hold.id));
  expect(lapsed).toBeInstanceOf(HoldLapsedError);
  expect(await getBalance(kv, walletAccount(learner.id), "USD")).toBe(6000);
  expect(await listEntriesByRef(kv, "bookingId", held.hold.id)).toEqual([]);
  const [mail] = await listOutbox(kv, { to: learner.email });
  expect(mail.subject).toMatch(/released/);
  expect(mail.text).toMatch(/credits you bought are in your wallet/);
  // The rival's booking kept all its cells.
  const cells = [];
  for await (const entry of kv.list({ prefix: ["booking_cells", expertId] })) {
    cells.push((entry.value as { id: string }).id);
  }
  expect(new Set(cells)).toEqual(
    new Set(["booking" in taken ? taken.booking.id : ""]),
  );
  await assertBooksBalance(kv);
});

Deno.test("a payment made in time converts the hold even when the conversion runs after expiry", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { offering } = await bookableExpert(kv);
  const learner = await learnerWith(kv, 1000);
  const held = await holdFor(kv, learner, offering.id, daysAhead(NOW, 1));
  clock.advance(9 * MINUTE);
  await pay(kv, held.checkoutUrl);
  clock.advance(5 * MINUTE);
  const settled = await settleHold(kv, held.hold.id);
  expect(settled.status).toBe("converted");
  await assertBooksBalance(kv);
});

Deno.test("an unpaid hold lapses at expiry and frees its cells", async () => {
  using clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { expertId, offering } = await bookableExpert(kv);
  const learner = await learnerWith(kv, 0);
  const held = await holdFor(kv, learner, offering.id, daysAhead(NOW, 1));
  expect((await settleHold(kv, held.hold.id)).status).toBe("open");
  clock.advance(10 * MINUTE);
  expect(await settleHold(kv, held.hold.id)).toMatchObject({
    status: "lapsed",
  });
  const left = [];
  for await (const entry of kv.list({ prefix: ["booking_cells", expertId] })) {
    left.push(entry.key);
  }
  expect(left).toEqual([]);
  // Settling again changes nothing.
  expect((await settleHold(kv, held.hold.id)).status).toBe("lapsed");
});

Deno.test("booking one's own held time again, with the money now there, converts the hold", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { offering } = await bookableExpert(kv);
  const learner = await learnerWith(kv, 1000);
  const start = daysAhead(NOW, 1);
  const held = await holdFor(kv, learner, offering.id, start);
  await fundLearner(kv, learner.id, 5000);
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    start,
  });
  expect("booking" in outcome && outcome.booking.id).toBe(held.hold.id);
  await assertBooksBalance(kv);
});

Deno.test("a checkout that cannot start releases the hold at once and says why", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  // More than the largest custom top-up (1,000.00) short.
  const { expertId, offering } = await bookableExpert(kv, {
    offering: { priceMinor: 500_000 },
  });
  const learner = await learnerWith(kv, 0);
  const start = daysAhead(NOW, 1);
  await expect(holdFor(kv, learner, offering.id, start)).rejects.toThrow(
    /Choose an amount/,
  );
  const cells = [];
  for await (const entry of kv.list({ prefix: ["booking_cells", expertId] })) {
    cells.push(entry.key);
  }
  expect(cells).toEqual([]);
  expect(await listOutbox(kv, { to: learner.email })).toEqual([]);
  const rival = await fundedLearner(kv, 500_000);
  const taken = await bookSession(kv, rival, {
    offeringId: offering.id,
    start,
  });
  expect("booking" in taken).toBe(true);
});

/**
 * Booking over the JSON API, end to end: an expert sets their hours, a
 * learner buys credits, reads the slots, books one, both sides see it, it
 * is moved and cancelled with the money following the policy; a short
 * wallet holds the time through checkout. Every answer is checked against
 * the OpenAPI document.
 */
import { expect } from "expect";
import { type Client, signUp } from "@/tests/support/auth.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import { bookableExpert, daysAhead } from "@/tests/support/bookings.ts";
import { payWithTestCard } from "@/services/payments/mod.ts";
import { applyPaymentEvent } from "@/services/wallet/mod.ts";
import { createCheckedAuthApp } from "./support.ts";

async function pay(kv: Deno.Kv, checkoutUrl: string) {
  const id = new URL(checkoutUrl).pathname.split("/").pop()!;
  const { event } = await payWithTestCard(kv, id, {
    card: "4242424242424242",
  });
  await applyPaymentEvent(kv, event);
}

async function buyCredits(kv: Deno.Kv, learner: Client, packId = "usd-50") {
  const started = await learner.api("POST", "/api/wallet/top-ups", { packId });
  expect(started.status).toBe(201);
  await pay(kv, started.body.checkoutUrl);
}

async function walletMinor(learner: Client): Promise<number> {
  const { body } = await learner.api("GET", "/api/wallet");
  return body.balances.find((b: { currency: string }) => b.currency === "USD")
    ?.availableMinor ?? 0;
}

Deno.test("an expert opens their calendar; a learner books a slot; both see it; it moves and is cancelled per policy", async () => {
  await using app = await createCheckedAuthApp();
  const expert = await signUp(app, "expert");
  const { offering } = await bookableExpert(app.kv, {
    id: expert.user!.id,
    offering: { priceMinor: 4000 },
  });

  // The expert's hours, through the API: read, change, read back.
  const current = await expert.api("GET", "/api/expert/availability");
  expect(current.status).toBe(200);
  const hours = {
    ...current.body.availability,
    timeZone: "Europe/Berlin",
    weekly: Object.fromEntries(
      ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [
        day,
        [{ start: "08:00", end: "20:00" }],
      ]),
    ),
    bufferAfterMinutes: 15,
    minNoticeMinutes: 60,
  };
  const saved = await expert.api("PUT", "/api/expert/availability", hours);
  expect(saved.status).toBe(200);
  expect(saved.body.availability).toEqual(hours);
  // What a GET answers, the PUT takes back unchanged.
  const again = await expert.api(
    "PUT",
    "/api/expert/availability",
    (await expert.api("GET", "/api/expert/availability")).body.availability,
  );
  expect(again.body.availability).toEqual(hours);

  const learner = await signUp(app, "learner");
  await buyCredits(app.kv, learner);
  const from = daysAhead(new Date(), 2, 0);
  const to = daysAhead(new Date(), 3, 0);
  const slots = await learner.api(
    "GET",
    `/api/experts/${
      expert.user!.id
    }/slots?offeringId=${offering.id}&from=${from}&to=${to}`,
  );
  expect(slots.status).toBe(200);
  expect(slots.body.timeZone).toBe("Europe/Berlin");
  expect(slots.body.slots.length).toBeGreaterThan(10);
  const [slot, , , , later] = slots.body.slots;

  const booked = await learner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start: slot.start,
    note: "I'd like to talk about pricing.",
  });
  expect(booked.status).toBe(201);
  const booking = booked.body.booking;
  expect(booking).toMatchObject({
    status: "confirmed",
    start: slot.start,
    end: slot.end,
    priceMinor: 4000,
    expertTimeZone: "Europe/Berlin",
    learnerTimeZone: "Europe/Paris",
    note: "I'd like to talk about pricing.",
  });
  expect(await walletMinor(learner)).toBe(5000 - 4000);

  // The slot is gone from the list, with the buffer after it.
  const after = await learner.api(
    "GET",
    `/api/experts/${
      expert.user!.id
    }/slots?offeringId=${offering.id}&from=${from}&to=${to}`,
  );
  expect(after.body.slots.map((s: { start: string }) => s.start)).not.toContain(
    slot.start,
  );

  // Both sides see it; a stranger does not.
  for (const side of [learner, expert]) {
    const list = await side.api("GET", "/api/bookings?when=upcoming");
    expect(list.body.bookings.map((b: { id: string }) => b.id)).toEqual([
      booking.id,
    ]);
    const one = await side.api("GET", `/api/bookings/${booking.id}`);
    expect(one.status).toBe(200);
    expect(one.body.actions).toEqual({
      cancelRefundMinor: 4000,
      canReschedule: true,
      canDispute: false,
    });
  }
  const stranger = await signUp(app, "learner");
  expect((await stranger.api("GET", `/api/bookings/${booking.id}`)).status)
    .toBe(404);
  expect(
    (await learner.api("GET", "/api/bookings?when=past")).body.bookings,
  ).toEqual([]);

  // The expert moves it; it keeps its id.
  const moved = await expert.api(
    "POST",
    `/api/bookings/${booking.id}/reschedule`,
    { start: later.start },
  );
  expect(moved.status).toBe(200);
  expect(moved.body.booking).toMatchObject({
    id: booking.id,
    start: later.start,
    rescheduleCount: 1,
  });

  // The learner cancels more than a day ahead: everything back.
  const cancelled = await learner.api(
    "POST",
    `/api/bookings/${booking.id}/cancel`,
    { reason: "Found the answer myself." },
  );
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.refundMinor).toBe(4000);
  expect(cancelled.body.booking.status).toBe("cancelled");
  expect(await walletMinor(learner)).toBe(5000);
  const twice = await learner.api(
    "POST",
    `/api/bookings/${booking.id}/cancel`,
    {},
  );
  expect(twice.status).toBe(409);
  await assertBooksBalance(app.kv);
});

Deno.test("a short wallet with hold: 402 with a checkout; paying and coming back makes the booking", async () => {
  await using app = await createCheckedAuthApp();
  const { offering } = await bookableExpert(app.kv, {
    offering: { priceMinor: 7500 },
  });
  const learner = await signUp(app, "learner");
  await buyCredits(app.kv, learner); // 50.00
  const start = daysAhead(new Date(), 3, 9);

  const short = await learner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start,
  });
  expect(short.status).toBe(402);
  expect(short.body).toMatchObject({
    error: "insufficient_funds",
    details: { shortMinor: ["2500"], currency: ["USD"] },
  });
  expect(short.body.checkoutUrl).toBeUndefined();

  const held = await learner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start,
    hold: true,
  });
  expect(held.status).toBe(402);
  expect(held.body.checkoutUrl).toMatch(/\/pay\/cs_sim_/);
  const holdId = held.body.holdId;
  const hold = await learner.api("GET", `/api/bookings/holds/${holdId}`);
  expect(hold.body.hold).toMatchObject({ status: "open", start });

  // Someone else cannot take the held time.
  const rival = await signUp(app, "learner");
  await buyCredits(app.kv, rival, "usd-100");
  const taken = await rival.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start,
  });
  expect(taken.status).toBe(409);
  expect(taken.body.error).toBe("slot_unavailable");

  const waiting = await learner.api(
    "POST",
    `/api/bookings/holds/${holdId}/confirm`,
  );
  expect(waiting.status).toBe(202);
  await pay(app.kv, held.body.checkoutUrl);
  const confirmed = await learner.api(
    "POST",
    `/api/bookings/holds/${holdId}/confirm`,
  );
  expect(confirmed.status).toBe(201);
  expect(confirmed.body.booking).toMatchObject({
    id: holdId,
    status: "confirmed",
  });
  expect(await walletMinor(learner)).toBe(0);
  expect(
    (await learner.api("GET", `/api/bookings/holds/${holdId}`)).body.hold
      .status,
  ).toBe("converted");
  await assertBooksBalance(app.kv);
});

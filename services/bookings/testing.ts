/**
 * Test fixtures for the bookings feature's notification tests: two people
 * with accounts (so they have names and addresses) and a booking between
 * them, the invitation an email carries, parsed back with ical.js, the
 * parties joining a booking's call (attendance decides completion), and a
 * hold's checkout paid.
 */
import { expect } from "expect";
import ICAL from "ical.js";
import {
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import { ensureAccount } from "@/services/auth/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import type { OutboxMessage } from "@/services/platform/email/mod.ts";
import { payWithTestCard } from "@/services/payments/mod.ts";
import { applyPaymentEvent } from "@/services/wallet/mod.ts";
import { type Booking, bookSession } from "./mod.ts";

/** The fake "now" of these tests. */
export const NOW = new Date("2030-03-04T08:00:00Z");

/** A learner and an expert with accounts (so they have addresses), and a booking. */
export async function bookedPair(
  kv: Deno.Kv,
  start = daysAhead(NOW, 2, 9),
): Promise<Booking> {
  const { offering, expertId } = await bookableExpert(kv, {
    availability: { timeZone: "Europe/Berlin" },
  });
  const learner = await fundedLearner(kv, 200_00);
  for (
    const [id, name, role] of [
      [expertId, "Bea Booked", "expert"],
      [learner.id, "Lea Learner", "learner"],
    ] as const
  ) {
    await ensureAccount(kv, {
      id,
      email: `${role}-${id.toLowerCase()}@example.com`,
      password: "lighthouse keeper 42",
      name,
      role,
      timeZone: role === "expert" ? "Europe/Berlin" : learner.timeZone,
      source: "test",
    });
  }
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    start,
  });
  if (!("booking" in outcome)) throw new Error("expected a booking");
  return outcome.booking;
}

/** The single event of an attached calendar, parsed back with ical.js. */
export function parseInvite(message: OutboxMessage) {
  const [file] = message.attachments ?? [];
  if (!file) throw new Error(`no attachment on "${message.subject}"`);
  expect(file.content).toContain("\r\n");
  const calendar = new ICAL.Component(ICAL.parse(file.content));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no event in the calendar");
  const event = new ICAL.Event(vevent);
  return {
    file,
    method: calendar.getFirstPropertyValue("method"),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    status: vevent.getFirstPropertyValue("status"),
  };
}

/** Pays the checkout a hold opened, as the processor's event would. */
export async function payCheckout(
  kv: Deno.Kv,
  checkoutUrl: string,
): Promise<void> {
  const id = new URL(checkoutUrl).pathname.split("/").pop()!;
  const { event } = await payWithTestCard(kv, id, {
    card: "4242 4242 4242 4242",
  });
  await applyPaymentEvent(kv, event);
}

/** A fake clock as `useFakeClock` returns it. */
type FakeClock = ReturnType<typeof useFakeClock>;

export { attendCall } from "@/tests/support/bookings.ts";

/**
 * Fixtures for the privacy feature's tests: accounts with known names and
 * addresses, and sessions paid exactly from the wallet (so nothing is left
 * owed once they take place).
 */
import { ensureAccount } from "@/services/auth/mod.ts";
import { type Booking, bookSession } from "@/services/bookings/mod.ts";
import { fundLearner } from "@/tests/support/bookings.ts";

export const NOW = new Date("2030-03-04T08:00:00Z");
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const PASSWORD = "lighthouse keeper 42";
export const META = {
  ip: "127.0.0.1",
  userAgent: "test",
  baseUrl: "http://localhost:8000",
};

export interface Person {
  id: string;
  email: string;
  name: string;
}

export async function account(
  kv: Deno.Kv,
  id: string,
  name: string,
  role: "learner" | "expert",
): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\s+/g, ".")}@example.com`;
  await ensureAccount(kv, {
    id,
    email,
    password: PASSWORD,
    name,
    role,
    timeZone: "UTC",
    source: "test",
  });
  return { id, email, name };
}

/** A session of `learnerId` with the expert, paid exactly from the wallet. */
export async function book(
  kv: Deno.Kv,
  learnerId: string,
  offering: { id: string; priceMinor: number },
  start: string,
): Promise<Booking> {
  await fundLearner(kv, learnerId, offering.priceMinor);
  const outcome = await bookSession(kv, { id: learnerId, timeZone: "UTC" }, {
    offeringId: offering.id,
    start,
  });
  if (!("booking" in outcome)) throw new Error("the test booking failed");
  return outcome.booking;
}

/**
 * Fixtures for the messaging tests (the service, the API, the pages and
 * the two-process test): a learner and a published expert with accounts,
 * and optionally a booking between them, written through the features' own
 * services.
 */
import { ensureAccount, getUserByEmail } from "@/services/auth/mod.ts";
import { type PublicUser } from "@/services/auth/mod.ts";
import { bookSession } from "@/services/bookings/mod.ts";
import { newId } from "@/services/platform/kv.ts";
import {
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";

export const FIXTURE_PASSWORD = "correct horse battery staple";

let accounts = 0;

/** An account of `role` with FIXTURE_PASSWORD (and `id` if given). */
export async function account(
  kv: Deno.Kv,
  role: "learner" | "expert",
  id?: string,
): Promise<PublicUser> {
  const email = `${role}${++accounts}-${
    newId().slice(-8).toLowerCase()
  }@example.com`;
  await ensureAccount(kv, {
    email,
    password: FIXTURE_PASSWORD,
    name: role === "expert" ? "Esme Expert" : "Lee Learner",
    role,
    id,
    timeZone: "Europe/Paris",
    source: "test",
  });
  return (await getUserByEmail(kv, email))!;
}

/** A learner and a published expert (accounts), with a booking if `booked`. */
export async function messagingPair(
  kv: Deno.Kv,
  options: { booked?: boolean } = {},
): Promise<{ learner: PublicUser; expert: PublicUser; bookingId?: string }> {
  const learner = await account(kv, "learner");
  const expert = await account(kv, "expert", newId());
  const { offering } = await bookableExpert(kv, { id: expert.id });
  if (!options.booked) return { learner, expert };
  await fundLearner(kv, learner.id, offering.priceMinor, offering.currency);
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    expertId: expert.id,
    start: daysAhead(new Date(), 3),
  });
  if (!("booking" in outcome)) throw new Error("the test booking failed");
  return { learner, expert, bookingId: outcome.booking.id };
}

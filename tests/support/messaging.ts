/**
 * Fixtures for the messaging tests (the service, the API, the pages and
 * the two-process test): a learner and a published expert with accounts,
 * and optionally a booking between them, written through the features' own
 * services.
 */
import { ensureAccount, getUserByEmail } from "@/services/auth/mod.ts";
import { type PublicUser } from "@/services/auth/mod.ts";
import { bookSession } from "@/services/bookings/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { listOfferings, type Offering } from "@/services/offerings/mod.ts";
import { openConversation, sendMessage } from "@/services/messaging/mod.ts";
import { newId } from "@/services/platform/kv.ts";
import { bookableExpert, daysAhead, fundLearner } from "./bookings.ts";

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
  const bookingId = await book(kv, learner, offering);
  return { learner, expert, bookingId };
}

let nextDay = 3;

/** A booking of `offering` by `learner`, each a day after the last. */
async function book(
  kv: Deno.Kv,
  learner: PublicUser,
  offering: Offering,
): Promise<string> {
  await fundLearner(kv, learner.id, offering.priceMinor, offering.currency);
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    expertId: offering.expertId,
    // 14:00 UTC: never the 10:00 of bookingOf's sessions, whose day
    // counter runs alongside this one for the same users.
    start: daysAhead(new Date(), nextDay++, 14),
  });
  if (!("booking" in outcome)) throw new Error("the test booking failed");
  return outcome.booking.id;
}

/**
 * A conversation `owner` (a learner or an expert account) is a party of,
 * with a booking behind it and one message from the other party; returns
 * its id.
 */
export async function conversationOf(
  kv: Deno.Kv,
  owner: PublicUser,
): Promise<string> {
  let learner = owner;
  let expert = owner;
  let offering: Offering;
  if (owner.role === "expert") {
    learner = await account(kv, "learner");
    offering = await getExpert(kv, owner.id)
      ? (await listOfferings(kv, owner.id))[0]
      : (await bookableExpert(kv, { id: owner.id })).offering;
  } else {
    expert = await account(kv, "expert", newId());
    offering = (await bookableExpert(kv, { id: expert.id })).offering;
  }
  await book(kv, learner, offering);
  const conversation = await openConversation(
    kv,
    owner,
    (owner === learner ? expert : learner).id,
  );
  const other = owner === learner ? expert : learner;
  await sendMessage(kv, other.id, conversation.id, { text: "Hello" });
  return conversation.id;
}

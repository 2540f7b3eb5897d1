/**
 * Fixtures for the booking tests (services/bookings, the bookings API, the
 * authorization walk, bench/bookings.ts): a published expert who takes
 * bookings around the clock in a given zone with one session offering, and
 * a learner with credits in the wallet, written through the features' own
 * services so every index is as the app writes it.
 */
import { joinCall } from "@/services/calls/mod.ts";
import {
  type AvailabilityInput,
  saveAvailability,
} from "@/services/availability/mod.ts";
import {
  categoryParents,
  createCategory,
  getCategory,
} from "@/services/categories/mod.ts";
import { type Booking, bookSession } from "@/services/bookings/mod.ts";
import {
  type ExpertInput,
  getExpert,
  prepareExpert,
  stageExpertWrite,
} from "@/services/experts/mod.ts";
import {
  post,
  processorAccount,
  walletAccount,
} from "@/services/ledger/mod.ts";
import {
  createOffering,
  listOfferings,
  type Offering,
  type OfferingInput,
} from "@/services/offerings/mod.ts";
import { newId } from "@/services/platform/kv.ts";
import { clockFor, now } from "@/services/platform/clock.ts";
import type { Currency } from "@/services/platform/money.ts";
import { type AuthTestApp, signUp } from "./auth.ts";

export const CATEGORY_ID = "booking-tests";

const wholeDay = () => [{ start: "00:00", end: "24:00" }];

/** Every day, all day, no notice, a year ahead: any future quarter hour is bookable. */
export function openAvailability(
  fields: Partial<AvailabilityInput> = {},
): AvailabilityInput {
  return {
    timeZone: "UTC",
    weekly: {
      mon: wholeDay(),
      tue: wholeDay(),
      wed: wholeDay(),
      thu: wholeDay(),
      fri: wholeDay(),
      sat: wholeDay(),
      sun: wholeDay(),
    },
    minNoticeMinutes: 0,
    horizonDays: 365,
    paused: false,
    ...fields,
  };
}

export interface BookableExpert {
  expertId: string;
  offering: Offering;
}

/**
 * A published expert (with `id`, e.g. an expert account's user id) who
 * takes bookings per `availability` (default: openAvailability()), offering
 * one 60-minute session for 60.00 USD unless `offering` says otherwise.
 */
export async function bookableExpert(
  kv: Deno.Kv,
  options: {
    id?: string;
    profile?: Partial<ExpertInput>;
    availability?: Partial<AvailabilityInput>;
    offering?: Partial<OfferingInput>;
  } = {},
): Promise<BookableExpert> {
  if (!await getCategory(kv, CATEGORY_ID)) {
    await createCategory(kv, {
      id: CATEGORY_ID,
      name: "Booking tests",
      icon: "code",
    }).catch(() => {}); // another fixture created it meanwhile
  }
  const prepared = prepareExpert({
    name: "Bea Booked",
    headline: "Always available",
    bio: "I take sessions at any hour.",
    categoryIds: [CATEGORY_ID],
    skills: ["Scheduling"],
    languages: ["en"],
    yearsExperience: 5,
    hourlyRate: { amountMinor: 6000, currency: "USD" },
    location: "Anywhere",
    timeZone: options.availability?.timeZone ?? "UTC",
    ...options.profile,
  });
  const expert = { ...prepared, id: options.id ?? prepared.id };
  const written = await stageExpertWrite(kv.atomic(), expert, {
    previous: null,
    parents: await categoryParents(kv),
  }).commit();
  if (!written.ok) throw new Error("the test expert was not written");
  await saveAvailability(kv, expert.id, openAvailability(options.availability));
  const offering = await createOffering(kv, expert.id, {
    kind: "session",
    title: "One-hour session",
    durationMinutes: 60,
    priceMinor: 6000,
    currency: "USD",
    ...options.offering,
  });
  return { expertId: expert.id, offering };
}

/** Puts `amountMinor` of credits in the learner's wallet (as a paid top-up would). */
export async function fundLearner(
  kv: Deno.Kv,
  learnerId: string,
  amountMinor: number,
  currency: Currency = "USD",
): Promise<void> {
  await post(kv, {
    idempotencyKey: `test-credit:${newId()}`,
    currency,
    kind: "top_up",
    lines: [
      { account: processorAccount("simulated"), amountMinor: -amountMinor },
      { account: walletAccount(learnerId), amountMinor },
    ],
    refs: { userId: learnerId },
  });
}

/** A learner (no account needed by the booking services) with `credits` in the wallet. */
export async function fundedLearner(
  kv: Deno.Kv,
  credits = 100_00,
  timeZone = "America/New_York",
): Promise<{ id: string; timeZone: string }> {
  const id = newId();
  if (credits > 0) await fundLearner(kv, id, credits);
  return { id, timeZone };
}

/** The UTC ISO instant `days` days from `now` at `hour`:`minute` UTC. */
export function daysAhead(
  now: Date,
  days: number,
  hour = 10,
  minute = 0,
): string {
  const date = new Date(now.getTime() + days * 86_400_000);
  date.setUTCHours(hour, minute, 0, 0);
  return date.toISOString();
}

let nextDay = 2;

/**
 * A day (from now) no other test booking of this process has used, so one
 * learner's test sessions never overlap whichever fixture made them.
 */
export function unusedBookingDay(): number {
  return nextDay++;
}

/**
 * A confirmed booking that `owner` is a party of: as its learner (with a
 * new expert) or as its expert (with a new learner); each call a day later
 * than the last, so one learner's sessions never overlap.
 */
export async function bookingOf(
  kv: Deno.Kv,
  owner: { id: string; role: string; timeZone: string },
): Promise<string> {
  let offering: Offering;
  let learner = { id: owner.id, timeZone: owner.timeZone };
  if (owner.role === "expert") {
    offering = await getExpert(kv, owner.id)
      ? (await listOfferings(kv, owner.id))[0]
      : (await bookableExpert(kv, { id: owner.id })).offering;
    learner = await fundedLearner(kv, 0);
  } else offering = (await bookableExpert(kv)).offering;
  await fundLearner(kv, learner.id, offering.priceMinor, offering.currency);
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    expertId: offering.expertId,
    start: daysAhead(new Date(), unusedBookingDay()),
  });
  if (!("booking" in outcome)) throw new Error("the test booking failed");
  return outcome.booking.id;
}

/**
 * `parties` of `booking` join its call (peer-to-peer) at its start; the
 * clock is then put back where it was. Completion pays only for sessions
 * the expert joined (completion.ts), so tests of paid completion use this.
 */
export async function attendCall(
  kv: Deno.Kv,
  clock: { set(date: Date): void },
  booking: Booking,
  parties: readonly ("learner" | "expert")[] = ["learner", "expert"],
): Promise<void> {
  const before = clockFor(kv).now();
  clock.set(new Date(booking.start));
  for (const party of parties) {
    await joinCall(
      kv,
      booking,
      party === "learner" ? booking.learnerId : booking.expertId,
    );
  }
  clock.set(before);
}

/**
 * A confirmed booking of `learner` with the expert `expertId` (made
 * bookable; a new expert when left out), tomorrow at 10:00 UTC by the
 * app's clock, paid from the wallet: the call tests' session.
 */
export async function bookedTomorrow(
  kv: Deno.Kv,
  learner: { id: string; timeZone: string },
  expertId?: string,
): Promise<Booking> {
  const { offering } = await bookableExpert(
    kv,
    expertId ? { id: expertId } : {},
  );
  await fundLearner(kv, learner.id, offering.priceMinor, offering.currency);
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    start: daysAhead(clockFor(kv).now(), 1, 10),
  });
  if (!("booking" in outcome)) throw new Error("the test booking failed");
  return outcome.booking;
}

/**
 * Over HTTP, as the two people would: a signed-up expert whose offering
 * offers recording (unless `offered` is false) and a funded learner who
 * books it for tomorrow at 10:00 UTC, consenting to recording unless
 * `consent` is false.
 */
export async function recordedBooking(
  app: AuthTestApp,
  options: { consent?: boolean; offered?: boolean } = {},
) {
  const expert = await signUp(app, "expert");
  const { offering } = await bookableExpert(app.kv, {
    id: expert.user!.id,
    offering: { recordingOffered: options.offered ?? true },
  });
  const learner = await signUp(app, "learner");
  await fundLearner(app.kv, learner.user!.id, 12000);
  const start = daysAhead(now(), 1, 10);
  const booked = await learner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start,
    recordingConsent: options.consent ?? true,
  });
  if (booked.status !== 201) {
    throw new Error(`the test booking failed: ${JSON.stringify(booked.body)}`);
  }
  return {
    expert,
    learner,
    offering,
    id: booked.body.booking.id as string,
    booking: booked.body.booking,
    start,
  };
}

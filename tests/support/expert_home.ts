/**
 * Fixtures for the expert's home: an expert account approved through the
 * application services (profile, document, offering, submission, an
 * admin's approval) and open for bookings, learners with accounts, and
 * sessions held with them: booked from the wallet on a clock set a few
 * days back, attended by both people, and completed by the bookings
 * feature's own background work, which pays the expert through the ledger.
 */
import {
  addApplicationDocument,
  approveApplication,
  saveApplication,
  submitApplication,
} from "@/services/applications/mod.ts";
import { type RequestMeta, signup } from "@/services/auth/mod.ts";
import { saveAvailability } from "@/services/availability/mod.ts";
import { type Booking, bookSession } from "@/services/bookings/mod.ts";
import { createOffering, type Offering } from "@/services/offerings/mod.ts";
import { newId } from "@/services/platform/kv.ts";
import { getCategory } from "@/services/categories/mod.ts";
import { addCategories, SOFTWARE } from "./categories.ts";
import { pdfFile } from "./files.ts";
import { daysAhead, fundLearner, openAvailability } from "./bookings.ts";

function meta(): RequestMeta {
  // Sign-ups are limited per address: each fixture account comes from its own.
  const n = Math.floor(Math.random() * 250) + 1;
  return {
    ip: `198.51.100.${n}`,
    userAgent: "fixture",
    baseUrl: "https://taptime.test",
  };
}

/**
 * Approves `expertId`'s application (one 60-minute session at 60.00 USD)
 * and opens their availability around the clock; returns the offering.
 */
export async function approvedExpert(
  kv: Deno.Kv,
  expertId: string,
): Promise<Offering> {
  if (!await getCategory(kv, "web")) await addCategories(kv, SOFTWARE);
  // The email link is tested with the account flows; approval needs it done.
  const user = await kv.get<Record<string, unknown>>(["users", expertId]);
  await kv.set(["users", expertId], { ...user.value, emailVerified: true });
  await saveApplication(kv, expertId, {
    headline: "Patient TypeScript mentor",
    bio: "I help people write code they can read again next year. ".repeat(2),
    yearsExperience: 12,
    languages: ["en"],
    linkedinOrWebsite: "https://example.com/mentor",
    categoryIds: ["web"],
    skills: ["TypeScript", "Testing"],
  });
  await addApplicationDocument(kv, expertId, pdfFile());
  const offering = await createOffering(kv, expertId, {
    kind: "session",
    title: "Code review",
    durationMinutes: 60,
    priceMinor: 6000,
    currency: "USD",
  });
  await submitApplication(kv, expertId);
  await approveApplication(kv, newId(), expertId, {}, meta());
  await saveAvailability(kv, expertId, openAvailability());
  return offering;
}

/** A learner account (time zone Europe/Paris) named `name`. */
export async function learnerAccount(
  kv: Deno.Kv,
  name: string,
): Promise<{ id: string; timeZone: string }> {
  const { user } = await signup(kv, {
    email: `learner-${newId().toLowerCase()}@example.com`,
    password: "correct horse battery staple",
    name,
    role: "learner",
    acceptTerms: true,
    timeZone: "Europe/Paris",
  }, meta());
  return { id: user.id, timeZone: user.timeZone };
}

export { heldSession } from "./reviews.ts";

/** A confirmed session of `offering` for `learner`, `days` from now. */
export async function upcomingSession(
  kv: Deno.Kv,
  offering: Offering,
  learner: { id: string; timeZone: string },
  days = 3,
): Promise<Booking> {
  await fundLearner(kv, learner.id, offering.priceMinor, offering.currency);
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    expertId: offering.expertId,
    start: daysAhead(new Date(), days, 9),
  });
  if (!("booking" in outcome)) throw new Error("the test booking failed");
  return outcome.booking;
}

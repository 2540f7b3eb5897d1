/**
 * The start-up migration of the retired "package" kind: stored packages
 * become session types with one package option that learners can buy and
 * book with; a second run changes nothing.
 */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { PUBLIC_VERSION_KEY } from "@/services/platform/public_version.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { buyPackage } from "@/services/packages/mod.ts";
import { bookSession } from "@/services/bookings/mod.ts";
import { migrateLegacyOfferings } from "./legacy.ts";
import { stageOfferingsFrozen } from "./store.ts";
import { getOffering, listOfferings } from "./mod.ts";

const NOW = new Date("2030-03-04T08:00:00Z");

/** Rewrites a stored offering as the old code stored it. */
async function storeLegacy(
  kv: Deno.Kv,
  expertId: string,
  offeringId: string,
  fields: Record<string, unknown>,
): Promise<void> {
  const key = ["offerings", expertId, offeringId];
  const { value } = await kv.get<Record<string, unknown>>(key);
  await kv.set(key, { ...value, ...fields });
}

function recorder() {
  const warnings: string[] = [];
  return { warnings, warn: (message: string) => warnings.push(message) };
}

Deno.test("a stored package becomes a session type whose package option can be bought and booked", async () => {
  using kv = await openTestKv();
  using _clock = useFakeClock(NOW);
  const { expertId, offering: hour } = await bookableExpert(kv);
  const { offering: old } = await bookableExpert(kv, {
    id: "second-expert",
    offering: { title: "Five hours" },
  });
  await storeLegacy(kv, "second-expert", old.id, {
    kind: "package",
    sessions: 5,
    priceMinor: 250_01,
  });
  // The single session stored before the kind was retired carries a null count.
  await storeLegacy(kv, expertId, hour.id, { sessions: null });
  const versionBefore = await kv.get(PUBLIC_VERSION_KEY);

  const log = recorder();
  expect(await migrateLegacyOfferings(kv, log)).toEqual({
    migrated: 2,
    unresolved: [],
  });
  expect(log.warnings).toEqual([]);
  const converted = (await getOffering(kv, "second-expert", old.id))!;
  expect(converted).toMatchObject({
    kind: "session",
    title: "Five hours",
    durationMinutes: 60,
    // One session costs the package's share, rounded up.
    priceMinor: 50_01,
    currency: "USD",
    active: true,
  });
  expect(converted.packageOptions).toEqual([
    {
      id: converted.packageOptions[0].id,
      sessions: 5,
      priceMinor: 250_01,
      currency: "USD",
    },
  ]);
  const stored = await kv.get<Record<string, unknown>>([
    "offerings",
    "second-expert",
    old.id,
  ]);
  expect("sessions" in stored.value!).toBe(false);
  const single = await kv.get<Record<string, unknown>>([
    "offerings",
    expertId,
    hour.id,
  ]);
  expect(single.value).toEqual(hour);
  // Cached public pages refresh; the profile is listed from the new session.
  expect((await kv.get(PUBLIC_VERSION_KEY)).versionstamp).not.toBe(
    versionBefore.versionstamp,
  );
  expect((await getExpert(kv, "second-expert"))!.startingPrice).toEqual({
    amountMinor: 50_01,
    currency: "USD",
    durationMinutes: 60,
  });

  // Idempotent: nothing left to do, nothing rewritten.
  const after = await kv.get(["offerings", "second-expert", old.id]);
  expect(await migrateLegacyOfferings(kv, log)).toEqual({
    migrated: 0,
    unresolved: [],
  });
  expect((await kv.get(["offerings", "second-expert", old.id])).versionstamp)
    .toBe(after.versionstamp);

  // What was for sale only as a whole can now be bought and booked.
  const learner = await fundedLearner(kv, 300_00);
  const pkg = await buyPackage(kv, learner.id, {
    offeringId: old.id,
    optionId: converted.packageOptions[0].id,
  });
  expect(pkg).toMatchObject({ sessions: 5, priceMinor: 250_01 });
  const outcome = await bookSession(kv, learner, {
    offeringId: old.id,
    start: daysAhead(NOW, 2, 9),
    packageId: pkg.id,
  });
  expect("booking" in outcome && outcome.booking.packageId).toBe(pkg.id);
});

Deno.test("a package that breaks today's rules is converted but withdrawn, and the log says why", async () => {
  using kv = await openTestKv();
  const { expertId, offering } = await bookableExpert(kv);
  // 2 sessions for 30,000.00: one would cost more than a session may.
  await storeLegacy(kv, expertId, offering.id, {
    kind: "package",
    sessions: 2,
    priceMinor: 3_000_000,
  });
  // Under review: the migration still goes through.
  const freeze = kv.atomic();
  stageOfferingsFrozen(freeze, expertId, "In review.");
  await freeze.commit();
  const log = recorder();
  expect(await migrateLegacyOfferings(kv, log)).toEqual({
    migrated: 1,
    unresolved: [],
  });
  const [withdrawn] = await listOfferings(kv, expertId, {
    includeInactive: true,
  });
  expect(withdrawn).toMatchObject({
    kind: "session",
    active: false,
    priceMinor: 1_000_000,
  });
  expect(withdrawn.packageOptions.map((o) => [o.sessions, o.priceMinor]))
    .toEqual([[2, 3_000_000]]);
  expect(log.warnings).toHaveLength(1);
  expect(log.warnings[0]).toContain(`offering ${expertId}/${offering.id}`);
  expect(log.warnings[0]).toMatch(/withdrawn until its expert fixes it/);
  expect(log.warnings[0]).toMatch(/booked one by one/);
  expect(await migrateLegacyOfferings(kv, log)).toEqual({
    migrated: 0,
    unresolved: [],
  });
});

Deno.test("a record that is not even an old offering is left as it is and reported", async () => {
  using kv = await openTestKv();
  const { expertId, offering } = await bookableExpert(kv);
  await storeLegacy(kv, expertId, offering.id, {
    kind: "package",
    sessions: "five",
  });
  const before = await kv.get(["offerings", expertId, offering.id]);
  const result = await migrateLegacyOfferings(kv, recorder());
  expect(result.migrated).toBe(0);
  expect(result.unresolved.map((u) => u.id)).toEqual([
    `offering ${expertId}/${offering.id}`,
  ]);
  expect((await kv.get(["offerings", expertId, offering.id])).versionstamp)
    .toBe(before.versionstamp);
});

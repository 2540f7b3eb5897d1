/**
 * Packages over the JSON API: an expert adds package options to a session
 * (and gets them back exactly as sent back), a learner buys one, books with
 * its credits, sees them counted down, and cancels the package for a pro
 * rata refund; a short wallet is the bookings' 402; someone else's package
 * can neither be booked with nor cancelled. Every answer is checked against
 * the OpenAPI document.
 */
import { expect } from "expect";
import { type Client, signUp } from "@/tests/support/auth.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import {
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import { createCheckedAuthApp } from "./support.ts";

async function walletMinor(learner: Client): Promise<number> {
  const { body } = await learner.api("GET", "/api/wallet");
  return body.balances.find((b: { currency: string }) => b.currency === "USD")
    ?.availableMinor ?? 0;
}

Deno.test("an expert offers packages; a learner buys one, books with its credits and cancels it", async () => {
  await using app = await createCheckedAuthApp();
  const expert = await signUp(app, "expert");
  const { offering } = await bookableExpert(app.kv, {
    id: expert.user!.id,
    offering: { priceMinor: 50_00 },
  });

  // Package options through the offerings API, and the round trip.
  const path = `/api/expert/offerings/${offering.id}`;
  const added = await expert.api("PATCH", path, {
    packageOptions: [{ sessions: 4, priceMinor: 180_00 }],
  });
  expect(added.status).toBe(200);
  const [option] = added.body.offering.packageOptions;
  expect(option).toMatchObject({
    sessions: 4,
    priceMinor: 180_00,
    currency: "USD",
  });
  const listed = (await expert.api("GET", "/api/expert/offerings")).body
    .offerings.find((o: { id: string }) => o.id === offering.id);
  const { id: _id, expertId: _e, createdAt: _c, updatedAt: _u, ...fields } =
    listed;
  const back = await expert.api("PATCH", path, fields);
  expect(back.status).toBe(200);
  expect(back.body.offering.packageOptions).toEqual([option]);
  const tooDear = await expert.api("PATCH", path, {
    packageOptions: [{ sessions: 4, priceMinor: 200_01 }],
  });
  expect(tooDear.status).toBe(400);
  expect(tooDear.body.details["packageOptions.0.priceMinor"]).toEqual([
    "4 sessions cost $200.00 booked one by one, so the package can be at most that.",
  ]);

  // A learner with too little: the bookings' 402 shape, nothing bought.
  const learner = await signUp(app, "learner");
  await fundLearner(app.kv, learner.user!.id, 100_00);
  const buy = { offeringId: offering.id, optionId: option.id };
  const short = await learner.api("POST", "/api/packages", buy);
  expect(short.status).toBe(402);
  expect(short.body).toMatchObject({
    error: "insufficient_funds",
    details: { shortMinor: ["8000"], currency: ["USD"] },
  });
  expect((await learner.api("GET", "/api/packages")).body.packages).toEqual(
    [],
  );

  await fundLearner(app.kv, learner.user!.id, 100_00);
  const bought = await learner.api("POST", "/api/packages", buy);
  expect(bought.status).toBe(201);
  const pkg = bought.body.package;
  expect(pkg).toMatchObject({ creditsLeft: 4, valueLeftMinor: 180_00 });
  expect(await walletMinor(learner)).toBe(20_00);

  // Booking with a credit: the wallet stays as it is.
  const booked = await learner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start: daysAhead(new Date(), 3, 10),
    packageId: pkg.id,
  });
  expect(booked.status).toBe(201);
  expect(booked.body.booking).toMatchObject({
    packageId: pkg.id,
    priceMinor: 45_00,
  });
  expect(await walletMinor(learner)).toBe(20_00);
  const mine = await learner.api("GET", "/api/packages");
  expect(mine.body.packages[0]).toMatchObject({
    id: pkg.id,
    creditsLeft: 3,
    valueLeftMinor: 135_00,
  });

  // Someone else can neither book with it nor cancel it.
  const stranger = await signUp(app, "learner");
  const theirs = await stranger.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start: daysAhead(new Date(), 4, 10),
    packageId: pkg.id,
  });
  expect(theirs.status).toBe(400);
  expect(theirs.body.details).toEqual({
    packageId: ["You have no package with this id."],
  });
  expect(
    (await stranger.api("POST", `/api/packages/${pkg.id}/cancel`, {})).status,
  ).toBe(404);

  // Cancelling a booked session in time gives the credit back.
  const cancelled = await learner.api(
    "POST",
    `/api/bookings/${booked.body.booking.id}/cancel`,
    {},
  );
  expect(cancelled.status).toBe(200);
  expect(cancelled.body.booking.cancellation.refundedTo).toBe("package");

  // Cancelling the package: the unused credits back to the wallet.
  const rebooked = await learner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start: daysAhead(new Date(), 5, 10),
    packageId: pkg.id,
  });
  expect(rebooked.status).toBe(201);
  const ended = await learner.api("POST", `/api/packages/${pkg.id}/cancel`, {});
  expect(ended.status).toBe(200);
  expect(ended.body.refundMinor).toBe(135_00);
  expect(ended.body.package).toMatchObject({
    status: "cancelled",
    creditsLeft: 0,
  });
  expect(await walletMinor(learner)).toBe(155_00);
  const again = await learner.api("POST", `/api/packages/${pkg.id}/cancel`, {});
  expect(again.status).toBe(409);
  const spent = await learner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    start: daysAhead(new Date(), 6, 10),
    packageId: pkg.id,
  });
  expect(spent.status).toBe(409);
  await assertBooksBalance(app.kv);
});

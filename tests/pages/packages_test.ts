/**
 * Packages through the pages over HTTP: an expert sells a session type in
 * packages on /expert/offerings (refusals in plain words beside the row);
 * a learner sees them on the booking page, buys one, books with a credit
 * and finds it on the wallet page, whose cancel button states the refund
 * it then pays.
 */
import { expect } from "expect";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";
import {
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import { getBalance, walletAccount } from "@/services/ledger/mod.ts";
import { page, postForm } from "./page_helpers.ts";

Deno.test("an expert sells packages; a learner buys one, books with a credit, and cancels it from the wallet", async () => {
  await using app = await createAuthTestApp();
  const expert = await signUp(app, "expert", { name: "Eva Expert" });
  const expertId = expert.user!.id;
  const { offering } = await bookableExpert(app.kv, {
    id: expertId,
    profile: { name: "Eva Expert" },
  });

  const editor = await page(expert, "/expert/offerings");
  expect(editor.status).toBe(200);
  expect(editor.text).toContain("Sell sessions in packages");
  const tooDear = await postForm(expert, "/expert/offerings", {
    action: "packages",
    offeringId: offering.id,
    sessions0: "5",
    price0: "301",
  });
  expect(tooDear.status).toBe(400);
  const refused = await tooDear.text();
  expect(refused).toContain(
    "5 sessions cost $300.00 booked one by one, so the package can be at most that.",
  );
  // Said at the top too, with a link down to the form that holds it.
  expect(refused).toContain("The packages were not saved");
  expect(refused).toContain(`href="#pkg-${offering.id}"`);
  expect(refused).toContain(`id="pkg-${offering.id}"`);
  // A decimal comma is read as the decimals, not as thousands.
  const comma = await postForm(expert, "/expert/offerings", {
    action: "packages",
    offeringId: offering.id,
    sessions0: "5",
    price0: "270,50",
  });
  expect(comma.status).toBe(303);
  expect((await page(expert, "/expert/offerings")).text).toContain("270.50");
  const saved = await postForm(expert, "/expert/offerings", {
    action: "packages",
    offeringId: offering.id,
    sessions0: "5",
    price0: "270",
    sessions1: "",
    price1: "",
  });
  expect(saved.status).toBe(303);
  // Visitors see it on the profile, before they open the booking page.
  expect((await page(app.client(), `/experts/${expertId}`)).text).toContain(
    "Package: 5 sessions for $270.00 ($54.00 each)",
  );

  const learner = await signUp(app, "learner", { name: "Lea Learner" });
  await fundLearner(app.kv, learner.user!.id, 200_00);
  const wallet = () =>
    getBalance(app.kv, walletAccount(learner.user!.id), "USD");
  const booking = await page(learner, `/book/${expertId}`);
  expect(booking.text).toContain("Save with a package");
  expect(booking.text).toContain("$54.00 a session");
  expect(booking.text).toContain("Buy 5 sessions for $270.00");
  const optionId = /name="optionId" value="([^"]+)"/.exec(booking.text)![1];

  // Short: told how much is missing, nothing bought.
  const short = await postForm(learner, `/book/${expertId}`, {
    action: "buy-package",
    offeringId: offering.id,
    optionId,
  });
  expect(short.status).toBe(402);
  expect(await short.text()).toContain("You need $70.00 more.");

  await fundLearner(app.kv, learner.user!.id, 100_00);
  const bought = await postForm(learner, `/book/${expertId}`, {
    action: "buy-package",
    offeringId: offering.id,
    optionId,
  });
  expect(bought.status).toBe(303);
  expect(await wallet()).toBe(30_00);
  const withCredits = await page(learner, bought.headers.get("location")!);
  expect(withCredits.text).toContain("Package bought");
  expect(withCredits.text).toContain("5 of 5");
  expect(withCredits.text).toContain("Book with a package credit");
  const packageId = /name="packageId" value="([^"]+)"/.exec(
    withCredits.text,
  )![1];

  const booked = await postForm(learner, `/book/${expertId}`, {
    offeringId: offering.id,
    start: daysAhead(new Date(), 3, 10),
    packageId,
  });
  expect(booked.status).toBe(303);
  expect(booked.headers.get("location")).toMatch(/^\/bookings\//);
  expect(await wallet()).toBe(30_00);

  const walletPage = await page(learner, "/dashboard/wallet");
  expect(walletPage.text).toContain("Your packages");
  expect(walletPage.text).toContain("4 of 5");
  expect(walletPage.text).toContain("Cancel and refund $216.00");
  const cancelled = await postForm(learner, "/dashboard/wallet", {
    action: "cancel-package",
    packageId,
  });
  expect(cancelled.status).toBe(303);
  expect(await wallet()).toBe(246_00);
  const after = await page(learner, "/dashboard/wallet");
  expect(after.text).toContain("$216.00 refunded");
  await assertBooksBalance(app.kv);
});

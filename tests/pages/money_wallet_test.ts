/**
 * The learner's money pages over HTTP: buying a pack through the wallet
 * and the simulated checkout (a decline first, then the test card that
 * succeeds), the receipt, a refund, the custom amount's errors, the top-up
 * limit, and nobody else reaching the checkout or the receipt.
 */
import { expect } from "expect";
import {
  type Client,
  createAuthTestApp,
  signUp,
  TEST_ORIGIN,
} from "@/tests/support/auth.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import { startStripeStandIn } from "@/tests/support/stripe_server.ts";
import { page, postForm } from "./page_helpers.ts";

/** Starts buying `packId` from the wallet; returns the checkout's path. */
async function buyPack(learner: Client, packId: string): Promise<string> {
  const started = await postForm(learner, "/dashboard/wallet", {
    action: "pack",
    packId,
  });
  expect(started.status).toBe(303);
  const location = new URL(started.headers.get("location")!);
  expect(location.origin).toBe(TEST_ORIGIN);
  expect(location.pathname).toMatch(/^\/pay\/cs_sim_[0-9A-Z]{26}$/);
  return location.pathname;
}

Deno.test("a learner buys a pack end to end through the wallet and the checkout", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  const stranger = await signUp(app, "learner");

  const wallet = await page(learner, "/dashboard/wallet");
  expect(wallet.status).toBe(200);
  expect(wallet.text).toContain("You have no credits yet");
  expect(wallet.text).toContain("Buy $100.00");
  expect(wallet.text).toContain("$105.00 in credits");
  expect(wallet.text).toContain("includes $5.00 bonus");
  // One currency's packs at a time; the others a link away.
  expect(wallet.text).not.toContain("Buy €100.00");
  expect((await page(learner, "/dashboard/wallet?currency=EUR")).text)
    .toContain("Buy €100.00");

  const checkout = await buyPack(learner, "usd-100");
  const form = await page(learner, checkout);
  expect(form.status).toBe(200);
  expect(form.text).toContain("Test mode");
  expect(form.text).toContain("Pay $100.00");
  expect(form.text).toContain("4000 0000 0000 9995");
  expect(form.text).toContain('autocomplete="cc-number"');
  expect(form.text).toContain('inputmode="numeric"');

  // Nobody else reaches it, to look or to pay.
  expect((await page(stranger, checkout)).status).toBe(404);
  expect(
    (await postForm(stranger, checkout, { card: "4242424242424242" })).status,
  ).toBe(404);

  // A malformed number and a bad expiry: errors beside the fields.
  const malformed = await postForm(learner, checkout, { card: "1234" });
  expect(malformed.status).toBe(400);
  const malformedHtml = await malformed.text();
  expect(malformedHtml).toContain('id="card-error"');
  expect(malformedHtml).toContain('value="1234"');
  const expiry = await postForm(learner, checkout, {
    card: "4242 4242 4242 4242",
    expiry: "13/30",
    cvc: "12",
  });
  expect(expiry.status).toBe(400);
  const expiryHtml = await expiry.text();
  expect(expiryHtml).toContain('id="expiry-error"');
  expect(expiryHtml).toContain('id="cvc-error"');

  // A decline says why, and the learner can try another card.
  const declined = await postForm(learner, checkout, {
    card: "4000 0000 0000 0002",
  });
  expect(declined.status).toBe(402);
  expect(await declined.text()).toContain("Your card was declined.");
  const short = await postForm(learner, checkout, {
    card: "4000 0000 0000 9995",
  });
  expect(await short.text()).toContain("insufficient funds");

  // A plain form post of `card` alone pays and redirects back.
  const paid = await postForm(learner, checkout, {
    card: "4242 4242 4242 4242",
  });
  expect(paid.status).toBe(303);
  const back = new URL(paid.headers.get("location")!);
  expect(back.pathname).toBe("/dashboard/wallet");
  const topUpId = back.searchParams.get("topUp")!;
  const returned = await page(learner, back.pathname + back.search);
  expect(returned.text).toContain("Thank you: your payment went through");
  expect(returned.text).toContain("$105.00 in credits");
  expect(returned.text).toContain(`/dashboard/wallet/receipts/${topUpId}`);
  expect(returned.text).toContain("Refund unused credits");
  expect(returned.text).toContain("Bonus credits");
  // The wallet's activity is on the learner's clock, its zone named.
  expect(returned.text).toMatch(/<time datetime="[^"]+">[^<]+ Europe\/Paris</);

  // Paying again is refused; the page says it is paid.
  expect((await page(learner, checkout)).text).toContain("Already paid");
  expect(
    (await postForm(learner, checkout, { card: "4242424242424242" })).status,
  ).toBe(409);

  // The receipt: the owner's only.
  const receipt = await page(learner, `/dashboard/wallet/receipts/${topUpId}`);
  expect(receipt.status).toBe(200);
  expect(receipt.text).toContain("Receipt");
  expect(receipt.text).toContain("@media print");
  expect(receipt.text).toContain("$100.00 in TapTime credits");
  expect(
    (await page(stranger, `/dashboard/wallet/receipts/${topUpId}`)).status,
  ).toBe(404);

  // Refund the unused credits.
  const refund = await postForm(learner, "/dashboard/wallet", {
    action: "refund",
    topUpId,
  });
  expect(refund.status).toBe(303);
  expect(refund.headers.get("location")).toBe(
    "/dashboard/wallet?done=refunded#top-ups",
  );
  const after = await page(learner, "/dashboard/wallet?done=refunded");
  expect(after.text).toContain("on their way back to your card");
  expect(after.text).toContain("Refunded");
  expect(after.text).not.toContain("Refund unused credits");
  // The wallet's activity says where the credits went.
  expect(after.text).toContain("Held for a refund to the card");
  // Someone else's top-up cannot be refunded from their wallet.
  const foreign = await postForm(stranger, "/dashboard/wallet", {
    action: "refund",
    topUpId,
  });
  expect(foreign.status).toBe(404);
  await assertBooksBalance(app.kv);
});

Deno.test("the custom amount's mistakes stand beside the field; the limit is a notice", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  const custom = (amount: string, currency = "EUR") =>
    postForm(learner, "/dashboard/wallet", {
      action: "custom",
      amount,
      currency,
    });

  const words = await custom("lots");
  expect(words.status).toBe(400);
  const wordsHtml = await words.text();
  expect(wordsHtml).toContain('id="amount-error"');
  expect(wordsHtml).toContain('value="lots"');

  const tiny = await custom("5");
  expect(tiny.status).toBe(400);
  expect(await tiny.text()).toContain("Choose an amount from €10.00 to");

  expect((await custom("10", "XYZ")).status).toBe(400);

  const fine = await custom("75.50");
  expect(fine.status).toBe(303);
  const checkout = new URL(fine.headers.get("location")!).pathname;
  expect((await page(learner, checkout)).text).toContain("Pay €75.50");

  // Five top-ups an hour by default; the sixth is refused with a notice.
  let refused: Response | null = null;
  for (let i = 0; i < 6 && !refused; i++) {
    const response = await custom("10");
    if (response.status !== 303) refused = response;
  }
  expect(refused?.status).toBe(429);
  expect(refused?.headers.get("retry-after")).toMatch(/^\d+$/);
  expect(await refused!.text()).toContain("top-ups an hour");
});

Deno.test("returning from checkout: cancelled and pending top-ups say so", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  const checkout = await buyPack(learner, "gbp-50");
  const cancel = (await page(learner, checkout)).text.match(
    /href="([^"]*cancelled=1)"/,
  )![1].replaceAll("&amp;", "&");
  const cancelled = await page(
    learner,
    new URL(cancel).pathname +
      new URL(cancel).search,
  );
  expect(cancelled.text).toContain("Payment cancelled");
  const topUpId = new URL(cancel).searchParams.get("topUp");
  const pending = await page(learner, `/dashboard/wallet?topUp=${topUpId}`);
  expect(pending.text).toContain("Waiting for the payment to be confirmed");
  // The abandoned checkout can be opened again from the list.
  expect(pending.text).toContain(`href="${checkout}"`);
  expect(pending.text).toContain("Pay now");
  // An unknown or foreign top-up id shows no status at all.
  const unknown = await page(learner, "/dashboard/wallet?topUp=nope");
  expect(unknown.status).toBe(200);
  expect(unknown.text).not.toContain("Waiting for the payment");
  // A tampered page cursor starts again from the first page.
  expect((await page(learner, "/dashboard/wallet?entries=%FF")).status).toBe(
    200,
  );
});

Deno.test("with Stripe, the wallet sends learners to Stripe and /pay is not there", async () => {
  const stripe = startStripeStandIn();
  try {
    await using app = await createAuthTestApp({
      env: {
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
        STRIPE_API_BASE: stripe.url,
      },
    });
    const learner = await signUp(app, "learner");
    const started = await postForm(learner, "/dashboard/wallet", {
      action: "pack",
      packId: "usd-50",
    });
    expect(started.status).toBe(303);
    expect(started.headers.get("location")).toMatch(
      /^https:\/\/checkout\.stripe\.test\//,
    );
    const [session] = stripe.sessions.values();
    expect((await page(learner, `/pay/${session.id}`)).status).toBe(404);
    expect(
      (await page(learner, "/pay/cs_sim_01ARZ3NDEKTSV4RRFFQ69G5FAV"))
        .status,
    ).toBe(404);
  } finally {
    await stripe.close();
  }
});

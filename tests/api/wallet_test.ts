/**
 * Credits over the JSON API: packs, top-ups paid on the simulated checkout,
 * refunds, limits, and every kind of bad input refused without moving money.
 */
import { expect } from "expect";
import { signUp } from "@/tests/support/auth.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import { applyPaymentEvent } from "@/services/wallet/mod.ts";
import { payWithTestCard } from "@/services/payments/mod.ts";
import { createCheckedAuthApp } from "./support.ts";

/** Pays a checkout URL the API handed out, as the simulated card form would. */
async function pay(
  kv: Deno.Kv,
  checkoutUrl: string,
  card = "4242424242424242",
) {
  const id = new URL(checkoutUrl).pathname.split("/").pop()!;
  const { event } = await payWithTestCard(kv, id, { card });
  await applyPaymentEvent(kv, event);
}

Deno.test("a learner buys a credit pack and sees the credits, the entries and the top-up", async () => {
  await using app = await createCheckedAuthApp();
  const learner = await signUp(app, "learner");
  const packs = await learner.api("GET", "/api/credit-packs");
  expect(packs.status).toBe(200);
  const pack = packs.body.packs.find((p: { id: string }) => p.id === "usd-200");
  expect(pack).toMatchObject({
    currency: "USD",
    priceMinor: 20_000,
    bonusMinor: 2_000,
  });

  const started = await learner.api("POST", "/api/wallet/top-ups", {
    packId: pack.id,
  });
  expect(started.status).toBe(201);
  expect(started.body.topUp.status).toBe("pending");
  expect(started.body.checkoutUrl).toMatch(/\/pay\/cs_sim_/);
  // The success page alone grants nothing.
  expect((await learner.api("GET", "/api/wallet")).body.balances).toEqual([]);

  await pay(app.kv, started.body.checkoutUrl);
  const topUp = await learner.api(
    "GET",
    `/api/wallet/top-ups/${started.body.topUp.id}`,
  );
  expect(topUp.body.topUp.status).toBe("paid");
  expect((await learner.api("GET", "/api/wallet")).body.balances).toEqual([
    { currency: "USD", availableMinor: 22_000, frozenMinor: 0 },
  ]);
  const entries = await learner.api("GET", "/api/wallet/entries?limit=1");
  expect(entries.body.entries).toHaveLength(1);
  expect(entries.body.nextCursor).not.toBeNull();
  const list = await learner.api("GET", "/api/wallet/top-ups");
  expect(list.body.topUps.map((t: { id: string }) => t.id)).toEqual([
    started.body.topUp.id,
  ]);
  await assertBooksBalance(app.kv);
});

Deno.test("bad top-ups get a clear 400 and start nothing", async () => {
  await using app = await createCheckedAuthApp();
  const learner = await signUp(app, "learner");
  for (
    const body of [
      { amountMinor: -100, currency: "USD" },
      { amountMinor: 12.5, currency: "USD" },
      { amountMinor: 5_000, currency: "BTC" },
      { amountMinor: "5000", currency: "USD" },
      { amountMinor: 100, currency: "USD" },
      { packId: "nope" },
      { packId: "usd-50", amountMinor: 5_000 },
      {},
    ]
  ) {
    const answer = await learner.api("POST", "/api/wallet/top-ups", body);
    expect({ body, status: answer.status }).toEqual({ body, status: 400 });
    expect(answer.body.message.length).toBeGreaterThan(5);
  }
  expect((await learner.api("GET", "/api/wallet/top-ups")).body.topUps).toEqual(
    [],
  );
});

Deno.test("someone else's top-up is not found; a second refund is a conflict", async () => {
  await using app = await createCheckedAuthApp();
  const ada = await signUp(app, "learner");
  const bo = await signUp(app, "learner");
  const started = await ada.api("POST", "/api/wallet/top-ups", {
    packId: "eur-50",
  });
  const id = started.body.topUp.id;
  expect((await bo.api("GET", `/api/wallet/top-ups/${id}`)).status).toBe(404);
  expect((await bo.api("POST", `/api/wallet/top-ups/${id}/refund`)).status)
    .toBe(404);
  // Unpaid: nothing to refund yet.
  expect((await ada.api("POST", `/api/wallet/top-ups/${id}/refund`)).status)
    .toBe(400);

  await pay(app.kv, started.body.checkoutUrl);
  const refund = await ada.api("POST", `/api/wallet/top-ups/${id}/refund`);
  expect(refund.status).toBe(202);
  expect(refund.body.topUp.status).toBe("refunded");
  const again = await ada.api("POST", `/api/wallet/top-ups/${id}/refund`);
  expect(again.status).toBe(409);
  expect((await ada.api("GET", "/api/wallet")).body.balances).toEqual([
    { currency: "EUR", availableMinor: 0, frozenMinor: 0 },
  ]);
  await assertBooksBalance(app.kv);
});

Deno.test("too many top-ups an hour is a 429 with Retry-After", async () => {
  await using app = await createCheckedAuthApp();
  const learner = await signUp(app, "learner");
  for (let i = 0; i < 5; i++) {
    const ok = await learner.api("POST", "/api/wallet/top-ups", {
      packId: "usd-50",
    });
    expect(ok.status).toBe(201);
  }
  const limited = await learner.api("POST", "/api/wallet/top-ups", {
    packId: "usd-50",
  });
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(limited.body.message).toMatch(/at most 5 top-ups an hour/);
});

Deno.test("only learners top up; the Stripe webhook is absent without Stripe", async () => {
  await using app = await createCheckedAuthApp();
  const expert = await signUp(app, "expert");
  expect(
    (await expert.api("POST", "/api/wallet/top-ups", { packId: "usd-50" }))
      .status,
  )
    .toBe(403);
  const webhook = await app.client().api(
    "POST",
    "/api/payments/stripe/webhook",
    {
      id: "evt_1",
    },
  );
  expect(webhook.status).toBe(404);
});

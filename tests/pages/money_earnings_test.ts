/**
 * Experts' earnings and the admin finance pages over HTTP: bank details
 * (a bad IBAN refused beside the field), a withdrawal, its approval or
 * rejection in the admin queue, and every finance page for its role.
 */
import { expect } from "expect";
import {
  type Client,
  createAuthTestApp,
  signInAdmin,
  signUp,
} from "@/tests/support/auth.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import { startStripeStandIn } from "@/tests/support/stripe_server.ts";
import {
  availableEarningsAccount,
  post,
  processorAccount,
} from "@/services/ledger/mod.ts";
import { getSettings } from "@/services/settings/mod.ts";
import { listCreditPacks } from "@/services/wallet/mod.ts";
import { page, postForm } from "./page_helpers.ts";

const IBAN = "DE89 3704 0044 0532 0130 00";

/** Gives the expert available earnings, as released sessions would. */
async function earn(kv: Deno.Kv, expert: Client, amountMinor: number) {
  await post(kv, {
    idempotencyKey: `earn:${crypto.randomUUID()}`,
    currency: "USD",
    kind: "earnings_available",
    lines: [
      { account: processorAccount("simulated"), amountMinor: -amountMinor },
      { account: availableEarningsAccount(expert.user!.id), amountMinor },
    ],
  });
}

function withdraw(expert: Client, amount: string) {
  return postForm(expert, "/expert/earnings", {
    action: "withdraw",
    amount,
    currency: "USD",
  });
}

Deno.test("an expert sets an IBAN and withdraws; an admin rejects, then approves", async () => {
  await using app = await createAuthTestApp();
  const expert = await signUp(app, "expert", { name: "Eve Expert" });
  const admin = await signInAdmin(app, { twoFactor: true });

  const empty = await page(expert, "/expert/earnings");
  expect(empty.status).toBe(200);
  expect(empty.text).toContain("No earnings yet");
  expect(empty.text).toContain("Save bank details");

  const bad = await postForm(expert, "/expert/earnings", {
    action: "bank",
    holderName: "Eve Expert",
    iban: "DE89 3704 0044 0532 0130 01",
  });
  expect(bad.status).toBe(400);
  const badHtml = await bad.text();
  expect(badHtml).toContain('id="iban-error"');
  expect(badHtml).toContain('aria-invalid="true"');
  expect(badHtml).toContain('value="Eve Expert"');

  const saved = await postForm(expert, "/expert/earnings", {
    action: "bank",
    holderName: "Eve Expert",
    iban: IBAN,
  });
  expect(saved.status).toBe(303);
  const withAccount = await page(expert, "/expert/earnings?done=bank");
  expect(withAccount.text).toContain("DE89 •••• 3000");
  expect(withAccount.text).not.toContain("370400440532013000");
  expect(withAccount.text).toContain("Nothing is available to withdraw");

  await earn(app.kv, expert, 12_000);
  const earning = await page(expert, "/expert/earnings");
  expect(earning.text).toContain("$120.00");
  expect(earning.text).toContain("Request withdrawal");

  const tooSmall = await withdraw(expert, "5");
  expect(tooSmall.status).toBe(400);
  const tooSmallHtml = await tooSmall.text();
  expect(tooSmallHtml).toContain('id="amount-error"');
  expect(tooSmallHtml).toContain("The smallest withdrawal is $20.00.");
  const tooBig = await withdraw(expert, "500");
  expect(await tooBig.text()).toContain("You can withdraw at most $120.00");

  expect((await withdraw(expert, "50")).status).toBe(303);
  const second = await withdraw(expert, "20");
  expect(second.status).toBe(409);
  expect(await second.text()).toContain("already have a USD withdrawal");

  // The admin's queue: a rejection needs a note, shown beside the field.
  const queue = await page(admin, "/admin/finance/withdrawals");
  expect(queue.status).toBe(200);
  expect(queue.text).toContain("Eve Expert");
  const id = queue.text.match(/name="withdrawalId" value="([^"]+)"/)![1];
  const noNote = await postForm(admin, "/admin/finance/withdrawals", {
    action: "reject",
    withdrawalId: id,
    note: " ",
  });
  expect(noNote.status).toBe(400);
  expect(await noNote.text()).toContain(`id="reject-note-${id}-error"`);
  const rejected = await postForm(admin, "/admin/finance/withdrawals", {
    action: "reject",
    withdrawalId: id,
    note: "Please withdraw after your next session.",
  });
  expect(rejected.status).toBe(303);
  expect((await page(expert, "/expert/earnings")).text).toContain(
    "Note: Please withdraw after your next session.",
  );

  // Ask again; this time it is approved and paid out.
  expect((await withdraw(expert, "50")).status).toBe(303);
  const next = (await page(admin, "/admin/finance/withdrawals")).text.match(
    /name="withdrawalId" value="([^"]+)"/,
  )![1];
  const approved = await postForm(admin, "/admin/finance/withdrawals", {
    action: "approve",
    withdrawalId: next,
    note: "",
  });
  expect(approved.status).toBe(303);
  expect(approved.headers.get("location")).toBe(
    "/admin/finance/withdrawals?done=paid",
  );
  const again = await postForm(admin, "/admin/finance/withdrawals", {
    action: "approve",
    withdrawalId: next,
    note: "",
  });
  expect(again.status).toBe(409);
  const paidList = await page(admin, "/admin/finance/withdrawals?status=paid");
  expect(paidList.text).toContain("$50.00");
  const after = await page(expert, "/expert/earnings");
  expect(after.text).toContain("Paid out");
  expect(after.text).toContain("$70.00");
  await assertBooksBalance(app.kv);
});

Deno.test("every finance page answers its role, with filters and forms that explain mistakes", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const learner = await signUp(app, "learner");
  const expert = await signUp(app, "expert");

  // Some money to show: a paid top-up.
  const started = await postForm(learner, "/dashboard/wallet", {
    action: "pack",
    packId: "usd-50",
  });
  const checkout = new URL(started.headers.get("location")!).pathname;
  expect(
    (await postForm(learner, checkout, { card: "4242424242424242" }))
      .status,
  ).toBe(303);

  const overview = await page(admin, "/admin/finance");
  expect(overview.status).toBe(200);
  expect(overview.text).toContain("The books balance");
  expect(overview.text).toContain("Money in (top-ups)");
  expect(overview.text).toContain("$50.00");
  expect(overview.text).toContain("/api/admin/finance/transactions.csv?from=");
  const badPeriod = await page(
    admin,
    "/admin/finance?from=2026-05-02&to=2026-05-01",
  );
  expect(badPeriod.status).toBe(400);
  expect(badPeriod.text).toContain('id="to-error"');

  const byEmail = await page(
    admin,
    `/admin/finance/transactions?kind=top_up&user=${
      encodeURIComponent(learner.user!.email)
    }`,
  );
  expect(byEmail.status).toBe(200);
  // Accounts in words (the key stays in the title), with the owner named.
  expect(byEmail.text).toContain(`title="wallet:${learner.user!.id}"`);
  expect(byEmail.text).toContain(
    `Wallet · ${learner.user!.name} (${learner.user!.email})`,
  );
  expect(byEmail.text).toContain("Payment processor · simulated");
  expect(byEmail.text).toContain("transactions.csv?kind=top_up&amp;userId=");
  const badFilter = await page(admin, "/admin/finance/transactions?from=May");
  expect(badFilter.status).toBe(400);
  expect(badFilter.text).toContain('id="from-error"');
  expect(
    (await page(admin, "/admin/finance/transactions?user=x@example.com"))
      .text,
  ).toContain("No account has the email address x@example.com.");

  const topUps = await page(admin, "/admin/finance/top-ups?status=paid");
  expect(topUps.status).toBe(200);
  expect(topUps.text).toContain(learner.user!.email);
  for (const status of ["pending", "failed", "refunded", "disputed"]) {
    expect(
      (await page(admin, `/admin/finance/top-ups?status=${status}`))
        .status,
    ).toBe(200);
  }

  // Settings: out of range beside the field; a good change is saved.
  const settings = await page(admin, "/admin/settings");
  expect(settings.status).toBe(200);
  expect(settings.text).toContain("A number from 0 to 50.");
  const values = {
    action: "settings",
    commissionPercent: "12.5",
    topUpsPerHour: "5",
    dailyTopUpLimitUsd: "2000",
    customTopUpMin: "10",
    customTopUpMax: "1000",
    refundWindowDays: "180",
    minimumWithdrawal: "20",
  };
  const wrong = await postForm(admin, "/admin/settings", {
    ...values,
    commissionPercent: "75",
    customTopUpMin: "2000",
  });
  expect(wrong.status).toBe(400);
  const wrongHtml = await wrong.text();
  expect(wrongHtml).toContain('id="commissionPercent-error"');
  expect(wrongHtml).toContain('value="75"');
  const ordered = await postForm(admin, "/admin/settings", {
    ...values,
    customTopUpMin: "500",
    customTopUpMax: "100",
  });
  expect(ordered.status).toBe(400);
  expect(await ordered.text()).toContain(
    "The smallest custom top-up must be below the largest.",
  );
  const good = await postForm(admin, "/admin/settings", values);
  expect(good.status).toBe(303);
  expect((await getSettings(app.kv)).commissionPercent).toBe(12.5);
  // The public answers quote the settings in force.
  const faq = (await page(app.client(), "/faq")).text;
  expect(faq).toContain("A 12.5% service fee");
  expect(faq).toContain("Within 180 days of a top-up");
  expect(faq).toContain("at least $20.00");

  // Packs: one line each; "Edit" opens that pack's form alone.
  expect(settings.text).not.toContain('id="pack-usd-50-price"');
  expect((await page(admin, "/admin/settings?edit=usd-50")).text)
    .toContain('id="pack-usd-50-price"');
  // Add one, take one off sale, refuse a bonus above the price.
  const added = await postForm(admin, "/admin/settings", {
    action: "pack",
    packId: "new",
    currency: "EUR",
    price: "300",
    bonus: "45",
    order: "3",
    active: "on",
  });
  expect(added.status).toBe(303);
  const offSale = await postForm(admin, "/admin/settings", {
    action: "pack",
    packId: "usd-50",
    currency: "USD",
    price: "50.00",
    bonus: "0.00",
    order: "0",
  });
  expect(offSale.status).toBe(303);
  const packs = await listCreditPacks(app.kv);
  expect(packs.find((p) => p.id === "usd-50")?.active).toBe(false);
  expect(packs.find((p) => p.currency === "EUR" && p.priceMinor === 30_000))
    .toMatchObject({ bonusMinor: 4_500, active: true });
  const greedy = await postForm(admin, "/admin/settings", {
    action: "pack",
    packId: "usd-100",
    currency: "USD",
    price: "100",
    bonus: "150",
    order: "1",
    active: "on",
  });
  expect(greedy.status).toBe(400);
  expect(await greedy.text()).toContain('id="pack-usd-100-bonus-error"');
  // The learner no longer sees the pack taken off sale.
  expect((await page(learner, "/dashboard/wallet")).text).not.toContain(
    'value="usd-50"',
  );

  // Each role reaches only its own money pages.
  for (
    const path of [
      "/admin/finance",
      "/admin/finance/withdrawals",
      "/admin/finance/transactions",
      "/admin/finance/top-ups",
      "/admin/settings",
    ]
  ) {
    expect((await page(admin, path)).status).toBe(200);
    expect((await page(learner, path)).status).toBe(403);
    expect((await page(expert, path)).status).toBe(403);
  }
  expect((await page(expert, "/dashboard/wallet")).status).toBe(403);
  expect((await page(learner, "/expert/earnings")).status).toBe(403);
  await assertBooksBalance(app.kv);
});

Deno.test("with Stripe, experts set up payouts at Stripe instead of a bank form", async () => {
  const stripe = startStripeStandIn();
  try {
    await using app = await createAuthTestApp({
      env: {
        STRIPE_SECRET_KEY: stripe.secretKey,
        STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
        STRIPE_API_BASE: stripe.url,
      },
    });
    const expert = await signUp(app, "expert");
    const earnings = await page(expert, "/expert/earnings");
    expect(earnings.text).toContain("Set up payouts with Stripe");
    expect(earnings.text).not.toContain("Save bank details");
    const bank = await postForm(expert, "/expert/earnings", {
      action: "bank",
      holderName: "Eve",
      iban: IBAN,
    });
    expect(bank.status).toBe(409);
    const onboarding = await postForm(expert, "/expert/earnings", {
      action: "stripe",
    });
    expect(onboarding.status).toBe(303);
    expect(onboarding.headers.get("location")).toMatch(/^https?:\/\//);
    expect((await page(expert, "/expert/earnings")).text).toContain(
      "Continue with Stripe",
    );
  } finally {
    await stripe.close();
  }
});

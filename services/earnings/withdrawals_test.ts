import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { startStripeStandIn } from "@/tests/support/stripe_server.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import {
  createSecretBox,
  generateSecretKey,
} from "@/services/platform/secrets.ts";
import {
  availableEarningsAccount,
  post,
  processorAccount,
} from "@/services/ledger/mod.ts";
import {
  createSimulatedProvider,
  type PaymentProvider,
} from "@/services/payments/mod.ts";
import { createStripeProvider } from "@/services/payments/mod.ts";
import {
  assertBooksBalance,
  createLearner,
  META,
} from "@/tests/support/money.ts";
import {
  applyPayoutAccountEvent,
  approveWithdrawal,
  getEarnings,
  getPayoutAccount,
  listWithdrawalsByStatus,
  rejectWithdrawal,
  requestWithdrawal,
  revealIban,
  setBankAccount,
  startStripeOnboarding,
} from "./mod.ts";

const IBAN = "DE89 3704 0044 0532 0130 00";

/** Gives the expert available earnings, as released sessions would. */
async function earn(kv: Deno.Kv, expertId: string, amountMinor: number) {
  await post(kv, {
    idempotencyKey: `earn:${crypto.randomUUID()}`,
    currency: "USD",
    kind: "earnings_available",
    lines: [
      { account: processorAccount("simulated"), amountMinor: -amountMinor },
      { account: availableEarningsAccount(expertId), amountMinor },
    ],
  });
}

Deno.test("bank details are checked, sealed at rest and shown masked", async () => {
  using kv = await openTestKv();
  const box = await createSecretBox(generateSecretKey());
  await expect(
    setBankAccount(kv, box, "E1", {
      holderName: "Ada",
      iban: "DE89 3704 0044 0532 0130 01",
    }, META),
  ).rejects.toBeInstanceOf(ValidationError);
  const account = await setBankAccount(kv, box, "E1", {
    holderName: "Ada Expert",
    iban: IBAN,
  }, META);
  expect(account).toMatchObject({
    method: "bank",
    ibanMasked: "DE89 •••• 3000",
    payoutsEnabled: true,
  });
  const raw = JSON.stringify((await kv.get(["payout_accounts", "E1"])).value);
  expect(raw).not.toContain("370400440532013000");
  expect(await revealIban(kv, box, "E1")).toBe("DE89370400440532013000");
  expect(await getPayoutAccount(kv, "E1")).toEqual(account);
});

Deno.test("an expert withdraws through admin approval; every step is in the ledger, audited and emailed", async () => {
  using kv = await openTestKv();
  const expert = await createLearner(kv, "eva@example.com");
  const box = await createSecretBox(generateSecretKey());
  const provider = createSimulatedProvider(kv);
  await earn(kv, expert.id, 12_000);
  await expect(
    requestWithdrawal(
      kv,
      expert.id,
      { amountMinor: 5_000, currency: "USD" },
      META,
    ),
  ).rejects.toThrow(/Add the bank account/);
  await setBankAccount(
    kv,
    box,
    expert.id,
    { holderName: "Eva", iban: IBAN },
    META,
  );

  for (
    const [request, message] of [
      [
        { amountMinor: 1_000, currency: "USD" },
        /smallest withdrawal is \$20\.00/,
      ],
      [{ amountMinor: 20_000, currency: "USD" }, /at most \$120\.00/],
      [{ amountMinor: -5, currency: "USD" }, /invalid/],
      [{ amountMinor: 5_000, currency: "XXX" }, /invalid/],
    ] as const
  ) {
    await expect(requestWithdrawal(kv, expert.id, request as never, META))
      .rejects
      .toThrow(message);
  }
  const withdrawal = await requestWithdrawal(kv, expert.id, {
    amountMinor: 5_000,
    currency: "USD",
  }, META);
  await expect(
    requestWithdrawal(
      kv,
      expert.id,
      { amountMinor: 2_000, currency: "USD" },
      META,
    ),
  ).rejects.toBeInstanceOf(ConflictError);
  expect(await getEarnings(kv, expert.id)).toEqual([
    {
      currency: "USD",
      pendingMinor: 0,
      availableMinor: 7_000,
      inFlightMinor: 5_000,
      paidOutMinor: 0,
    },
  ]);
  expect(
    (await listWithdrawalsByStatus(kv, "requested")).items.map((w) => w.id),
  )
    .toEqual([withdrawal.id]);

  // Two admins approve at once: one payout.
  const transfers: string[] = [];
  const counting: PaymentProvider = {
    ...provider,
    transfer: (request) => {
      transfers.push(request.idempotencyKey);
      return provider.transfer(request);
    },
  };
  const results = await Promise.allSettled([
    approveWithdrawal(kv, counting, "admin1", withdrawal.id, undefined, META),
    approveWithdrawal(kv, counting, "admin2", withdrawal.id, undefined, META),
  ]);
  expect(results.filter((r) => r.status === "fulfilled").length)
    .toBeGreaterThanOrEqual(1);
  expect(new Set(transfers).size).toBe(1);
  const [paid] = (await listWithdrawalsByStatus(kv, "paid")).items;
  expect(paid).toMatchObject({
    id: withdrawal.id,
    status: "paid",
    transferId: `tr_sim_${withdrawal.id}`,
  });
  expect(await getEarnings(kv, expert.id)).toEqual([
    {
      currency: "USD",
      pendingMinor: 0,
      availableMinor: 7_000,
      inFlightMinor: 0,
      paidOutMinor: 5_000,
    },
  ]);
  await expect(
    rejectWithdrawal(kv, "admin1", withdrawal.id, "too late", META),
  ).rejects.toBeInstanceOf(ConflictError);

  const subjects = (await listOutbox(kv, { to: expert.email })).map((m) =>
    m.subject
  );
  expect(subjects).toContain("We received your withdrawal request for $50.00");
  expect(subjects).toContain("$50.00 is on its way to your bank");
  const types = (await listSecurityEvents(kv, { userId: expert.id })).events
    .map((e) => e.type);
  expect(types).toEqual(
    expect.arrayContaining(["withdrawal_requested", "withdrawal_approved"]),
  );
  await assertBooksBalance(kv);
});

Deno.test("a rejected withdrawal needs a note and returns the money", async () => {
  using kv = await openTestKv();
  const expert = await createLearner(kv, "eva@example.com");
  const box = await createSecretBox(generateSecretKey());
  await earn(kv, expert.id, 5_000);
  await setBankAccount(
    kv,
    box,
    expert.id,
    { holderName: "Eva", iban: IBAN },
    META,
  );
  const withdrawal = await requestWithdrawal(kv, expert.id, {
    amountMinor: 5_000,
    currency: "USD",
  }, META);
  await expect(rejectWithdrawal(kv, "admin1", withdrawal.id, "  ", META))
    .rejects
    .toBeInstanceOf(ValidationError);
  await expect(rejectWithdrawal(kv, "admin1", "01NOPE", "x", META)).rejects
    .toBeInstanceOf(NotFoundError);
  const rejected = await rejectWithdrawal(
    kv,
    "admin1",
    withdrawal.id,
    "Please verify your identity first.",
    META,
  );
  expect(rejected).toMatchObject({
    status: "rejected",
    note: "Please verify your identity first.",
  });
  expect((await getEarnings(kv, expert.id))[0]).toMatchObject({
    availableMinor: 5_000,
    inFlightMinor: 0,
  });
  // A new request is possible once the first is decided.
  await requestWithdrawal(kv, expert.id, {
    amountMinor: 2_500,
    currency: "USD",
  }, META);
  await assertBooksBalance(kv);
});

Deno.test("with Stripe, payouts wait for Connect onboarding; a refused transfer returns the money", async () => {
  using kv = await openTestKv();
  const stripe = startStripeStandIn();
  try {
    const provider = createStripeProvider({
      secretKey: stripe.secretKey,
      webhookSecret: stripe.webhookSecret,
      automaticTax: false,
      apiBase: stripe.url,
    });
    const expert = await createLearner(kv, "eva@example.com");
    await earn(kv, expert.id, 9_000);
    const { account, onboardingUrl } = await startStripeOnboarding(
      kv,
      provider,
      expert,
      {
        returnUrl: "http://localhost/expert/earnings",
        refreshUrl: "http://localhost/expert/earnings?refresh=1",
      },
      META,
    );
    expect(onboardingUrl).toMatch(/^https:\/\/connect\.stripe\.test\//);
    expect(account.payoutsEnabled).toBe(false);
    await expect(
      requestWithdrawal(
        kv,
        expert.id,
        { amountMinor: 3_000, currency: "USD" },
        META,
      ),
    ).rejects.toThrow(/Finish setting up/);

    // Stripe says onboarding is done.
    const updated = stripe.event("account.updated", {
      id: account.stripeAccountId,
      object: "account",
      payouts_enabled: true,
    });
    const signed = await stripe.sign(updated);
    const event = await provider.parseWebhook(
      signed.payload,
      new Headers({ "stripe-signature": signed.signature }),
    );
    expect(await applyPayoutAccountEvent(kv, event!)).toBe("applied");
    expect((await getPayoutAccount(kv, expert.id))?.payoutsEnabled).toBe(true);

    // The stand-in's account is not yet enabled for transfers: Stripe refuses.
    const first = await requestWithdrawal(kv, expert.id, {
      amountMinor: 3_000,
      currency: "USD",
    }, META);
    const failed = await approveWithdrawal(
      kv,
      provider,
      "admin1",
      first.id,
      undefined,
      META,
    );
    expect(failed.status).toBe("failed");
    expect(failed.failureReason).toMatch(/capabilities/);
    expect((await getEarnings(kv, expert.id))[0].availableMinor).toBe(9_000);

    stripe.accounts.get(account.stripeAccountId!)!.payouts_enabled = true;
    const second = await requestWithdrawal(kv, expert.id, {
      amountMinor: 3_000,
      currency: "USD",
    }, META);
    const paid = await approveWithdrawal(
      kv,
      provider,
      "admin1",
      second.id,
      "ok",
      META,
    );
    expect(paid.status).toBe("paid");
    expect(stripe.transfers).toHaveLength(1);
    expect(stripe.transfers[0]).toMatchObject({
      amount: 3_000,
      destination: account.stripeAccountId,
    });
    await assertBooksBalance(kv);
  } finally {
    await stripe.close();
  }
});

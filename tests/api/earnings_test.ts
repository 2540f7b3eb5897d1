/**
 * Expert earnings, payout accounts and withdrawals over the JSON API, and
 * the admin's side: the queue, decisions, settings, the summary and the
 * ledger check.
 */
import { expect } from "expect";
import { signInAdmin, signUp } from "@/tests/support/auth.ts";
import {
  availableEarningsAccount,
  post,
  processorAccount,
} from "@/services/ledger/mod.ts";
import { createCheckedAuthApp } from "./support.ts";

const IBAN = "GB82 WEST 1234 5698 7654 32";

/** Earnings released to the expert, as completed sessions will be. */
async function earn(kv: Deno.Kv, expertId: string, amountMinor: number) {
  await post(kv, {
    idempotencyKey: `test-earn-${crypto.randomUUID()}`,
    currency: "USD",
    kind: "earnings_available",
    lines: [
      { account: processorAccount("simulated"), amountMinor: -amountMinor },
      { account: availableEarningsAccount(expertId), amountMinor },
    ],
  });
}

Deno.test("an expert withdraws through admin approval, and the books still balance", async () => {
  await using app = await createCheckedAuthApp();
  const expert = await signUp(app, "expert");
  const admin = await signInAdmin(app, { twoFactor: true });
  await earn(app.kv, expert.user!.id, 15_000);

  expect((await expert.api("GET", "/api/expert/payout-account")).body).toEqual({
    payoutAccount: null,
    method: "bank",
  });
  const noAccount = await expert.api("POST", "/api/expert/withdrawals", {
    amountMinor: 5_000,
    currency: "USD",
  });
  expect(noAccount.status).toBe(400);
  const badIban = await expert.api("PUT", "/api/expert/payout-account", {
    holderName: "Eva Expert",
    iban: "GB82 WEST 1234 5698 7654 33",
  });
  expect(badIban.status).toBe(400);
  expect(badIban.body.details.iban[0]).toMatch(/typo/);
  const saved = await expert.api("PUT", "/api/expert/payout-account", {
    holderName: "Eva Expert",
    iban: IBAN,
  });
  expect(saved.status).toBe(200);
  expect(saved.body.payoutAccount).toMatchObject({
    method: "bank",
    ibanMasked: "GB82 •••• 5432",
  });
  expect(JSON.stringify(saved.body)).not.toContain("98765432");

  for (
    const [body, status] of [
      [{ amountMinor: 100, currency: "USD" }, 400],
      [{ amountMinor: 50_000, currency: "USD" }, 400],
      [{ amountMinor: 5_000, currency: "EUR" }, 400],
      [{ amountMinor: "lots", currency: "USD" }, 400],
    ] as const
  ) {
    const answer = await expert.api("POST", "/api/expert/withdrawals", body);
    expect({ body, status: answer.status }).toEqual({ body, status });
  }
  const requested = await expert.api("POST", "/api/expert/withdrawals", {
    amountMinor: 6_000,
    currency: "USD",
  });
  expect(requested.status).toBe(201);
  const id = requested.body.withdrawal.id;
  expect(
    (await expert.api("POST", "/api/expert/withdrawals", {
      amountMinor: 1_000_0,
      currency: "USD",
    })).status,
  ).toBe(409);
  expect((await expert.api("GET", "/api/expert/earnings")).body.earnings)
    .toEqual([
      {
        currency: "USD",
        pendingMinor: 0,
        availableMinor: 9_000,
        inFlightMinor: 6_000,
        paidOutMinor: 0,
      },
    ]);

  const queue = await admin.api(
    "GET",
    "/api/admin/withdrawals?status=requested",
  );
  expect(queue.body.withdrawals.map((w: { id: string }) => w.id)).toEqual([id]);
  // Another expert can neither see nor decide it.
  const other = await signUp(app, "expert");
  expect((await other.api("GET", "/api/expert/withdrawals")).body.withdrawals)
    .toEqual([]);
  expect(
    (await other.api("POST", `/api/admin/withdrawals/${id}/approve`, {}))
      .status,
  )
    .toBe(403);
  expect(
    (await admin.api("POST", `/api/admin/withdrawals/${id}/reject`, {
      note: "",
    })).status,
  ).toBe(400);
  const approved = await admin.api(
    "POST",
    `/api/admin/withdrawals/${id}/approve`,
    {
      note: "Paid on the weekly run.",
    },
  );
  expect(approved.status).toBe(200);
  expect(approved.body.withdrawal).toMatchObject({
    status: "paid",
    note: "Paid on the weekly run.",
  });
  expect(
    (await admin.api("POST", `/api/admin/withdrawals/${id}/approve`, {}))
      .status,
  )
    .toBe(409);
  expect((await expert.api("GET", "/api/expert/earnings")).body.earnings[0])
    .toMatchObject({
      availableMinor: 9_000,
      inFlightMinor: 0,
      paidOutMinor: 6_000,
    });

  const check = await admin.api("GET", "/api/admin/ledger/check");
  expect(check.body).toMatchObject({ ok: true, problems: [] });
  const today = new Date().toISOString().slice(0, 10);
  const summary = await admin.api(
    "GET",
    `/api/admin/finance/summary?from=${today}&to=${today}`,
  );
  expect(summary.body.currencies[0]).toMatchObject({
    currency: "USD",
    payoutsMinor: 6_000,
  });
  const csv = await admin.request(
    `/api/admin/finance/transactions.csv?kind=withdrawal_paid`,
  );
  expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("entry_id,at,kind,currency,account,amount_minor,refs");
  expect(lines).toHaveLength(3);
});

Deno.test("admins change the commission and credit packs; bad values are refused and audited changes listed", async () => {
  await using app = await createCheckedAuthApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const learner = await signUp(app, "learner");
  expect(
    (await learner.api("PUT", "/api/admin/settings", { commissionPercent: 1 }))
      .status,
  )
    .toBe(403);
  const bad = await admin.api("PUT", "/api/admin/settings", {
    commissionPercent: 90,
  });
  expect(bad.status).toBe(400);
  const unknown = await admin.api("PUT", "/api/admin/settings", {
    freeMoney: true,
  });
  expect(unknown.status).toBe(400);
  const changed = await admin.api("PUT", "/api/admin/settings", {
    commissionPercent: 12,
  });
  expect(changed.body.settings.commissionPercent).toBe(12);
  expect(
    (await admin.api("GET", "/api/admin/settings")).body.settings
      .commissionPercent,
  )
    .toBe(12);
  const audit = await admin.api(
    "GET",
    "/api/admin/audit?type=settings_changed",
  );
  expect(audit.body.events[0].details).toEqual({
    commissionPercent: "15 → 12",
  });

  const created = await admin.api("POST", "/api/admin/credit-packs", {
    currency: "USD",
    priceMinor: 50_000,
    bonusMinor: 7_500,
    order: 9,
  });
  expect(created.status).toBe(201);
  const off = await admin.api(
    "PUT",
    `/api/admin/credit-packs/${created.body.pack.id}`,
    {
      currency: "USD",
      priceMinor: 50_000,
      bonusMinor: 7_500,
      active: false,
    },
  );
  expect(off.body.pack.active).toBe(false);
  const offered = await learner.api("GET", "/api/credit-packs");
  expect(
    offered.body.packs.some((p: { id: string }) =>
      p.id === created.body.pack.id
    ),
  )
    .toBe(false);
  expect(
    (await admin.api("POST", "/api/admin/credit-packs", {
      currency: "USD",
      priceMinor: 1_000,
      bonusMinor: 5_000,
    })).status,
  ).toBe(400);
});

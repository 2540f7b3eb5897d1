import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import {
  completeBooking,
  post,
  refundFromEscrow,
  reserveForBooking,
} from "@/services/ledger/mod.ts";
import { createSimulatedProvider } from "@/services/payments/mod.ts";
import { requestRefund } from "@/services/wallet/mod.ts";
import { buyCredits, createLearner } from "@/tests/support/money.ts";
import {
  allTransactions,
  listTransactions,
  summarizeFinances,
  toCsv,
} from "./mod.ts";

Deno.test("the summary of a period adds up money in, bookings, commission and bonus", async () => {
  using kv = await openTestKv();
  using clock = useFakeClock(new Date("2026-12-01T09:00:00Z"));
  const learner = await createLearner(kv);
  await buyCredits(kv, learner, { packId: "usd-100" }); // $100 + $5 bonus
  clock.set(new Date("2026-12-02T09:00:00Z"));
  await post(
    kv,
    reserveForBooking({
      bookingId: "B1",
      currency: "USD",
      learnerId: learner.id,
      amountMinor: 6_000,
    }),
  );
  await post(
    kv,
    completeBooking({
      bookingId: "B1",
      currency: "USD",
      expertId: "E1",
      escrowMinor: 6_000,
      commissionPercent: 15,
    }),
  );
  clock.set(new Date("2026-12-05T09:00:00Z"));
  await buyCredits(kv, learner, { packId: "eur-50" });

  const week = await summarizeFinances(kv, {
    from: "2026-12-01",
    to: "2026-12-02",
  });
  expect(week.currencies).toEqual([{
    currency: "USD",
    moneyInMinor: 10_000,
    bookingsPaidMinor: 6_000,
    commissionMinor: 900,
    refundsMinor: 0,
    cardRefundsMinor: 0,
    sessionRefundsMinor: 0,
    payoutsMinor: 0,
    bonusMinor: 500,
    taxMinor: 0,
    entries: 4,
  }]);
  const all = await summarizeFinances(kv, {
    from: "2026-11-01",
    to: "2026-12-31",
  });
  expect(all.currencies.map((r) => r.currency)).toEqual(["EUR", "USD"]);
  await expect(summarizeFinances(kv, { from: "2026-12-31", to: "2026-12-01" }))
    .rejects
    .toBeInstanceOf(ValidationError);
  await expect(summarizeFinances(kv, { from: "yesterday", to: "2026-12-01" }))
    .rejects
    .toBeInstanceOf(ValidationError);
});

Deno.test("transactions filter by kind, user, currency and date, page by page", async () => {
  using kv = await openTestKv();
  using clock = useFakeClock(new Date("2026-12-01T09:00:00Z"));
  const ada = await createLearner(kv, "ada@example.com");
  const bo = await createLearner(kv, "bo@example.com");
  await buyCredits(kv, ada, { packId: "usd-50" });
  clock.set(new Date("2026-12-03T09:00:00Z"));
  await buyCredits(kv, bo, { packId: "usd-200" });
  await buyCredits(kv, bo, { packId: "gbp-50" });

  expect((await listTransactions(kv, { userId: ada.id })).items).toHaveLength(
    1,
  );
  expect((await listTransactions(kv, { kind: "top_up_bonus" })).items)
    .toHaveLength(1);
  expect((await listTransactions(kv, { currency: "GBP" })).items).toHaveLength(
    1,
  );
  expect((await listTransactions(kv, { from: "2026-12-02" })).items)
    .toHaveLength(3);
  expect((await listTransactions(kv, { to: "2026-12-01" })).items).toHaveLength(
    1,
  );
  const first = await listTransactions(kv, { limit: 2 });
  expect(first.items).toHaveLength(2);
  const second = await listTransactions(kv, {
    limit: 2,
    cursor: first.nextCursor!,
  });
  expect(second.items).toHaveLength(2);
  expect(second.nextCursor).toBeNull();
  expect((await allTransactions(kv, {})).length).toBe(4);
  await expect(listTransactions(kv, { kind: "nope" as never })).rejects
    .toBeInstanceOf(ValidationError);
  await expect(listTransactions(kv, { cursor: "%%%" })).rejects
    .toBeInstanceOf(ValidationError);
});

Deno.test("CSV cells are quoted where needed and formulas stay text", () => {
  const csv = toCsv([
    { name: 'Ada "A" Lovelace', note: "line\nbreak", amount: -500 },
    { name: '=HYPERLINK("x")', note: "+1", amount: 12 },
  ], [
    { header: "name", value: (r) => r.name },
    { header: "note", value: (r) => r.note },
    { header: "amount", value: (r) => r.amount },
  ]);
  expect(csv).toBe(
    'name,note,amount\r\n"Ada ""A"" Lovelace","line\nbreak",-500\r\n"\'=HYPERLINK(""x"")",\'+1,12\r\n',
  );
});

Deno.test("refunds are told apart: top-ups back to cards, sessions back to wallets", async () => {
  using kv = await openTestKv();
  using _clock = useFakeClock(new Date("2026-12-01T09:00:00Z"));
  const learner = await createLearner(kv);
  const topUp = await buyCredits(kv, learner, {
    amountMinor: 50_00,
    currency: "USD",
  });
  const booking = { bookingId: "B2", currency: "USD" as const };
  await post(
    kv,
    reserveForBooking({
      ...booking,
      learnerId: learner.id,
      amountMinor: 20_00,
    }),
  );
  await post(
    kv,
    refundFromEscrow({
      ...booking,
      learnerId: learner.id,
      amountMinor: 20_00,
      step: "cancel",
    }),
  );
  const refunded = await requestRefund(
    kv,
    createSimulatedProvider(kv),
    learner.id,
    topUp.id,
  );
  expect(refunded.status).toBe("refunded");
  const [usd] = (await summarizeFinances(kv, {
    from: "2026-12-01",
    to: "2026-12-01",
  })).currencies;
  expect(usd).toMatchObject({
    cardRefundsMinor: 50_00,
    sessionRefundsMinor: 20_00,
    refundsMinor: 70_00,
  });
});

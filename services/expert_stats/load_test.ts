/** Ledger entries read as movements of the expert's earnings. */
import { expect } from "expect";
import type { Entry } from "@/services/ledger/mod.ts";
import { toEarningMovement } from "./load.ts";

const entry = (fields: Partial<Entry>): Entry => ({
  id: "e1",
  at: "2026-03-02T11:30:00.000Z",
  idempotencyKey: "k",
  currency: "USD",
  kind: "booking_release",
  lines: [],
  refs: { bookingId: "b1" },
  ...fields,
});

Deno.test("a session's pay is net of commission, with its gross and commission", () => {
  expect(toEarningMovement(
    entry({
      lines: [
        { account: "escrow:b1", amountMinor: -6000 },
        { account: "earnings_pending:x1", amountMinor: 5100 },
        { account: "platform_revenue", amountMinor: 900 },
      ],
    }),
    "x1",
  )).toEqual({
    entryId: "e1",
    at: "2026-03-02T11:30:00.000Z",
    currency: "USD",
    amountMinor: 5100,
    grossMinor: 6000,
    commissionMinor: 900,
    bookingId: "b1",
    kind: "session",
  });
});

Deno.test("a dispute's take-back counts against earnings; becoming available does not", () => {
  expect(toEarningMovement(
    entry({
      kind: "booking_refund",
      lines: [
        { account: "wallet:l1", amountMinor: 3000 },
        { account: "earnings_pending:x1", amountMinor: -2550 },
        { account: "platform_revenue", amountMinor: -450 },
      ],
    }),
    "x1",
  )).toMatchObject({
    amountMinor: -2550,
    grossMinor: 0,
    commissionMinor: -450,
    kind: "refund",
  });
  expect(toEarningMovement(
    entry({
      kind: "earnings_available",
      lines: [
        { account: "earnings_pending:x1", amountMinor: -5100 },
        { account: "earnings_available:x1", amountMinor: 5100 },
      ],
    }),
    "x1",
  )).toBeNull();
});

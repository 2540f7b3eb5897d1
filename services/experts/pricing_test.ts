import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { type PricedOffering, startingPriceFromOfferings } from "./pricing.ts";
import { searchExperts } from "./search.ts";
import { createExpert, updateExpert } from "./store.ts";
import { createCategories, input, names } from "./test_fixtures.ts";

const portfolio: PricedOffering = {
  active: true,
  priceMinor: 9500,
  currency: "EUR",
  durationMinutes: 60,
};
const quick: PricedOffering = {
  active: true,
  priceMinor: 2500,
  currency: "USD",
  durationMinutes: 15,
};

Deno.test("a profile is listed from its cheapest session, in that session's currency", () => {
  // Not "$100 / hour" (the $25 scaled up): the $25 session itself.
  expect(startingPriceFromOfferings([portfolio, quick])).toEqual({
    amountMinor: 2500,
    currency: "USD",
    durationMinutes: 15,
  });
  expect(startingPriceFromOfferings([portfolio, { ...quick, active: false }]))
    .toEqual({ amountMinor: 9500, currency: "EUR", durationMinutes: 60 });
  expect(startingPriceFromOfferings([{ ...portfolio, active: false }]))
    .toBeNull();
});

Deno.test("browse filters and sorts on the price the card shows", async () => {
  using kv = await openTestKv();
  await createCategories(kv);
  const mixed = await createExpert(
    kv,
    input({
      name: "Mixed Currencies",
      // The old derived figure: the $25 quarter hour scaled to an hour.
      hourlyRate: { amountMinor: 10000, currency: "USD" },
      startingPrice: startingPriceFromOfferings([portfolio, quick]),
    }),
  );
  await createExpert(
    kv,
    input({
      name: "Plain Fifty",
      hourlyRate: { amountMinor: 5000, currency: "USD" },
      startingPrice: {
        amountMinor: 5000,
        currency: "USD",
        durationMinutes: 60,
      },
    }),
  );

  expect(names(await searchExperts(kv, { maxPrice: 3000 }))).toEqual([
    "Mixed Currencies",
  ]);
  expect(names(await searchExperts(kv, { sort: "price_asc" }))).toEqual([
    "Mixed Currencies",
    "Plain Fifty",
  ]);

  // When the offerings change, so does the listed price, in the catalog too.
  await updateExpert(kv, mixed.id, {
    startingPrice: { amountMinor: 9500, currency: "EUR", durationMinutes: 60 },
  });
  expect(names(await searchExperts(kv, { maxPrice: 3000 }))).toEqual([]);
  expect(names(await searchExperts(kv, { sort: "price_asc" }))).toEqual([
    "Plain Fifty",
    "Mixed Currencies",
  ]);
});

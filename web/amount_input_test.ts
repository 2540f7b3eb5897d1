import { expect } from "expect";
import { parseAmount, readAmount } from "./amount_input.ts";

Deno.test("amounts are read with either decimal mark", () => {
  const cases: [string, number | null][] = [
    ["45", 4500],
    ["45.5", 4550],
    ["45.50", 4550],
    ["45,50", 4550],
    ["40,5", 4050],
    ["45.", 4500],
    [" 12 ", 1200],
    ["1.200", 120000],
    // Three digits after a lone mark group thousands, whichever the mark.
    ["45.505", 4550500],
    ["1.200", 120000],
    // Three digits after a lone mark group thousands, whichever the mark.
    ["45.505", 4550500],
    ["1,200.00", 120000],
    ["1.200,50", 120050],
    ["1,234,567.89", 123456789],
    ["1.234.567", 123456700],
    ["1 200,50", 120050],
    ["1'200.50", 120050],
    ["0,99", 99],
  ];
  for (const [text, minor] of cases) {
    expect({ text, minor: parseAmount(text, "EUR") }).toEqual({ text, minor });
  }
});

Deno.test("what is not one amount is refused, never guessed", () => {
  for (
    const text of [
      "",
      "ten",
      "-10",
      "+5",
      "$45",
      "45.5055",
      "1,2,3",
      "12,34,567",
      "4.5.6,7",
      "1,234.567",
      "1.2345,6",
      ",50",
      "1e3",
      "1234567890",
    ]
  ) {
    expect({ text, minor: parseAmount(text, "USD") }).toEqual({
      text,
      minor: null,
    });
  }
});

Deno.test("a refused amount says what is wrong with it", () => {
  const read = (text: string, allowZero = false) =>
    readAmount(text, "USD", "the price", "45 or 45.50", { allowZero });
  expect(read("45,50")).toEqual({ minor: 4550 });
  expect(read("-10")).toEqual({ problem: "The price can't be negative." });
  expect(read("0")).toEqual({ problem: "The price must be more than zero." });
  expect(read("0", true)).toEqual({ minor: 0 });
  expect(read("ten")).toEqual({
    problem: "Give the price as a number, e.g. 45 or 45.50.",
  });
});

import { expect } from "expect";
import { ibanProblem, maskIban, normalizeIban } from "./iban.ts";

Deno.test("IBANs pass their checksum or are refused with a reason", () => {
  for (
    const valid of [
      "DE89 3704 0044 0532 0130 00",
      "GB82WEST12345698765432",
      "fr14 2004 1010 0505 0001 3m02 606",
      "NL91ABNA0417164300",
    ]
  ) {
    expect(ibanProblem(valid)).toBeNull();
  }
  expect(ibanProblem("DE89 3704 0044 0532 0130 01")).toMatch(/typo/);
  expect(ibanProblem("DE89 3704 0044 0532 0130")).toMatch(/22 characters/);
  expect(ibanProblem("XX89 3704 0044 0532 0130 00")).toMatch(/cannot pay/);
  expect(ibanProblem("hello")).toMatch(/Enter an IBAN/);
});

Deno.test("IBANs are normalised and masked", () => {
  expect(normalizeIban(" de89-3704 0044 ")).toBe("DE8937040044");
  expect(maskIban("DE89 3704 0044 0532 0130 00")).toBe("DE89 •••• 3000");
});

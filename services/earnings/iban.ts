/**
 * International bank account numbers: normalised, checked with their
 * mod-97 checksum (ISO 13616) and country length, and masked for display.
 */

/** IBAN lengths by country, for the countries whose banks we pay most. */
const LENGTHS: Record<string, number> = {
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FR: 27,
  GB: 22,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  AE: 23,
  BR: 29,
  IL: 23,
  SA: 24,
  TR: 26,
  UA: 29,
};

/** Upper case without spaces: the form the checksum is computed on. */
export function normalizeIban(input: string): string {
  return input.replace(/[\s-]/g, "").toUpperCase();
}

/** A reason the IBAN is wrong, in words, or null when it is valid. */
export function ibanProblem(input: string): string | null {
  const iban = normalizeIban(input);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) {
    return "Enter an IBAN: two letters, two digits, then the account details (e.g. DE89 3704 0044 0532 0130 00).";
  }
  const expected = LENGTHS[iban.slice(0, 2)];
  if (expected === undefined) {
    return `We cannot pay to bank accounts in ${iban.slice(0, 2)} yet.`;
  }
  if (iban.length !== expected) {
    return `An IBAN from ${
      iban.slice(0, 2)
    } has ${expected} characters; this one has ${iban.length}.`;
  }
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = /\d/.test(char) ? char : String(char.charCodeAt(0) - 55);
    for (const digit of value) {
      remainder = (remainder * 10 + Number(digit)) % 97;
    }
  }
  return remainder === 1
    ? null
    : "This IBAN has a typo: its check digits do not match. Check it against your bank statement.";
}

/** `DE89 •••• •••• •••• •••• 00` style: country, check digits and the last four. */
export function maskIban(input: string): string {
  const iban = normalizeIban(input);
  return `${iban.slice(0, 4)} •••• ${iban.slice(-4)}`;
}

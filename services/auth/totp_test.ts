import { expect } from "expect";
import { base32Decode, base32Encode } from "@/services/platform/crypto.ts";
import {
  matchTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  otpauthUrl,
  qrSvg,
  totpCode,
} from "./totp.ts";

// RFC 6238 appendix B, SHA-1 key "12345678901234567890"; the 6-digit codes
// are the last six digits of the RFC's 8-digit ones.
const RFC_SECRET = base32Encode(
  new TextEncoder().encode("12345678901234567890"),
);
const RFC_VECTORS: [number, string][] = [
  [59, "287082"],
  [1111111109, "081804"],
  [1111111111, "050471"],
  [1234567890, "005924"],
  [2000000000, "279037"],
  [20000000000, "353130"],
];

Deno.test("TOTP codes match the RFC 6238 test vectors", async () => {
  expect(RFC_SECRET).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  for (const [seconds, code] of RFC_VECTORS) {
    expect(await totpCode(RFC_SECRET, new Date(seconds * 1000))).toBe(code);
  }
});

Deno.test("a code is accepted one step either side of now, not two", async () => {
  const at = new Date(1111111111 * 1000);
  const step = Math.floor(1111111111 / 30);
  for (const offset of [-1, 0, 1]) {
    const code = await totpCode(
      RFC_SECRET,
      new Date(at.getTime() + offset * 30_000),
    );
    expect(await matchTotpStep(RFC_SECRET, code, at)).toBe(step + offset);
  }
  const far = await totpCode(RFC_SECRET, new Date(at.getTime() + 60_000));
  expect(await matchTotpStep(RFC_SECRET, far, at)).toBeNull();
  expect(await matchTotpStep(RFC_SECRET, "12345", at)).toBeNull();
  expect(await matchTotpStep(RFC_SECRET, "abcdef", at)).toBeNull();
});

Deno.test("secrets are 20 random bytes in base32", () => {
  const secret = newTotpSecret();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(base32Decode(secret)).toHaveLength(20);
  expect(newTotpSecret()).not.toBe(secret);
});

Deno.test("the otpauth URL and its QR code", () => {
  const url = otpauthUrl("JBSWY3DPEHPK3PXP", "ada@example.com");
  expect(url).toMatch(
    /^otpauth:\/\/totp\/TapTime%3Aada%40example\.com\?secret=JBSWY3DPEHPK3PXP&issuer=TapTime/,
  );
  const svg = qrSvg(url);
  expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
});

Deno.test("recovery codes: ten distinct xxxx-xxxx-xxxx codes without look-alike characters", () => {
  const codes = newRecoveryCodes();
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);
  for (const code of codes) {
    expect(code).toMatch(
      /^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/,
    );
    expect(
      normalizeRecoveryCode(` ${code.toUpperCase().replaceAll("-", " ")} `),
    )
      .toBe(code);
  }
  expect(normalizeRecoveryCode("abcd-efgh-ijkl")).toBeNull(); // i and l are excluded
  expect(normalizeRecoveryCode("abcd-efgh")).toBeNull();
});

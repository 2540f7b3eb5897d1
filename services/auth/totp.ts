/**
 * Two-factor authentication: TOTP (RFC 6238: HMAC-SHA-1, 6 digits, 30-second
 * steps) and recovery codes.
 *
 * KV keys
 *   ["totp_setup", userId]               → base32 secret awaiting its first
 *                                          code (expireIn 15 minutes)
 *   ["totp_last_step", userId]           → number   last time step accepted;
 *                                          a code is accepted only for a later
 *                                          step (checked atomically), so a
 *                                          code works once
 *   ["recovery_codes", userId, codeHash] → { createdAt }   SHA-256 of each
 *                                          unused code (the codes carry ~59
 *                                          bits of randomness, so a fast hash
 *                                          is enough); deleted when used
 */
import { isSealed, secretBoxFor } from "@/services/platform/secrets.ts";
import { renderSVG } from "uqr";
import { z } from "zod";
import { now } from "@/services/platform/clock.ts";
import {
  base32Decode,
  base32Encode,
  randomString,
  sha256Hex,
} from "@/services/platform/crypto.ts";
import type { UserRecord } from "./users.ts";

export const TOTP_SETUP = "totp_setup";
export const TOTP_LAST_STEP = "totp_last_step";
export const RECOVERY_CODES = "recovery_codes";

const STEP_SECONDS = 30;
const DIGITS = 6;
/** Steps either side of now that still count (clock drift between devices). */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
// Lower-case letters and digits without the look-alikes i, l, o, 0 and 1.
const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A new random 20-byte secret, base32-encoded. */
export function newTotpSecret(): string {
  return base32Encode(crypto.getRandomValues(new Uint8Array(20)));
}

/** The 30-second step number for `time`. */
export function totpStep(time: Date = now()): number {
  return Math.floor(time.getTime() / 1000 / STEP_SECONDS);
}

async function codeForStep(secret: string, step: number): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    base32Decode(secret),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const counter = new DataView(new ArrayBuffer(8));
  counter.setUint32(0, Math.floor(step / 2 ** 32));
  counter.setUint32(4, step >>> 0);
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, counter.buffer),
  );
  // RFC 4226 dynamic truncation.
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) |
    (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** DIGITS).padStart(DIGITS, "0");
}

/** The 6-digit code an authenticator shows for `secret` at `time`. */
export function totpCode(secret: string, time: Date = now()): Promise<string> {
  return codeForStep(secret, totpStep(time));
}

/**
 * The step a code matches (now ± 1 step), or null. Compares every candidate
 * so the time taken does not depend on which one matched.
 */
export async function matchTotpStep(
  secret: string,
  code: string,
  time: Date = now(),
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const current = totpStep(time);
  let matched: number | null = null;
  for (let step = current - WINDOW; step <= current + WINDOW; step++) {
    if (constantTimeEqual(await codeForStep(secret, step), code)) {
      matched = step;
    }
  }
  return matched;
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) {
    difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  }
  return difference === 0;
}

/** The `otpauth://` URL authenticator apps read from the QR code. */
export function otpauthUrl(secret: string, email: string): string {
  const label = `TapTime:${email}`;
  return `otpauth://totp/${encodeURIComponent(label)}?secret=${secret}` +
    `&issuer=TapTime&algorithm=SHA1&digits=6&period=30`;
}

/** The otpauth URL as an SVG QR code (inline-able markup). */
export function qrSvg(url: string): string {
  return renderSVG(url, { border: 2 });
}

/** Ten new recovery codes like `abcd-efgh-jkmn`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const raw = randomString(RECOVERY_ALPHABET, 12);
    return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
  });
}

/**
 * The canonical form of a typed recovery code (case, spaces and dashes
 * forgiven), or null when it cannot be one.
 */
export function normalizeRecoveryCode(input: string): string | null {
  const raw = input.toLowerCase().replace(/[\s-]/g, "");
  if (
    raw.length !== 12 || ![...raw].every((c) => RECOVERY_ALPHABET.includes(c))
  ) {
    return null;
  }
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** The KV key under which a recovery code is stored. */
export async function recoveryCodeKey(
  userId: string,
  code: string,
): Promise<Deno.KvKey> {
  return [RECOVERY_CODES, userId, await sha256Hex(code)];
}

/** A TOTP code or a recovery code, as typed (spaces and dashes allowed). */
export const twoFactorCodeSchema = z.string().trim().min(1, "Enter the code.")
  .max(40).describe(
    "The 6-digit code from the authenticator app, or an unused recovery code.",
  );

/** The code that completes a login or confirms an authenticator. */
export const twoFactorCodeInputSchema = z.object({ code: twoFactorCodeSchema });
export type TwoFactorCodeInput = z.input<typeof twoFactorCodeInputSchema>;

/** A second factor that checked out, still to be spent (`spendProof`). */
export type SecondFactorProof =
  | {
    kind: "totp";
    step: number;
    lastStep: Deno.KvEntryMaybe<number>;
  }
  | { kind: "recovery"; code: Deno.KvEntry<unknown> };

/**
 * Checks a TOTP code (not used before) or an unused recovery code for
 * `user`. The proof is spent by `spendProof` in the caller's atomic, whose
 * checks make each code work exactly once even under concurrent use.
 */
export async function checkSecondFactor(
  kv: Deno.Kv,
  user: UserRecord,
  code: string,
): Promise<SecondFactorProof | null> {
  if (!user.totpSecret) return null;
  const compact = code.replace(/\s/g, "");
  if (/^\d{6}$/.test(compact)) {
    const secret = await openTotpSecret(kv, user.id, user.totpSecret);
    const step = await matchTotpStep(secret, compact);
    if (step === null) return null;
    const lastStep = await kv.get<number>([TOTP_LAST_STEP, user.id]);
    if (lastStep.value !== null && step <= lastStep.value) return null;
    return { kind: "totp", step, lastStep };
  }
  const recovery = normalizeRecoveryCode(code);
  if (!recovery) return null;
  const entry = await kv.get(await recoveryCodeKey(user.id, recovery));
  if (entry.versionstamp === null) return null;
  return { kind: "recovery", code: entry as Deno.KvEntry<unknown> };
}

/** Adds to `op` the use of `proof`, checked so it commits only once. */
export function spendProof(
  op: Deno.AtomicOperation,
  userId: string,
  proof: SecondFactorProof,
): void {
  if (proof.kind === "totp") {
    op.check(proof.lastStep).set([TOTP_LAST_STEP, userId], proof.step);
  } else {
    op.check(proof.code).delete(proof.code.key);
  }
}

/** What a user's TOTP secret is bound to when sealed: that user only. */
const totpPurpose = (userId: string) => `totp:${userId}`;

/** Seals a TOTP secret for storage with the app's secret box. */
export async function sealTotpSecret(
  kv: Deno.Kv,
  userId: string,
  secret: string,
): Promise<string> {
  return await (await secretBoxFor(kv)).seal(secret, totpPurpose(userId));
}

/** The stored secret in the clear; one stored before sealing is as it was. */
export async function openTotpSecret(
  kv: Deno.Kv,
  userId: string,
  stored: string,
): Promise<string> {
  if (!isSealed(stored)) return stored;
  return await (await secretBoxFor(kv)).open(stored, totpPurpose(userId));
}

/**
 * Turning two-factor authentication on and off: enrolling an authenticator
 * app (a secret shown as a QR code, confirmed by its first code), the ten
 * single-use recovery codes issued with it, and switching it off with the
 * password and a code. Using the second factor at sign-in is in login.ts.
 */
import { z } from "zod";
import {
  ConflictError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { InvalidCodeError } from "./errors.ts";
import type { RequestMeta } from "./model.ts";
import { assertCurrentPassword, passwordSchema } from "./passwords.ts";
import { limitWrongCodes } from "./rate_limits.ts";
import { addSessionRotation, readOwnLiveSession } from "./sessions.ts";
import {
  checkSecondFactor,
  matchTotpStep,
  newRecoveryCodes,
  newTotpSecret,
  otpauthUrl,
  qrSvg,
  RECOVERY_CODES,
  recoveryCodeKey,
  sealTotpSecret,
  spendProof,
  TOTP_LAST_STEP,
  TOTP_SETUP,
  type TwoFactorCodeInput,
  twoFactorCodeInputSchema,
  twoFactorCodeSchema,
} from "./totp.ts";
import { ACCOUNT_RETRY, requireUserEntry, USERS } from "./users.ts";

/** How long a started setup waits for its first code. */
const TOTP_SETUP_MS = 15 * 60 * 1000;

/** The first code from the authenticator, proving it has the secret. */
export const enableTwoFactorInputSchema = twoFactorCodeInputSchema;
export type EnableTwoFactorInput = TwoFactorCodeInput;

/** The password and a current code (or an unused recovery code). */
export const disableTwoFactorInputSchema = z.object({
  password: passwordSchema,
  code: twoFactorCodeSchema,
});
export type DisableTwoFactorInput = z.input<typeof disableTwoFactorInputSchema>;

/**
 * Starts enrolling an authenticator: a new secret (kept 15 minutes until
 * `enableTwoFactor` confirms it), its otpauth URL and that URL as an SVG QR
 * code. ConflictError when two-factor auth is already on.
 */
export async function startTwoFactorSetup(
  kv: Deno.Kv,
  userId: string,
): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
  const user = (await requireUserEntry(kv, userId)).value;
  if (user.totpSecret) {
    throw new ConflictError("Two-factor authentication is already on.");
  }
  const secret = newTotpSecret();
  await kv.set([TOTP_SETUP, userId], secret, { expireIn: TOTP_SETUP_MS });
  const url = otpauthUrl(secret, user.email);
  return { secret, otpauthUrl: url, qrSvg: qrSvg(url) };
}

/**
 * Turns two-factor auth on once `code` proves the authenticator has the
 * secret from `startTwoFactorSetup`, and returns 10 single-use recovery codes
 * (shown once, stored hashed). With `currentSessionToken`, that session is
 * rotated (a privilege change) and the new token returned.
 */
export async function enableTwoFactor(
  kv: Deno.Kv,
  userId: string,
  input: EnableTwoFactorInput,
  meta: RequestMeta,
  currentSessionToken?: string | null,
): Promise<{ recoveryCodes: string[]; sessionToken?: string }> {
  const { code } = parseInput(
    enableTwoFactorInputSchema,
    input,
    "Enter the code.",
  );
  const recoveryCodes = newRecoveryCodes();
  const codeKeys = await Promise.all(
    recoveryCodes.map((recovery) => recoveryCodeKey(userId, recovery)),
  );
  const sessionToken = await limitWrongCodes(
    kv,
    userId,
    () =>
      untilCommitted(async () => {
        const entry = await requireUserEntry(kv, userId);
        if (entry.value.totpSecret) {
          throw new ConflictError("Two-factor authentication is already on.");
        }
        const setup = await kv.get<string>([TOTP_SETUP, userId]);
        if (!setup.value) {
          throw new ValidationError("The setup expired; start again.", {
            code: ["The setup expired; start again."],
          });
        }
        const step = await matchTotpStep(setup.value, code.replace(/\s/g, ""));
        if (step === null) throw new InvalidCodeError(400);
        const op = kv.atomic().check(entry).check(setup)
          .set([USERS, userId], {
            ...entry.value,
            // Read back at every sign-in, so sealed, not hashed.
            totpSecret: await sealTotpSecret(kv, userId, setup.value),
            updatedAt: now().toISOString(),
          })
          .delete([TOTP_SETUP, userId])
          .set([TOTP_LAST_STEP, userId], step);
        for await (const old of kv.list({ prefix: [RECOVERY_CODES, userId] })) {
          op.delete(old.key);
        }
        const createdAt = now().toISOString();
        for (const key of codeKeys) op.set(key, { createdAt });
        const current = await readOwnLiveSession(
          kv,
          userId,
          currentSessionToken,
        );
        let rotated: string | undefined;
        if (current) {
          op.check(current);
          rotated = await addSessionRotation(op, current.value, meta);
        }
        addSecurityEvent(op, {
          type: "two_factor_enabled",
          actorId: userId,
          userId,
        }, meta);
        return (await op.commit()).ok ? { token: rotated } : RETRY;
      }, ACCOUNT_RETRY),
  );
  return sessionToken.token
    ? { recoveryCodes, sessionToken: sessionToken.token }
    : { recoveryCodes };
}

/**
 * Turns two-factor auth off after checking the password and a current TOTP
 * (or recovery) code; the secret and the recovery codes are deleted.
 */
export async function disableTwoFactor(
  kv: Deno.Kv,
  userId: string,
  input: DisableTwoFactorInput,
  meta: RequestMeta,
): Promise<void> {
  const { password, code } = parseInput(
    disableTwoFactorInputSchema,
    input,
    "Check the highlighted fields.",
  );
  const user = (await requireUserEntry(kv, userId)).value;
  if (!user.totpSecret) {
    throw new ConflictError("Two-factor authentication is already off.");
  }
  await assertCurrentPassword(kv, user, password, "password");
  await limitWrongCodes(kv, userId, () =>
    untilCommitted(async () => {
      const entry = await requireUserEntry(kv, userId);
      const proof = await checkSecondFactor(kv, entry.value, code);
      if (!proof) throw new InvalidCodeError(400);
      const op = kv.atomic().check(entry).set([USERS, userId], {
        ...entry.value,
        totpSecret: null,
        updatedAt: now().toISOString(),
      });
      spendProof(op, userId, proof);
      if (proof.kind === "recovery") op.delete([TOTP_LAST_STEP, userId]);
      for await (const old of kv.list({ prefix: [RECOVERY_CODES, userId] })) {
        const spent = proof.kind === "recovery" &&
          String(old.key[2]) === String(proof.code.key[2]);
        if (!spent) op.delete(old.key);
      }
      addSecurityEvent(op, {
        type: "two_factor_disabled",
        actorId: userId,
        userId,
      }, meta);
      return (await op.commit()).ok ? true : RETRY;
    }, ACCOUNT_RETRY));
}

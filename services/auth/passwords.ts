/**
 * Password policy and hashing.
 *
 * Hashes are argon2id with OWASP's parameters (19 MiB memory, 2 iterations,
 * parallelism 1), a 16-byte random salt and a 32-byte output, stored as the
 * PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`). The parameters
 * travel inside each hash, so raising them later leaves old hashes verifiable.
 *
 * The common-password list (common_passwords.txt) is the 49k-entry list of
 * the npm package @zxcvbn-ts/language-common 4.1.3 (MIT, see
 * common_passwords.LICENSE.txt), lower-cased; comparison is case-insensitive.
 */
import { argon2id, argon2Verify } from "hash-wasm";
import { WeakPasswordError, type WeakPasswordReason } from "./errors.ts";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

const ARGON2_PARAMS = {
  iterations: 2,
  memorySize: 19456,
  parallelism: 1,
  hashLength: 32,
} as const;

let commonPasswords: Promise<Set<string>> | undefined;

function loadCommonPasswords(): Promise<Set<string>> {
  commonPasswords ??= Deno.readTextFile(
    new URL("./common_passwords.txt", import.meta.url),
  ).then((text) => new Set(text.split("\n").filter(Boolean)));
  return commonPasswords;
}

/** What is wrong with `password` under the policy, or null when it passes. */
export async function passwordProblem(
  password: string,
): Promise<WeakPasswordReason | null> {
  // Count code points, not UTF-16 units, so emoji count as one character.
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return "too_short";
  if (length > MAX_PASSWORD_LENGTH) return "too_long";
  const common = await loadCommonPasswords();
  if (common.has(password.toLowerCase())) return "common";
  return null;
}

/** Throws WeakPasswordError (for `field`) when `password` breaks the policy. */
export async function assertPasswordPolicy(
  password: string,
  field = "password",
): Promise<void> {
  const problem = await passwordProblem(password);
  if (problem) throw new WeakPasswordError(problem, field);
}

/**
 * Hashing and verification, reached through this object so a test can
 * observe the calls (e.g. that an unknown email still costs one verify).
 */
export const passwordHasher = {
  /** An argon2id PHC string for `password` with a fresh random salt. */
  hash(password: string): Promise<string> {
    return argon2id({
      password,
      salt: crypto.getRandomValues(new Uint8Array(16)),
      ...ARGON2_PARAMS,
      outputType: "encoded",
    });
  },

  /** True when `password` matches the PHC string `hash`; false on garbage. */
  async verify(password: string, hash: string): Promise<boolean> {
    try {
      return await argon2Verify({ password, hash });
    } catch {
      return false;
    }
  },
};

/**
 * An argon2id hash (same parameters) of a random password nobody knows:
 * logins for unknown emails verify against it, so they cost the same time as
 * logins for real accounts and always fail.
 */
export const DUMMY_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$MJZ8APW9uP3LVVYSzTeg7Q$zm05Nyb/jLJF4AZFLwZFIE/olqxzoM61zZ2XliiiO/E";

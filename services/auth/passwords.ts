/**
 * Password policy and hashing, and the password fields of the account
 * forms (a new password, the current one re-entered).
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
import { z } from "zod";
import { ValidationError } from "@/services/platform/errors.ts";
import { WeakPasswordError, type WeakPasswordReason } from "./errors.ts";
import { enforceRateLimit, RATE_LIMITS } from "./rate_limits.ts";
import type { UserRecord } from "./users.ts";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

/**
 * Far above the policy's 256 characters, so a long password gets the
 * policy's message; a bigger body is not worth hashing at all.
 */
const PASSWORD_FIELD_MAX = 1024;

/**
 * A password being chosen (sign-up, reset, change). The form accepts any
 * string; the policy (`passwordProblem`) is applied by `parseWithPassword`,
 * so its messages sit beside the other fields' messages.
 */
export const newPasswordSchema = z.string().max(
  PASSWORD_FIELD_MAX,
  `Use at most ${MAX_PASSWORD_LENGTH} characters.`,
).describe(
  `At least ${MIN_PASSWORD_LENGTH} characters, not among the most common passwords.`,
);

/** The account's password, typed to sign in or to confirm a change. */
export const passwordSchema = z.string().min(1, "Enter your password.").max(
  PASSWORD_FIELD_MAX,
);

/** The current password, re-entered to change the password or email. */
export const currentPasswordSchema = z.string().min(
  1,
  "Enter your current password.",
).max(PASSWORD_FIELD_MAX);

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
 * Parses `input` with `schema` and applies the password policy to its
 * `field`: bad fields give a ValidationError (the password problem included),
 * a policy failure alone gives a WeakPasswordError.
 */
export async function parseWithPassword<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  field: string,
): Promise<z.output<Schema>> {
  const result = schema.safeParse(input);
  const password = (input as Record<string, unknown> | null)?.[field];
  const problem = typeof password === "string"
    ? await passwordProblem(password)
    : null;
  if (!result.success) {
    const error = ValidationError.fromZod(
      result.error,
      "Check the highlighted fields.",
    );
    if (problem && !error.fieldErrors[field]) {
      error.fieldErrors[field] = new WeakPasswordError(problem, field)
        .fieldErrors[field];
    }
    throw error;
  }
  if (problem) throw new WeakPasswordError(problem, field);
  return result.data;
}

/**
 * Throws a ValidationError on `field` unless `password` is the user's. A
 * re-entered password is a guess like a login, so it takes from the same
 * per-account limit (RateLimitedError).
 */
export async function assertCurrentPassword(
  kv: Deno.Kv,
  user: UserRecord,
  password: string,
  field: string,
): Promise<void> {
  await enforceRateLimit(kv, RATE_LIMITS.loginPerEmail, user.email);
  if (!(await passwordHasher.verify(password, user.passwordHash))) {
    throw new ValidationError("Your current password is incorrect.", {
      [field]: ["Your current password is incorrect."],
    });
  }
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

import { expect } from "expect";
import { WeakPasswordError } from "./errors.ts";
import {
  assertPasswordPolicy,
  DUMMY_PASSWORD_HASH,
  passwordHasher,
  passwordProblem,
} from "./passwords.ts";

Deno.test("the password policy: 10 to 256 characters, not a common password", async () => {
  expect(await passwordProblem("short1!")).toBe("too_short");
  expect(await passwordProblem("x".repeat(257))).toBe("too_long");
  // In the shipped list, compared case-insensitively.
  expect(await passwordProblem("qwertyuiop")).toBe("common");
  expect(await passwordProblem("QwertyUIOP")).toBe("common");
  expect(await passwordProblem("1234567890")).toBe("common");
  expect(await passwordProblem("correct horse battery staple")).toBeNull();
  // Code points, not UTF-16 units: ten emoji are ten characters.
  expect(await passwordProblem("🔑".repeat(10))).toBeNull();
  expect(await passwordProblem("🔑".repeat(9))).toBe("too_short");
  const error = await assertPasswordPolicy("password123", "newPassword").catch((
    e,
  ) => e);
  expect(error).toBeInstanceOf(WeakPasswordError);
  expect(error.reason).toBe("common");
  expect(error.status).toBe(400);
  expect(error.fieldErrors.newPassword).toHaveLength(1);
});

Deno.test("hashes are argon2id PHC strings with OWASP's parameters and a random salt", async () => {
  const hash = await passwordHasher.hash("a long enough passphrase");
  expect(hash).toMatch(
    /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
  );
  expect(await passwordHasher.hash("a long enough passphrase")).not.toBe(hash);
  expect(await passwordHasher.verify("a long enough passphrase", hash)).toBe(
    true,
  );
  expect(await passwordHasher.verify("a long enough passphrasE", hash)).toBe(
    false,
  );
  expect(await passwordHasher.verify("anything", "not a hash")).toBe(false);
});

Deno.test("hashes made with other parameters still verify (parameters travel in the hash)", async () => {
  const { argon2id } = await import("hash-wasm");
  const older = await argon2id({
    password: "an older passphrase",
    salt: new Uint8Array(16),
    iterations: 1,
    memorySize: 8192,
    parallelism: 1,
    hashLength: 32,
    outputType: "encoded",
  });
  expect(await passwordHasher.verify("an older passphrase", older)).toBe(true);
});

Deno.test("the dummy hash has the same parameters as real ones", () => {
  expect(DUMMY_PASSWORD_HASH).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
});

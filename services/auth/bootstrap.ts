/**
 * Accounts made by the system rather than by a person signing up: the admin
 * named by ADMIN_EMAIL at start-up, and the demo accounts. Never reachable
 * from a request. An existing account is never changed.
 */
import type { Role } from "@/services/platform/model.ts";
import { parseWithPassword } from "./passwords.ts";
import { createUser, newUserRecord, signupInputSchema } from "./signup.ts";
import { findUserRecordByEmail } from "./users.ts";

/** Who the audit log names for these writes. */
const SYSTEM_META = { ip: "system", userAgent: "TapTime" };

/** What a person would fill in to sign up, but the role: the caller names it. */
const accountFieldsSchema = signupInputSchema.omit({
  role: true,
  acceptTerms: true,
});

/**
 * Creates the bootstrap admin (email verified, two-factor auth still to be
 * set up) unless an account with that email exists. An existing account is
 * never changed: `reason` says why nothing was created when the email belongs
 * to someone who is not an admin. WeakPasswordError for a policy failure.
 */
export async function ensureAdmin(
  kv: Deno.Kv,
  input: { email: string; password: string; name?: string },
): Promise<{ created: boolean; reason?: string }> {
  return await ensureAccount(kv, {
    ...input,
    name: input.name ?? "Administrator",
    role: "admin",
    source: "ADMIN_EMAIL",
  });
}

/**
 * Creates a verified account of any role with a known password unless the
 * email is taken (then nothing changes; `reason` says so when the existing
 * account has another role). For the bootstrap admin and the demo accounts;
 * never reachable from a request. `id` lets a demo expert's account share the
 * id of its seeded public profile.
 */
export async function ensureAccount(
  kv: Deno.Kv,
  input: {
    email: string;
    password: string;
    name: string;
    role: Role;
    id?: string;
    timeZone?: string;
    /** Written to the audit log's signup event. */
    source: string;
  },
): Promise<{ created: boolean; userId?: string; reason?: string }> {
  const fields = await parseWithPassword(
    accountFieldsSchema,
    input,
    "password",
  );
  const existing = await findUserRecordByEmail(kv, fields.email);
  if (existing) {
    return existing.role === input.role ? { created: false } : {
      created: false,
      reason:
        `${fields.email} belongs to a ${existing.role} account; it was not made ${
          input.role === "admin" ? "an admin" : `a ${input.role}`
        }.`,
    };
  }
  const user = await newUserRecord(fields, {
    id: input.id,
    role: input.role,
    emailVerified: true,
  });
  const created = await createUser(kv, user, SYSTEM_META, {
    withSession: false,
    details: { role: input.role, source: input.source },
  });
  return created === null
    ? {
      created: false,
      reason: "The email or id was taken at the same moment.",
    }
    : { created: true, userId: user.id };
}

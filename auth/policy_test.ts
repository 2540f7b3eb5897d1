import { expect } from "expect";
import type { PublicUser, Role } from "@/services/auth/mod.ts";
import {
  adminWithTwoFactor,
  decideAccess,
  describeAccess,
  owned,
  PAGE_RULES,
  publicAccess,
  role,
  signedIn,
} from "./policy.ts";

function user(
  userRole: Role,
  twoFactorEnabled = false,
): PublicUser {
  return {
    id: "u1",
    email: "u@example.com",
    name: "U",
    role: userRole,
    timeZone: "UTC",
    emailVerified: true,
    twoFactorEnabled,
    status: "active",
    createdAt: "2030-01-01T00:00:00.000Z",
  };
}

Deno.test("decideAccess applies each kind of rule", () => {
  const admin2fa = role("admin", { twoFactor: true });
  expect(decideAccess(PAGE_RULES["/"], null)).toBe("allowed");
  expect(decideAccess(PAGE_RULES["/login"], null)).toBe("allowed");
  expect(decideAccess(PAGE_RULES["/login"], user("learner"))).toBe(
    "signed_in",
  );
  expect(decideAccess(signedIn, null)).toBe("unauthenticated");
  expect(decideAccess(signedIn, user("expert"))).toBe("allowed");
  expect(decideAccess(role("expert"), user("learner"))).toBe("forbidden");
  expect(decideAccess(admin2fa, user("expert", true))).toBe("forbidden");
  expect(decideAccess(admin2fa, user("admin"))).toBe("two_factor_required");
  expect(decideAccess(admin2fa, user("admin", true))).toBe("allowed");
  expect(decideAccess(admin2fa, null)).toBe("unauthenticated");
});

Deno.test("describeAccess words each kind of rule for the API reference", () => {
  expect(describeAccess(publicAccess)).toBe("Anyone.");
  expect(describeAccess(signedIn)).toBe("Any signed-in user.");
  expect(describeAccess(adminWithTwoFactor)).toBe(
    "Users with the admin role and two-factor authentication on.",
  );
  expect(describeAccess(owned(role("expert"), "the offering is theirs")))
    .toBe("Users with the expert role. Only where the offering is theirs.");
});

// The walk checks that enforcement matches the table; these check that the
// table itself keeps the areas' promises, so a loosened rule cannot slip by.
// (The API's operations are held to the same promises in
// tests/authorization_test.ts, where their rules are read from the routes.)
Deno.test("admin pages need an admin with 2FA; account pages need a session", () => {
  for (const [path, rule] of Object.entries(PAGE_RULES)) {
    if (/^\/admin(\/|$)/.test(path)) {
      expect({ path, rule }).toEqual({
        path,
        rule: role("admin", { twoFactor: true }),
      });
    }
    if (/^\/account(\/|$)/.test(path)) {
      expect({
        path,
        needsSession: rule.kind === "signedIn" || rule.kind === "role",
      })
        .toEqual({ path, needsSession: true });
    }
  }
  expect(PAGE_RULES["/dashboard"]).toEqual(role("learner"));
  expect(PAGE_RULES["/expert"]).toEqual(role("expert"));
});

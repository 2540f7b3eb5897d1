import { expect } from "expect";
import type { PublicUser, Role } from "@/services/auth/mod.ts";
import {
  API_RULES,
  decideAccess,
  findApiRule,
  PAGE_RULES,
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

Deno.test("findApiRule matches parameters, answers HEAD as GET, and lists methods for 405", () => {
  expect(findApiRule("DELETE", "/api/auth/sessions/01ABC")).toMatchObject({
    key: "DELETE /api/auth/sessions/:id",
  });
  expect(findApiRule("HEAD", "/api/health")).toMatchObject({
    key: "GET /api/health",
  });
  expect(findApiRule("PUT", "/api/me")).toEqual({
    allowedMethods: ["GET", "HEAD", "PATCH"],
  });
  expect(findApiRule("GET", "/api/auth/sessions/a/b")).toBeNull();
  expect(findApiRule("GET", "/api/nope")).toBeNull();
});

// The walk checks that enforcement matches the table; these check that the
// table itself keeps the areas' promises, so a loosened rule cannot slip by.
Deno.test("admin areas need an admin with 2FA; account areas need a session", () => {
  const rules = [
    ...Object.entries(PAGE_RULES),
    ...Object.entries(API_RULES).map(([key, rule]) =>
      [key.split(" ")[1], rule] as const
    ),
  ];
  for (const [path, rule] of rules) {
    if (/^\/(api\/)?admin(\/|$)/.test(path)) {
      expect({ path, rule }).toEqual({
        path,
        rule: role("admin", { twoFactor: true }),
      });
    }
    if (/^\/(account|api\/me)(\/|$)/.test(path)) {
      expect({
        path,
        needsSession: rule.kind === "signedIn" || rule.kind === "role",
      })
        .toEqual({ path, needsSession: true });
    }
  }
  expect(PAGE_RULES["/dashboard"]).toEqual(role("learner"));
  expect(PAGE_RULES["/expert"]).toEqual(role("expert"));
  for (const key of Object.keys(API_RULES)) {
    if (
      /^(POST|PATCH|DELETE) \/api\/auth\/(2fa|password\/change|email\/change|email\/resend|sessions)/
        .test(key)
    ) {
      expect({ key, kind: API_RULES[key].kind }).toEqual({
        key,
        kind: "signedIn",
      });
    }
  }
});

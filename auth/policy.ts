/**
 * Who may use what: the ONE table of access rules for every page route and
 * every API operation. routes/_middleware.ts enforces it for pages, and
 * api/access.ts for the API; tests/authorization_test.ts walks every entry
 * with every kind of user, and fails on a route that has no entry here.
 *
 * Rules:
 * - `publicAccess`: anyone.
 * - `anonymousOnly`: pages for signed-out visitors (login, signup); signed-in
 *   users are sent to their home.
 * - `signedIn`: any signed-in user.
 * - `role("expert")`, `role("admin", { twoFactor: true })`: one role; the
 *   admin variant also needs two-factor authentication turned on.
 *
 * Per-object routes (an id in the path) add `owner`: a sentence naming what
 * the handler checks, because a rule can say who may call the route but only
 * the handler knows whose object the id names. The walk test calls each of
 * them as an unrelated user of the same role.
 */
import type { PublicUser, Role } from "@/services/auth/mod.ts";

export type AccessRule =
  & (
    | { kind: "public" }
    | { kind: "anonymousOnly" }
    | { kind: "signedIn" }
    | { kind: "role"; role: Role; twoFactor: boolean }
  )
  & { owner?: string };

export const publicAccess: AccessRule = { kind: "public" };
export const anonymousOnly: AccessRule = { kind: "anonymousOnly" };
export const signedIn: AccessRule = { kind: "signedIn" };

/** Only users with `role` (and, with `twoFactor`, 2FA turned on). */
export function role(
  required: Role,
  options: { twoFactor?: boolean } = {},
): AccessRule {
  return {
    kind: "role",
    role: required,
    twoFactor: options.twoFactor ?? false,
  };
}

/** The same rule, for a route whose handler also checks that the object is the caller's. */
export function owned(rule: AccessRule, owner: string): AccessRule {
  return { ...rule, owner };
}

const admin = role("admin", { twoFactor: true });

/** Page routes, by the pattern the page layer reports in `ctx.route`. */
export const PAGE_RULES: Record<string, AccessRule> = {
  "/": publicAccess,
  "/about": publicAccess,
  "/blog": publicAccess,
  "/blog/:slug": publicAccess,
  "/categories/:id": publicAccess,
  "/contact": publicAccess,
  "/experts": publicAccess,
  "/experts/:id": publicAccess,
  "/faq": publicAccess,
  "/feedback": publicAccess,
  "/how-it-works": publicAccess,
  "/join": publicAccess,
  "/robots.txt": publicAccess,
  "/sitemap.xml": publicAccess,
  // The API checks its own operations (API_RULES below).
  "/api/:path+": publicAccess,

  "/signup": anonymousOnly,
  "/login": anonymousOnly,
  "/login/2fa": anonymousOnly,
  "/forgot-password": anonymousOnly,
  "/reset-password": anonymousOnly,
  // Signing out when already signed out is harmless, and must not redirect to login.
  "/logout": publicAccess,
  // The link may be opened in another browser than the one that signed up.
  "/verify-email": publicAccess,
  // Development only: the pages answer 404 in production.
  "/dev/mail": publicAccess,
  "/dev/mail/:id": publicAccess,

  "/account": signedIn,
  "/account/security": signedIn,
  "/dashboard": role("learner"),
  "/expert": role("expert"),
  "/admin": admin,
  "/admin/users": admin,
  "/admin/audit": admin,

  // Issue 4: expert applications, profiles, offerings, categories, onboarding.
  "/experts/:id/photo/:photoId": owned(
    publicAccess,
    "a published expert's current photo; an application's photo only to its owner and admins",
  ),
  "/expert/application": role("expert"),
  "/expert/application/profile": role("expert"),
  "/expert/application/expertise": role("expert"),
  "/expert/application/offerings": role("expert"),
  "/expert/application/credentials": role("expert"),
  "/expert/application/review": role("expert"),
  "/expert/application/documents/:docId": owned(
    role("expert"),
    "the document belongs to the caller's application",
  ),
  "/expert/profile": role("expert"),
  "/expert/offerings": role("expert"),
  "/admin/applications": admin,
  "/admin/applications/:userId": admin,
  "/admin/applications/:userId/documents/:docId": admin,
  "/admin/categories": admin,
  "/dashboard/onboarding": role("learner"),
};

/** API operations, as `METHOD /api/path/:param` (HEAD is answered as GET). */
export const API_RULES: Record<string, AccessRule> = {
  "GET /api/health": publicAccess,
  "GET /api/categories": publicAccess,
  "GET /api/experts": publicAccess,
  "GET /api/experts/:id": publicAccess,
  "POST /api/contact": publicAccess,
  "POST /api/feedback": publicAccess,
  "GET /api/openapi.json": publicAccess,
  "GET /api/docs": publicAccess,

  "POST /api/auth/signup": publicAccess,
  "POST /api/auth/login": publicAccess,
  "POST /api/auth/login/2fa": publicAccess,
  "POST /api/auth/logout": publicAccess,
  "POST /api/auth/password/forgot": publicAccess,
  "POST /api/auth/password/reset": publicAccess,
  "POST /api/auth/email/verify": publicAccess,

  "GET /api/me": signedIn,
  "PATCH /api/me": signedIn,
  "GET /api/me/security-events": signedIn,
  "POST /api/auth/email/resend": signedIn,
  "POST /api/auth/email/change": signedIn,
  "POST /api/auth/password/change": signedIn,
  "POST /api/auth/2fa/setup": signedIn,
  "POST /api/auth/2fa/enable": signedIn,
  "POST /api/auth/2fa/disable": signedIn,
  "GET /api/auth/sessions": signedIn,
  "DELETE /api/auth/sessions/:id": owned(
    signedIn,
    "the session belongs to the caller",
  ),

  "GET /api/admin/users": admin,
  "POST /api/admin/users/:id/suspend": admin,
  "POST /api/admin/users/:id/reactivate": admin,
  "POST /api/admin/users/:id/role": admin,
  "GET /api/admin/audit": admin,

  // Issue 4: an expert's own application, documents, offerings and profile.
  // Every id in these paths is looked up under the caller's own records.
  "GET /api/expert/application": role("expert"),
  "PUT /api/expert/application": role("expert"),
  "POST /api/expert/application/documents": role("expert"),
  "GET /api/expert/application/documents/:id": owned(
    role("expert"),
    "the document is in the caller's application",
  ),
  "DELETE /api/expert/application/documents/:id": owned(
    role("expert"),
    "the document is in the caller's application",
  ),
  "POST /api/expert/application/submit": role("expert"),
  "GET /api/expert/offerings": role("expert"),
  "POST /api/expert/offerings": role("expert"),
  "PATCH /api/expert/offerings/:id": owned(
    role("expert"),
    "the offering is the caller's",
  ),
  "DELETE /api/expert/offerings/:id": owned(
    role("expert"),
    "the offering is the caller's",
  ),
  "GET /api/expert/profile": role("expert"),
  "PATCH /api/expert/profile": role("expert"),

  // Issue 4: the review queue, expert visibility and categories.
  "GET /api/admin/applications": admin,
  "GET /api/admin/applications/:userId": admin,
  "GET /api/admin/applications/:userId/documents/:docId": admin,
  "POST /api/admin/applications/:userId/approve": admin,
  "POST /api/admin/applications/:userId/reject": admin,
  "POST /api/admin/applications/:userId/request-changes": admin,
  "POST /api/admin/experts/:id/unpublish": admin,
  "POST /api/admin/experts/:id/republish": admin,
  "GET /api/admin/categories": admin,
  "POST /api/admin/categories": admin,
  "PATCH /api/admin/categories/:id": admin,

  // Issue 4: learner onboarding and recommendations.
  "GET /api/learner/onboarding": role("learner"),
  "PUT /api/learner/onboarding": role("learner"),
  "GET /api/learner/recommendations": role("learner"),
};

/** Each role's landing page after login. */
export const ROLE_HOMES: Record<Role, string> = {
  learner: "/dashboard",
  expert: "/expert",
  admin: "/admin",
};

/** Where `user` lands after login. */
export function roleHome(user: Pick<PublicUser, "role">): string {
  return ROLE_HOMES[user.role];
}

/** Why a request was refused, or `allowed`. */
export type AccessDecision =
  | "allowed"
  /** Needs a signed-in user: 401 on the API, the login page for pages. */
  | "unauthenticated"
  /** Signed in with the wrong role: 403. */
  | "forbidden"
  /** An admin without 2FA: 403 on the API, the security page for pages. */
  | "two_factor_required"
  /** A signed-in user on a page for visitors: sent home. */
  | "signed_in";

/** Applies `rule` to `user` (`null` when anonymous). */
export function decideAccess(
  rule: AccessRule,
  user: PublicUser | null,
): AccessDecision {
  switch (rule.kind) {
    case "public":
      return "allowed";
    case "anonymousOnly":
      return user ? "signed_in" : "allowed";
    case "signedIn":
      return user ? "allowed" : "unauthenticated";
    case "role":
      if (!user) return "unauthenticated";
      if (user.role !== rule.role) return "forbidden";
      if (rule.twoFactor && !user.twoFactorEnabled) {
        return "two_factor_required";
      }
      return "allowed";
  }
}

/** An API rule key split into its method and path segments. */
interface ApiOperation {
  key: string;
  method: string;
  segments: string[];
}

const API_OPERATIONS: ApiOperation[] = Object.keys(API_RULES).map((key) => {
  const [method, path] = key.split(" ");
  return { key, method, segments: path.split("/").filter(Boolean) };
});

function matchesPath(operation: ApiOperation, segments: string[]): boolean {
  return operation.segments.length === segments.length &&
    operation.segments.every((part, i) =>
      part.startsWith(":") ? segments[i] !== "" : part === segments[i]
    );
}

/**
 * Finds the API rule for a request. Returns the rule and its key; or, when
 * the path exists only for other methods, those methods (for a 405); or
 * `null` when no operation has this path.
 */
export function findApiRule(
  method: string,
  pathname: string,
):
  | { key: string; rule: AccessRule }
  | { allowedMethods: string[] }
  | null {
  const segments = pathname.split("/").filter(Boolean);
  const wanted = method.toUpperCase() === "HEAD" ? "GET" : method.toUpperCase();
  const samePath = API_OPERATIONS.filter((op) => matchesPath(op, segments));
  const exact = samePath.find((op) => op.method === wanted);
  if (exact) return { key: exact.key, rule: API_RULES[exact.key] };
  if (samePath.length === 0) return null;
  const allowedMethods = samePath.flatMap((op) =>
    op.method === "GET" ? ["GET", "HEAD"] : [op.method]
  );
  return { allowedMethods };
}

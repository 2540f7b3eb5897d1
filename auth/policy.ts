/**
 * Who may use what: the rule constructors every access rule is built from,
 * the table of page routes (PAGE_RULES, enforced by routes/_middleware.ts),
 * and `decideAccess`, which applies a rule to a user. Each API operation
 * declares its own rule, built from the same constructors, where it is
 * defined (api/routes/*, as the operation's `x-access`); api/access.ts
 * enforces it. tests/authorization_test.ts walks every page route and every
 * API operation with every kind of user, and fails on a route without a rule.
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

/** Admin tools: an admin with two-factor authentication turned on. */
export const adminWithTwoFactor: AccessRule = role("admin", {
  twoFactor: true,
});
const admin = adminWithTwoFactor;

/** Page routes, by the pattern the page layer reports in `ctx.route`. */
export const PAGE_RULES: Record<string, AccessRule> = {
  "/": publicAccess,
  "/about": publicAccess,
  "/blog": publicAccess,
  "/blog/:slug": publicAccess,
  "/categories": publicAccess,
  "/categories/:id": publicAccess,
  "/contact": publicAccess,
  "/experts": publicAccess,
  "/experts/:id": publicAccess,
  "/faq": publicAccess,
  "/privacy": publicAccess,
  "/terms": publicAccess,
  "/feedback": publicAccess,
  "/how-it-works": publicAccess,
  "/join": publicAccess,
  "/robots.txt": publicAccess,
  "/sitemap.xml": publicAccess,
  "/share-cards/:kind/:id/:file": publicAccess,
  // A private calendar feed: its secret address is the credential.
  "/calendar/:feed": publicAccess,
  // The API checks its own operations (each declares its rule: api/routes/*).
  "/api": publicAccess,
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
  "/dev/mail/:id/html": publicAccess,

  // Social login: starting (or linking: the handler checks the user), the
  // provider's redirect back, and confirming a link to an existing account.
  "/auth/:provider": publicAccess,
  "/auth/:provider/callback": publicAccess,
  "/auth/link": publicAccess,
  "/auth/link/confirm": publicAccess,
  "/auth/accounts": signedIn,

  "/account": signedIn,
  "/account/security": signedIn,
  "/account/phone": signedIn,
  "/account/notifications": signedIn,
  "/account/privacy": signedIn,
  // The handler checks the export is the caller's and the link's secret.
  "/account/privacy/exports/:id": signedIn,
  "/notifications": signedIn,
  "/dashboard": role("learner"),
  "/expert": role("expert"),
  "/admin": admin,
  "/admin/users": admin,
  "/admin/users/:id": admin,
  "/admin/audit": admin,

  "/experts/:id/photo/:photoId": owned(
    publicAccess,
    "a published expert's current photo; an application's photo only to its owner and admins",
  ),
  "/experts/:id/photo/:photoId/:variant": owned(
    publicAccess,
    "a size and format of a published expert's current photo; of an application's photo only to its owner and admins",
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
  "/dashboard/saved-experts": role("learner"),

  "/dashboard/wallet": role("learner"),
  "/dashboard/wallet/receipts/:id": owned(
    role("learner"),
    "the receipt is of one of the caller's top-ups",
  ),
  // Only with the simulated processor; a 404 when Stripe takes payments.
  "/pay/:id": owned(
    role("learner"),
    "the checkout pays one of the caller's top-ups",
  ),
  "/expert/earnings": role("expert"),
  "/expert/students": role("expert"),
  "/expert/students/:id": owned(
    role("expert"),
    "the learner has booked the caller; anyone else is not found",
  ),
  "/expert/export/sessions.csv": role("expert"),
  "/expert/export/earnings.csv": role("expert"),
  "/admin/finance": admin,
  "/admin/finance/withdrawals": admin,
  "/admin/finance/transactions": admin,
  "/admin/finance/top-ups": admin,
  "/admin/finance/settings": admin,
  "/admin/settings": admin,
  "/admin/blog": admin,
  "/admin/blog/new": admin,
  "/admin/blog/:slug": admin,
  "/admin/faq": admin,
  "/blog/images/:file": publicAccess,

  "/expert/availability": role("expert"),
  "/expert/availability/calendars": role("expert"),
  // Only learners book; a visitor is sent to log in and comes back here.
  "/book/:expertId": owned(
    role("learner"),
    "the id names a published expert; any learner may book one",
  ),
  // Learners and experts see their own; an admin is sent to /admin/bookings.
  "/bookings": signedIn,
  "/bookings/:id": owned(
    signedIn,
    "the caller is the booking's learner or expert, or the hold is the caller's (admins with 2FA may read)",
  ),
  "/bookings/:id/call": owned(
    signedIn,
    "the caller is the booking's learner or expert (admins with 2FA see when it opens)",
  ),
  "/bookings/:id/recordings/:recordingId": owned(
    signedIn,
    "the caller is the booking's learner or expert (admins get 404: recordings are the parties' own)",
  ),
  "/admin/bookings": admin,
  "/admin/messages": admin,

  // Learners and experts see their own; an admin is sent to /admin.
  "/messages": signedIn,
  "/messages/:id": owned(
    signedIn,
    "the caller is one of the conversation's two parties",
  ),
  "/messages/with/:userId": owned(
    signedIn,
    "a learner and an expert: their conversation, or a learner's question to a published expert",
  ),
  "/bookings/:id/notes": owned(
    signedIn,
    "the caller is the booking's learner (reads) or expert (reads and writes)",
  ),
  "/bookings/:id/review": owned(
    signedIn,
    "the caller is the booking's learner (who reviews) or expert (who replies)",
  ),
  // Anyone signed in may report a visible review; a visitor signs in first.
  "/reviews/:id/report": signedIn,
  "/admin/reviews": admin,
  "/admin/analytics": admin,
  // The no-JavaScript form behind the footer's "Cookie choices" link.
  "/privacy/cookies": publicAccess,
  "/admin/stats": admin,
  "/admin/reports/:name": admin,
  "/admin/sessions": admin,
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

/** A sentence saying who may call under `rule`, for the API's reference page. */
export function describeAccess(rule: AccessRule): string {
  const base = rule.kind === "public"
    ? "Anyone."
    : rule.kind === "anonymousOnly"
    ? "Signed-out callers."
    : rule.kind === "signedIn"
    ? "Any signed-in user."
    : `Users with the ${rule.role} role${
      rule.twoFactor ? " and two-factor authentication on" : ""
    }.`;
  return rule.owner ? `${base} Only where ${rule.owner}.` : base;
}

/**
 * THE AUTHORIZATION WALK. Every page route (from the real manifest) and every
 * API operation (from the route definitions, checked against the generated
 * OpenAPI document and the API's own router) is requested by every kind of
 * user: anonymous, a learner, an expert, an admin without 2FA and an admin
 * with 2FA; per-object routes also by an unrelated user of the same role.
 * The expected answer comes from the route's declared rule (PAGE_RULES in
 * auth/policy.ts, each API operation's `x-access`); any unexpected access
 * fails, and so does a route without a rule. Every API answer of the walk is
 * also checked against the document (tests/api/contract.ts).
 */
import { expect } from "expect";
import { createApi } from "@/api/app.ts";
import { openApiDocument } from "@/api/document.ts";
import {
  type ApiOperation,
  apiOperations,
  operationKey,
} from "@/api/operations.ts";
import {
  type AccessDecision,
  type AccessRule,
  adminWithTwoFactor,
  decideAccess,
  PAGE_RULES,
  ROLE_HOMES,
  signedIn,
} from "@/auth/policy.ts";
import {
  type AuthTestApp,
  type Client,
  type Identity,
  signInAdmin,
  signUp,
} from "./support/auth.ts";
import { createCheckedAuthApp } from "./api/support.ts";
import { routeBaseName, routePattern } from "@/framework/router.ts";
import manifest from "@/fresh.gen.ts";
import { OWNED_OBJECTS } from "./support/owned_objects.ts";

/** Every page route pattern the app serves, as `ctx.route` reports it. */
const PAGE_PATTERNS = Object.keys(manifest.routes)
  .filter((key) => !routeBaseName(key).startsWith("_"))
  .map((key) => routePattern(key).pattern)
  .sort();

const api = createApi();

/** Every API operation with its rule, from the route definitions. */
const OPERATIONS: ApiOperation[] = apiOperations(api);

/** Each operation's rule, by `METHOD /api/path/:param`. */
function accessList(): Record<string, AccessRule> {
  return Object.fromEntries(
    OPERATIONS.map((op) => [operationKey(op.method, op.pattern), op.access]),
  );
}

/** Each operation of the generated document with its `x-access`. */
function documentedOperations(): Record<string, unknown> {
  const document = openApiDocument(api);
  return Object.fromEntries(
    Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
      Object.entries(operations as Record<string, Record<string, unknown>>)
        .map(([method, operation]) => [
          operationKey(method, path.replace(/\{(\w+)\}/g, ":$1")),
          operation["x-access"],
        ])
    ),
  );
}

/** Every operation the API's router has a handler for. */
function routedOperations(): string[] {
  return [
    ...new Set(
      api.routes
        .filter((route) => route.method !== "ALL")
        .map((route) => operationKey(route.method, route.path)),
    ),
  ].sort();
}

Deno.test("every page route has an access rule, and every rule a route", () => {
  expect(PAGE_PATTERNS.filter((pattern) => !(pattern in PAGE_RULES)))
    .toEqual([]);
  expect(
    Object.keys(PAGE_RULES).filter((pattern) =>
      !PAGE_PATTERNS.includes(pattern)
    ),
  ).toEqual([]);
});

Deno.test("the access rules, the OpenAPI document and the API router list the same operations", () => {
  const rules = accessList();
  expect(Object.keys(rules).length).toBe(OPERATIONS.length);
  expect(JSON.parse(JSON.stringify(documentedOperations()))).toEqual(rules);
  expect(routedOperations()).toEqual(Object.keys(rules).sort());
});

// The walk checks that enforcement matches each rule; this checks that the
// rules themselves keep the areas' promises, so a loosened one cannot slip by.
Deno.test("admin operations need an admin with 2FA; account operations need a session", () => {
  for (const [key, rule] of Object.entries(accessList())) {
    const path = key.split(" ")[1];
    if (/^\/api\/admin(\/|$)/.test(path)) {
      expect({ key, rule }).toEqual({ key, rule: adminWithTwoFactor });
    }
    if (
      /^\/api\/me(\/|$)/.test(path) ||
      /^(POST|PATCH|DELETE) \/api\/auth\/(2fa|password\/change|email\/change|email\/resend|sessions)/
        .test(key)
    ) {
      expect({ key, kind: rule.kind }).toEqual({ key, kind: signedIn.kind });
    }
    if (/^\/api\/(expert|learner)\//.test(path)) {
      expect({ key, kind: rule.kind }).toEqual({ key, kind: "role" });
    }
  }
});

/** The users of the walk, each signed in through the real flows. */
interface Cast {
  clients: Record<Identity, Client>;
  /** Unrelated users of the same role, for per-object routes. */
  others: Partial<Record<Identity, Client>>;
  /** A learner the admins act on (suspend, reactivate). */
  victimId: string;
}

async function castUsers(app: AuthTestApp): Promise<Cast> {
  const victim = await signUp(app, "learner");
  return {
    clients: {
      anonymous: app.client(),
      learner: await signUp(app, "learner"),
      expert: await signUp(app, "expert"),
      adminWithout2fa: await signInAdmin(app, { twoFactor: false }),
      admin: await signInAdmin(app, { twoFactor: true }),
    },
    others: {
      learner: await signUp(app, "learner"),
      expert: await signUp(app, "expert"),
    },
    victimId: victim.user!.id,
  };
}

const IDENTITIES: Identity[] = [
  "anonymous",
  "learner",
  "expert",
  "adminWithout2fa",
  "admin",
];

/** Fills a pattern's parameters with values that name nothing. */
function concretePath(pattern: string, id = "no-such-object"): string {
  return pattern
    .replace(/:\w+\+/g, "no/such/path")
    .replace(/:\w+/g, id);
}

function describe(identity: Identity, request: string, status: number) {
  return `${identity}: ${request} → ${status}`;
}

Deno.test("pages answer every kind of user as their rule declares", async () => {
  await using app = await createCheckedAuthApp();
  const { clients } = await castUsers(app);
  for (const pattern of PAGE_PATTERNS) {
    // The API is walked below, operation by operation.
    if (pattern.startsWith("/api/")) continue;
    const rule = PAGE_RULES[pattern];
    const path = concretePath(pattern);
    for (const identity of IDENTITIES) {
      const client = clients[identity];
      const decision = decideAccess(rule, client.user);
      for (const method of decision === "allowed" ? ["GET"] : ["GET", "POST"]) {
        const response = await client.request(path, {
          method,
          ...(method === "POST"
            ? {
              headers: { "content-type": "application/x-www-form-urlencoded" },
              body: "",
            }
            : {}),
        });
        await response.body?.cancel();
        expectPageOutcome(
          decision,
          client,
          path,
          response,
          describe(identity, `${method} ${path}`, response.status),
        );
      }
    }
  }
});

function expectPageOutcome(
  decision: AccessDecision,
  client: Client,
  path: string,
  response: Response,
  label: string,
) {
  const location = response.headers.get("location") ?? "";
  switch (decision) {
    case "allowed":
      expect({
        label,
        denied: response.status === 401 || response.status === 403,
      })
        .toEqual({ label, denied: false });
      expect({ label, toLogin: location.startsWith("/login?next=") })
        .toEqual({ label, toLogin: false });
      expect({ label, serverError: response.status >= 500 })
        .toEqual({ label, serverError: false });
      return;
    case "unauthenticated":
      expect({ label, status: response.status, location }).toEqual({
        label,
        status: 303,
        location: `/login?next=${encodeURIComponent(path)}`,
      });
      return;
    case "forbidden":
      expect({ label, status: response.status }).toEqual({
        label,
        status: 403,
      });
      return;
    case "two_factor_required":
      expect({ label, status: response.status, location }).toEqual({
        label,
        status: 303,
        location: "/account/security?notice=admin-2fa",
      });
      return;
    case "signed_in":
      expect({ label, status: response.status, location }).toEqual({
        label,
        status: 303,
        location: ROLE_HOMES[client.user!.role],
      });
  }
}

/** Operations that end the caller's session run last, so the walk keeps its users. */
const ENDS_SESSION = new Set(["POST /api/auth/logout"]);

Deno.test("API operations answer every kind of user as their rule declares", async () => {
  await using app = await createCheckedAuthApp();
  const { clients, others, victimId } = await castUsers(app);
  const operations = Object.keys(accessList()).sort((a, b) =>
    Number(ENDS_SESSION.has(a)) - Number(ENDS_SESSION.has(b))
  );
  const rules = accessList();
  for (const operation of operations) {
    const rule = rules[operation];
    const [method, pattern] = operation.split(" ");
    const path = concretePath(
      pattern,
      pattern.startsWith("/api/admin/users/") ? victimId : "no-such-object",
    );
    for (const identity of IDENTITIES) {
      const client = clients[identity];
      const answer = await client.api(
        method,
        path,
        method === "GET" || method === "DELETE" ? undefined : {},
      );
      expectApiOutcome(
        rule,
        decideAccess(rule, client.user),
        answer.status,
        answer.body,
        describe(identity, operation, answer.status),
      );
    }
    if (rule.owner) {
      const ownedBy = OWNED_OBJECTS[operation];
      expect({ operation, hasOwnershipCheck: ownedBy !== undefined }).toEqual({
        operation,
        hasOwnershipCheck: true,
      });
      // Objects of a role-only operation (an expert's offering) can only be
      // owned by users of that role.
      const ownerRoles = (["learner", "expert"] as const).filter((identity) =>
        rule.kind !== "role" || rule.role === identity
      );
      for (const identity of ownerRoles) {
        await expectOwnershipEnforced(
          operation,
          clients[identity],
          others[identity]!,
          ownedBy,
        );
      }
    }
  }
});

function expectApiOutcome(
  rule: AccessRule,
  decision: AccessDecision,
  status: number,
  // deno-lint-ignore no-explicit-any
  body: any,
  label: string,
) {
  switch (decision) {
    case "allowed":
    case "signed_in": {
      // A public endpoint may answer 401 for its own reasons (login/2fa
      // without a pending login); a protected one that let us in may not.
      const refused = status === 403 ||
        (status === 401 && rule.kind !== "public");
      expect({ label, refused, serverError: status >= 500 }).toEqual({
        label,
        refused: false,
        serverError: false,
      });
      return;
    }
    case "unauthenticated":
      expect({ label, status, error: body?.error }).toEqual({
        label,
        status: 401,
        error: "unauthenticated",
      });
      return;
    case "forbidden":
      expect({ label, status, error: body?.error }).toEqual({
        label,
        status: 403,
        error: "forbidden",
      });
      return;
    case "two_factor_required":
      expect({ label, status, error: body?.error }).toEqual({
        label,
        status: 403,
        error: "two_factor_required",
      });
  }
}

/** An unrelated user of the same role cannot touch the owner's object. */
async function expectOwnershipEnforced(
  operation: string,
  owner: Client,
  stranger: Client,
  ownedBy: (owner: Client) => Promise<string>,
) {
  const [method, pattern] = operation.split(" ");
  const id = await ownedBy(owner);
  const before = await owner.api("GET", "/api/me");
  const answer = await stranger.api(
    method,
    concretePath(pattern, id),
    method === "GET" || method === "DELETE" ? undefined : {},
  );
  const label = `${
    stranger.user!.role
  } stranger: ${operation} on another user's object → ${answer.status}`;
  expect({ label, status: answer.status }).toEqual({ label, status: 404 });
  // The owner's object is untouched: the owner still works as before.
  const after = await owner.api("GET", "/api/me");
  expect({ label, before: before.status, after: after.status }).toEqual({
    label,
    before: 200,
    after: 200,
  });
}

/**
 * Signing up, in and out, and the caller's sessions: /api/auth/signup,
 * login, login/2fa, logout and sessions. The flows live in services/auth;
 * these handlers call them and carry the session in the `tt_session` cookie
 * (the pending 2FA login in `tt_2fa`). Passwords, email and two-factor
 * settings are in ./credentials.ts.
 */
import { acceptPolicy } from "@/services/privacy/mod.ts";
import { z } from "zod";
import { owned, publicAccess, signedIn } from "@/auth/policy.ts";
import { PENDING_COOKIE, readCookie } from "@/auth/cookies.ts";
import {
  completeTwoFactorLogin,
  listSessions,
  login,
  logout,
  revokeSession,
  signup,
} from "@/services/auth/mod.ts";
import { ApiError } from "@/api/errors.ts";
import {
  type ApiApp,
  type ApiContext,
  currentToken,
  currentUser,
  writeAuthCookies,
} from "@/api/http.ts";
import {
  defineRoute,
  errorDoc,
  idParam,
  json,
  jsonBody,
  noContent,
  rateLimited,
  setsSessionCookie,
} from "@/api/route.ts";
import {
  codeBodySchema,
  loginBodySchema,
  loginResponseSchema,
  sessionsResponseSchema,
  signupBodySchema,
  userResponseSchema,
} from "@/api/schemas.ts";

const signupRoute = defineRoute({
  method: "post",
  path: "/auth/signup",
  operationId: "signup",
  summary: "Create a learner or expert account and sign in",
  description:
    "Admins are never created here. Sends an email verification link.",
  "x-access": publicAccess,
  request: { body: jsonBody(signupBodySchema) },
  responses: {
    201: {
      ...json("Signed up and signed in.", userResponseSchema),
      headers: setsSessionCookie,
    },
    409: errorDoc("An account already uses this email (error: email_taken)."),
    429: rateLimited(),
  },
});

const loginRoute = defineRoute({
  method: "post",
  path: "/auth/login",
  operationId: "login",
  summary: "Sign in with email and password",
  description:
    "With 2FA on, answers `{ twoFactorRequired: true }` and sets the pending cookie tt_2fa (5 minutes); finish with POST /api/auth/login/2fa.",
  "x-access": publicAccess,
  request: { body: jsonBody(loginBodySchema) },
  responses: {
    200: {
      ...json(
        "Signed in (user), or the code step is next (twoFactorRequired).",
        loginResponseSchema,
      ),
      headers: setsSessionCookie,
    },
    401: errorDoc(
      "Email or password is incorrect (error: invalid_credentials).",
    ),
    423: errorDoc(
      "The account is suspended (account_suspended) or locked after 10 wrong passwords (account_locked, with Retry-After).",
    ),
    429: rateLimited(),
  },
});

const loginTwoFactor = defineRoute({
  method: "post",
  path: "/auth/login/2fa",
  operationId: "loginTwoFactor",
  summary: "Finish signing in with a TOTP or recovery code",
  "x-access": publicAccess,
  security: [{ pendingTwoFactorCookie: [] }],
  request: { body: jsonBody(codeBodySchema) },
  responses: {
    200: {
      ...json("Signed in.", userResponseSchema),
      headers: setsSessionCookie,
    },
    401: errorDoc(
      "No pending login (error: unauthenticated), or a wrong code (invalid_code).",
    ),
    423: errorDoc("The account is suspended (error: account_suspended)."),
    429: rateLimited(),
  },
});

const logoutRoute = defineRoute({
  method: "post",
  path: "/auth/logout",
  operationId: "logout",
  summary: "Sign out of this session",
  "x-access": publicAccess,
  responses: { 204: noContent("Signed out; the cookies are cleared.") },
});

const sessions = defineRoute({
  method: "get",
  path: "/auth/sessions",
  operationId: "listSessions",
  summary: "The caller's active sessions",
  "x-access": signedIn,
  responses: {
    200: json(
      "Most recently used first; `current` marks this one.",
      sessionsResponseSchema,
    ),
  },
});

const revoke = defineRoute({
  method: "delete",
  path: "/auth/sessions/{id}",
  operationId: "revokeSession",
  summary: "End one of the caller's sessions",
  "x-access": owned(signedIn, "the session belongs to the caller"),
  request: {
    params: z.object({
      id: idParam("session", "A session id from GET /api/auth/sessions."),
    }),
  },
  responses: {
    204: noContent("Ended."),
    404: errorDoc("The caller has no session with this id."),
  },
});

/**
 * A client that signs in again while holding a session gets a new one; the
 * old one is ended rather than left valid and forgotten in the cookie jar.
 */
async function endPreviousSession(c: ApiContext): Promise<void> {
  const token = c.env.state.sessionToken;
  if (token) await logout(c.env.kv, token, c.env.meta);
}

/** Sets the new session's cookie, dropping any pending 2FA login. */
function startSession(c: ApiContext, sessionToken: string): void {
  writeAuthCookies(c, { session: sessionToken, pending: null });
}

/** Defines signing up, in and out, and the session list on `api`. */
export function authRoutes(api: ApiApp): void {
  api.openapi(signupRoute, async (c) => {
    const { user, sessionToken } = await signup(
      c.env.kv,
      c.req.valid("json"),
      c.env.meta,
    );
    await acceptPolicy(c.env.kv, user.id);
    await endPreviousSession(c);
    startSession(c, sessionToken);
    return c.json({ user }, 201);
  });

  api.openapi(loginRoute, async (c) => {
    const result = await login(c.env.kv, c.req.valid("json"), c.env.meta);
    if ("twoFactorRequired" in result) {
      writeAuthCookies(c, { pending: result.pendingToken });
      return c.json({ twoFactorRequired: true as const }, 200);
    }
    await endPreviousSession(c);
    startSession(c, result.sessionToken);
    return c.json({ user: result.user }, 200);
  });

  api.openapi(loginTwoFactor, async (c) => {
    const pendingToken = readCookie(c.req.raw, PENDING_COOKIE);
    if (!pendingToken) {
      throw new ApiError(
        401,
        "unauthenticated",
        "Sign in with your email and password first; the code step lasts 5 minutes.",
      );
    }
    const { user, sessionToken } = await completeTwoFactorLogin(
      c.env.kv,
      pendingToken,
      c.req.valid("json"),
      c.env.meta,
    );
    await endPreviousSession(c);
    startSession(c, sessionToken);
    return c.json({ user }, 200);
  });

  api.openapi(logoutRoute, async (c) => {
    const token = c.env.state.sessionToken;
    if (token) await logout(c.env.kv, token, c.env.meta);
    writeAuthCookies(c, { session: null, pending: null });
    return c.body(null, 204);
  });

  api.openapi(sessions, async (c) => {
    const list = await listSessions(
      c.env.kv,
      currentUser(c).id,
      currentToken(c),
    );
    return c.json({ sessions: list }, 200);
  });

  api.openapi(revoke, async (c) => {
    const { id } = c.req.valid("param");
    // The flow only finds sessions of this user: another user's id is a 404.
    await revokeSession(c.env.kv, currentUser(c).id, id, c.env.meta);
    if (c.env.state.session?.id === id) {
      writeAuthCookies(c, { session: null });
    }
    return c.body(null, 204);
  });
}

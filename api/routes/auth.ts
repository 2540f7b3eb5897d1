/**
 * Signing up, in and out, two-factor authentication, passwords, email
 * verification and sessions: /api/auth/*. The flows live in
 * services/auth/auth.ts; these handlers validate, call them, and carry the
 * session in the `tt_session` cookie (the pending 2FA login in `tt_2fa`).
 */
import type { Hono } from "hono";
import {
  clearPendingCookie,
  clearSessionCookie,
  PENDING_COOKIE,
  readCookie,
  setPendingCookie,
  setSessionCookie,
} from "@/auth/cookies.ts";
import {
  changeEmail,
  changePassword,
  completeTwoFactorLogin,
  disableTwoFactor,
  enableTwoFactor,
  listSessions,
  login,
  logout,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  revokeSession,
  signup,
  startTwoFactorSetup,
  verifyEmail,
} from "@/services/auth/mod.ts";
import { getUser } from "@/services/auth/mod.ts";
import { ApiError } from "@/api/errors.ts";
import {
  type ApiContext,
  type ApiEnv,
  currentUser,
  emptyResponse,
  jsonResponse,
  readBody,
} from "@/api/http.ts";
import {
  changeEmailBodySchema,
  changePasswordBodySchema,
  codeBodySchema,
  disableTwoFactorBodySchema,
  forgotPasswordBodySchema,
  loginBodySchema,
  resetPasswordBodySchema,
  signupBodySchema,
  verifyEmailBodySchema,
} from "@/api/schemas.ts";

/** The token of the request's own session (present wherever a route is `signedIn`). */
function currentToken(c: ApiContext): string {
  const token = c.env.state.sessionToken;
  if (!token) {
    throw new ApiError(401, "unauthenticated", "Sign in to use this endpoint.");
  }
  return token;
}

/** The user as stored now (after a flow changed it), for the response. */
async function freshUser(c: ApiContext, id: string) {
  const user = await getUser(c.env.kv, id);
  if (!user) throw new ApiError(404, "not_found", "The account is gone.");
  return user;
}

/**
 * A client that signs in again while holding a session gets a new one; the
 * old one is ended rather than left valid and forgotten in the cookie jar.
 */
async function endPreviousSession(c: ApiContext): Promise<void> {
  const token = c.env.state.sessionToken;
  if (token) await logout(c.env.kv, token, c.env.meta);
}

/** Registers /api/auth/* on `api`. */
export function authRoutes(api: Hono<ApiEnv>): void {
  api.post("/auth/signup", async (c) => {
    const body = await readBody(c, signupBodySchema);
    const { user, sessionToken } = await signup(c.env.kv, body, c.env.meta);
    await endPreviousSession(c);
    return jsonResponse({ user }, 201, (headers) => {
      setSessionCookie(headers, sessionToken, c.req.raw);
      clearPendingCookie(headers, c.req.raw);
    });
  });

  api.post("/auth/login", async (c) => {
    const body = await readBody(c, loginBodySchema);
    const result = await login(c.env.kv, body, c.env.meta);
    if ("twoFactorRequired" in result) {
      return jsonResponse({ twoFactorRequired: true }, 200, (headers) => {
        setPendingCookie(headers, result.pendingToken, c.req.raw);
      });
    }
    await endPreviousSession(c);
    return jsonResponse({ user: result.user }, 200, (headers) => {
      setSessionCookie(headers, result.sessionToken, c.req.raw);
      clearPendingCookie(headers, c.req.raw);
    });
  });

  api.post("/auth/login/2fa", async (c) => {
    const body = await readBody(c, codeBodySchema);
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
      body,
      c.env.meta,
    );
    await endPreviousSession(c);
    return jsonResponse({ user }, 200, (headers) => {
      setSessionCookie(headers, sessionToken, c.req.raw);
      clearPendingCookie(headers, c.req.raw);
    });
  });

  api.post("/auth/logout", async (c) => {
    const token = c.env.state.sessionToken;
    if (token) await logout(c.env.kv, token, c.env.meta);
    return emptyResponse((headers) => {
      clearSessionCookie(headers, c.req.raw);
      clearPendingCookie(headers, c.req.raw);
    });
  });

  api.post("/auth/2fa/setup", async (c) => {
    const { secret, otpauthUrl } = await startTwoFactorSetup(
      c.env.kv,
      currentUser(c).id,
    );
    return c.json({ secret, otpauthUrl });
  });

  api.post("/auth/2fa/enable", async (c) => {
    const body = await readBody(c, codeBodySchema);
    const result = await enableTwoFactor(
      c.env.kv,
      currentUser(c).id,
      body,
      c.env.meta,
      currentToken(c),
    );
    // Turning 2FA on is a privilege change: the flow rotates the session.
    return jsonResponse(
      { recoveryCodes: result.recoveryCodes },
      200,
      (headers) => {
        if (result.sessionToken) {
          setSessionCookie(headers, result.sessionToken, c.req.raw);
        }
      },
    );
  });

  api.post("/auth/2fa/disable", async (c) => {
    const body = await readBody(c, disableTwoFactorBodySchema);
    const user = currentUser(c);
    await disableTwoFactor(c.env.kv, user.id, body, c.env.meta);
    return c.json({ user: await freshUser(c, user.id) });
  });

  api.post("/auth/password/forgot", async (c) => {
    const body = await readBody(c, forgotPasswordBodySchema);
    await requestPasswordReset(c.env.kv, body, c.env.meta);
    // The same answer whether or not the account exists.
    return c.json({
      message:
        "If an account uses this email, we sent it a link to choose a new password. The link works once, for 30 minutes.",
    }, 202);
  });

  api.post("/auth/password/reset", async (c) => {
    const body = await readBody(c, resetPasswordBodySchema);
    const user = await resetPassword(c.env.kv, body, c.env.meta);
    return c.json({ user });
  });

  api.post("/auth/password/change", async (c) => {
    const body = await readBody(c, changePasswordBodySchema);
    const user = currentUser(c);
    // The password is a credential: this session continues under a new id.
    const { sessionToken } = await changePassword(
      c.env.kv,
      user.id,
      body,
      currentToken(c),
      c.env.meta,
    );
    return jsonResponse(
      { user: await freshUser(c, user.id) },
      200,
      (headers) => setSessionCookie(headers, sessionToken, c.req.raw),
    );
  });

  api.post("/auth/email/change", async (c) => {
    const body = await readBody(c, changeEmailBodySchema);
    const user = await changeEmail(
      c.env.kv,
      currentUser(c).id,
      body,
      currentToken(c),
      c.env.meta,
    );
    return c.json({ user });
  });

  api.post("/auth/email/verify", async (c) => {
    const body = await readBody(c, verifyEmailBodySchema);
    const user = await verifyEmail(c.env.kv, body.token, c.env.meta);
    return c.json({ user });
  });

  api.post("/auth/email/resend", async (c) => {
    await resendVerification(c.env.kv, currentUser(c).id, c.env.meta);
    return c.json({ message: "We sent a new verification link." }, 202);
  });

  api.get("/auth/sessions", async (c) => {
    const sessions = await listSessions(
      c.env.kv,
      currentUser(c).id,
      currentToken(c),
    );
    return c.json({ sessions });
  });

  api.delete("/auth/sessions/:id", async (c) => {
    const id = c.req.param("id");
    // The flow only finds sessions of this user: another user's id is a 404.
    await revokeSession(c.env.kv, currentUser(c).id, id, c.env.meta);
    const endedOwnSession = c.env.state.session?.id === id;
    return emptyResponse((headers) => {
      if (endedOwnSession) clearSessionCookie(headers, c.req.raw);
    });
  });
}

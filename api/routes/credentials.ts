/**
 * What proves an account is its owner's: passwords (forgot, reset, change),
 * the email address (verify, resend, change) and two-factor authentication
 * (setup, enable, disable), under /api/auth/*.
 */
import { publicAccess, signedIn } from "@/auth/policy.ts";
import {
  changeEmail,
  changePassword,
  disableTwoFactor,
  enableTwoFactor,
  getUser,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  startTwoFactorSetup,
  verifyEmail,
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
  json,
  jsonBody,
  rateLimited,
  setsSessionCookie,
} from "@/api/route.ts";
import {
  changeEmailBodySchema,
  changePasswordBodySchema,
  codeBodySchema,
  disableTwoFactorBodySchema,
  forgotPasswordBodySchema,
  messageResponseSchema,
  recoveryCodesSchema,
  resetPasswordBodySchema,
  twoFactorSetupSchema,
  userResponseSchema,
  verifyEmailBodySchema,
} from "@/api/schemas.ts";

const forgotPassword = defineRoute({
  method: "post",
  path: "/auth/password/forgot",
  operationId: "forgotPassword",
  summary: "Email a password reset link",
  description:
    "Always 202 with the same body, whether or not the account exists.",
  "x-access": publicAccess,
  request: { body: jsonBody(forgotPasswordBodySchema) },
  responses: {
    202: json(
      "If the account exists, the link is on its way.",
      messageResponseSchema,
    ),
    429: rateLimited(),
  },
});

const resetPasswordRoute = defineRoute({
  method: "post",
  path: "/auth/password/reset",
  operationId: "resetPassword",
  summary: "Choose a new password with the emailed token",
  description:
    "The token works once, for 30 minutes. Every session of the account ends.",
  "x-access": publicAccess,
  request: { body: jsonBody(resetPasswordBodySchema) },
  responses: {
    200: json("The password is changed; sign in again.", userResponseSchema),
  },
});

const changePasswordRoute = defineRoute({
  method: "post",
  path: "/auth/password/change",
  operationId: "changePassword",
  summary: "Change the password (needs the current one)",
  description: "Every other session ends; this one gets a new id.",
  "x-access": signedIn,
  request: { body: jsonBody(changePasswordBodySchema) },
  responses: {
    200: {
      ...json("Changed.", userResponseSchema),
      headers: setsSessionCookie,
    },
    429: rateLimited(),
  },
});

const changeEmailRoute = defineRoute({
  method: "post",
  path: "/auth/email/change",
  operationId: "changeEmail",
  summary: "Change the email address (needs the current password)",
  description: "The new address must be verified; every other session ends.",
  "x-access": signedIn,
  request: { body: jsonBody(changeEmailBodySchema) },
  responses: {
    200: json("Changed.", userResponseSchema),
    409: errorDoc("Another account uses this email (error: email_taken)."),
    429: rateLimited(),
  },
});

const verifyEmailRoute = defineRoute({
  method: "post",
  path: "/auth/email/verify",
  operationId: "verifyEmail",
  summary: "Verify an email address with the emailed token",
  "x-access": publicAccess,
  request: { body: jsonBody(verifyEmailBodySchema) },
  responses: { 200: json("Verified.", userResponseSchema) },
});

const resend = defineRoute({
  method: "post",
  path: "/auth/email/resend",
  operationId: "resendVerification",
  summary: "Send the verification link again",
  "x-access": signedIn,
  responses: {
    202: json("Sent.", messageResponseSchema),
    409: errorDoc("The email address is already verified (error: conflict)."),
    429: rateLimited(),
  },
});

const setup = defineRoute({
  method: "post",
  path: "/auth/2fa/setup",
  operationId: "startTwoFactorSetup",
  summary: "Start turning on 2FA: a new secret for the authenticator app",
  "x-access": signedIn,
  responses: {
    200: json(
      "The secret (base32) and its otpauth:// URL (for a QR code).",
      twoFactorSetupSchema,
    ),
    409: errorDoc("2FA is already on (error: conflict)."),
  },
});

const enable = defineRoute({
  method: "post",
  path: "/auth/2fa/enable",
  operationId: "enableTwoFactor",
  summary: "Confirm the first code and turn 2FA on",
  description:
    "Answers with 10 single-use recovery codes, shown only once. The session id is rotated.",
  "x-access": signedIn,
  request: { body: jsonBody(codeBodySchema) },
  responses: {
    200: {
      ...json("2FA is on.", recoveryCodesSchema),
      headers: setsSessionCookie,
    },
    409: errorDoc("2FA is already on (error: conflict)."),
    429: rateLimited(),
  },
});

const disable = defineRoute({
  method: "post",
  path: "/auth/2fa/disable",
  operationId: "disableTwoFactor",
  summary: "Turn 2FA off (needs the password and a code)",
  "x-access": signedIn,
  request: { body: jsonBody(disableTwoFactorBodySchema) },
  responses: {
    200: json("2FA is off.", userResponseSchema),
    409: errorDoc("2FA is already off (error: conflict)."),
    429: rateLimited(),
  },
});

/** The user as stored now (after a flow changed it), for the response. */
async function freshUser(c: ApiContext, id: string) {
  const user = await getUser(c.env.kv, id);
  if (!user) throw new ApiError(404, "not_found", "The account is gone.");
  return user;
}

/** Defines the password, email and two-factor operations on `api`. */
export function credentialRoutes(api: ApiApp): void {
  api.openapi(forgotPassword, async (c) => {
    await requestPasswordReset(c.env.kv, c.req.valid("json"), c.env.meta);
    // The same answer whether or not the account exists.
    return c.json({
      message:
        "If an account uses this email, we sent it a link to choose a new password. The link works once, for 30 minutes.",
    }, 202);
  });

  api.openapi(resetPasswordRoute, async (c) => {
    const user = await resetPassword(c.env.kv, c.req.valid("json"), c.env.meta);
    return c.json({ user }, 200);
  });

  api.openapi(changePasswordRoute, async (c) => {
    const user = currentUser(c);
    // The password is a credential: this session continues under a new id.
    const { sessionToken } = await changePassword(
      c.env.kv,
      user.id,
      c.req.valid("json"),
      currentToken(c),
      c.env.meta,
    );
    writeAuthCookies(c, { session: sessionToken });
    return c.json({ user: await freshUser(c, user.id) }, 200);
  });

  api.openapi(changeEmailRoute, async (c) => {
    const user = await changeEmail(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json"),
      currentToken(c),
      c.env.meta,
    );
    return c.json({ user }, 200);
  });

  api.openapi(verifyEmailRoute, async (c) => {
    const { token } = c.req.valid("json");
    return c.json(
      { user: await verifyEmail(c.env.kv, token, c.env.meta) },
      200,
    );
  });

  api.openapi(resend, async (c) => {
    await resendVerification(c.env.kv, currentUser(c).id, c.env.meta);
    return c.json({ message: "We sent a new verification link." }, 202);
  });

  api.openapi(setup, async (c) => {
    const { secret, otpauthUrl } = await startTwoFactorSetup(
      c.env.kv,
      currentUser(c).id,
    );
    return c.json({ secret, otpauthUrl }, 200);
  });

  api.openapi(enable, async (c) => {
    const result = await enableTwoFactor(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json"),
      c.env.meta,
      currentToken(c),
    );
    // Turning 2FA on is a privilege change: the flow rotates the session.
    if (result.sessionToken) {
      writeAuthCookies(c, { session: result.sessionToken });
    }
    return c.json({ recoveryCodes: result.recoveryCodes }, 200);
  });

  api.openapi(disable, async (c) => {
    const user = currentUser(c);
    await disableTwoFactor(c.env.kv, user.id, c.req.valid("json"), c.env.meta);
    return c.json({ user: await freshUser(c, user.id) }, 200);
  });
}

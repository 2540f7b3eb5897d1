/**
 * The signed-in user's mobile number: /api/me/phone. Setting a number
 * texts it a 6-digit code; the code, sent back within 10 minutes, verifies
 * it. Text reminders before sessions can be turned on for a verified
 * number. Refusals answer in the API's error shape (the phones feature's
 * errors are account errors: see api/errors.ts).
 */
import { z } from "zod";
import { signedIn } from "@/auth/policy.ts";
import {
  getPhoneState,
  phoneCodeInputSchema,
  phoneNumberInputSchema,
  phoneStateSchema,
  removePhone,
  requestPhoneCode,
  setSmsReminders,
  smsRemindersInputSchema,
  verifyPhoneCode,
} from "@/services/phones/mod.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import {
  defineRoute,
  errorDoc,
  json,
  jsonBody,
  rateLimited,
} from "@/api/route.ts";

const phoneAnswer = z.object({ phone: phoneStateSchema });

const getPhone = defineRoute({
  method: "get",
  path: "/me/phone",
  operationId: "getMyPhone",
  summary: "The caller's mobile number and text reminders",
  "x-access": signedIn,
  responses: {
    200: json(
      "The verified number, and any number waiting for its code.",
      phoneAnswer,
    ),
  },
});

const putPhone = defineRoute({
  method: "put",
  path: "/me/phone",
  operationId: "setMyPhone",
  summary: "Text a verification code to a mobile number",
  description:
    "Normalises the number to E.164 and texts it a 6-digit code that works for 10 minutes (POST /api/me/phone/verify). A verified number stays in use until the new one is verified. At most 5 codes an hour per account and per number.",
  "x-access": signedIn,
  request: { body: jsonBody(phoneNumberInputSchema) },
  responses: {
    200: json(
      "The code is on its way; `pending` names the number.",
      phoneAnswer,
    ),
    400: errorDoc(
      "Not a mobile number that can get texts (error: validation_error, `details.number` says why), or one the SMS provider refused (sms_refused).",
    ),
    409: errorDoc(
      "This number is already verified on the account (error: already_verified).",
    ),
    429: rateLimited("Too many codes this hour"),
    502: errorDoc(
      "The SMS provider did not answer (error: sms_unavailable); try again later.",
    ),
  },
});

const verifyPhone = defineRoute({
  method: "post",
  path: "/me/phone/verify",
  operationId: "verifyMyPhone",
  summary: "Verify the number with the code it was texted",
  "x-access": signedIn,
  request: { body: jsonBody(phoneCodeInputSchema) },
  responses: {
    200: json("Verified: `number` is the new number.", phoneAnswer),
    400: errorDoc(
      "Not 6 digits (validation_error), the wrong code (invalid_code, with the tries left), an expired code (code_expired), or no code waiting (no_code_pending).",
    ),
    429: errorDoc(
      "5 wrong codes: this code is spent; ask for a new one (error: too_many_attempts).",
    ),
  },
});

const patchPhone = defineRoute({
  method: "patch",
  path: "/me/phone",
  operationId: "updateMyPhone",
  summary: "Turn text reminders on or off",
  "x-access": signedIn,
  request: { body: jsonBody(smsRemindersInputSchema) },
  responses: {
    200: json("Saved.", phoneAnswer),
    409: errorDoc(
      "Reminders can only be turned on for a verified number (error: phone_not_verified).",
    ),
  },
});

const deletePhone = defineRoute({
  method: "delete",
  path: "/me/phone",
  operationId: "removeMyPhone",
  summary: "Remove the mobile number (and stop text reminders)",
  "x-access": signedIn,
  responses: { 200: json("Removed (or there was none).", phoneAnswer) },
});

/** Defines /api/me/phone* on `api`. */
export function phoneRoutes(api: ApiApp): void {
  api.openapi(getPhone, async (c) => {
    const phone = await getPhoneState(c.env.kv, currentUser(c).id);
    return c.json({ phone }, 200);
  });

  api.openapi(putPhone, async (c) => {
    const phone = await requestPhoneCode(
      c.env.kv,
      currentUser(c),
      c.req.valid("json"),
      c.env.meta,
    );
    return c.json({ phone }, 200);
  });

  api.openapi(verifyPhone, async (c) => {
    const phone = await verifyPhoneCode(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json"),
      c.env.meta,
    );
    return c.json({ phone }, 200);
  });

  api.openapi(patchPhone, async (c) => {
    const phone = await setSmsReminders(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json"),
    );
    return c.json({ phone }, 200);
  });

  api.openapi(deletePhone, async (c) => {
    const phone = await removePhone(c.env.kv, currentUser(c).id, c.env.meta);
    return c.json({ phone }, 200);
  });
}

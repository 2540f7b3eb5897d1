/**
 * An expert's earnings and withdrawals: balances per currency, the payout
 * account (bank details with the simulated processor, Stripe Connect with
 * Stripe) and withdrawal requests, which admins approve (./finance.ts).
 */
import { z } from "zod";
import { role } from "@/auth/policy.ts";
import {
  bankDetailsSchema,
  earningsSchema,
  getEarnings,
  getPayoutAccount,
  listOwnWithdrawals,
  payoutAccountSchema,
  requestWithdrawal,
  setBankAccount,
  startStripeOnboarding,
  withdrawalRequestSchema,
  withdrawalSchema,
} from "@/services/earnings/mod.ts";
import { pageQuerySchema } from "@/services/platform/model.ts";
import { ApiError } from "@/api/errors.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc, json, jsonBody } from "@/api/route.ts";
import { nextCursorSchema } from "@/api/schemas.ts";

const expert = role("expert");

const earningsRoute = defineRoute({
  method: "get",
  path: "/expert/earnings",
  operationId: "getMyEarnings",
  summary: "Pending, available, on-the-way and paid-out earnings per currency",
  "x-access": expert,
  responses: {
    200: json(
      "Every currency the expert has earned in.",
      z.object({
        earnings: z.array(earningsSchema),
      }),
    ),
  },
});

const payoutAccountResponse = z.object({
  payoutAccount: payoutAccountSchema.nullable(),
  method: z.enum(["bank", "stripe"]).describe(
    "How this server pays experts: bank details (simulated processor) or Stripe Connect.",
  ),
});

const getAccountRoute = defineRoute({
  method: "get",
  path: "/expert/payout-account",
  operationId: "getMyPayoutAccount",
  summary: "Where withdrawals are paid (the IBAN masked)",
  "x-access": expert,
  responses: { 200: json("Null until set up.", payoutAccountResponse) },
});

const putAccountRoute = defineRoute({
  method: "put",
  path: "/expert/payout-account",
  operationId: "setMyPayoutAccount",
  summary: "Set bank details (holder and IBAN), stored encrypted",
  description:
    "With the built-in simulated processor. When Stripe is configured, use POST /expert/payout-account/stripe-onboarding instead.",
  "x-access": expert,
  request: { body: jsonBody(bankDetailsSchema) },
  responses: {
    200: json("Saved; the IBAN comes back masked.", payoutAccountResponse),
    409: errorDoc(
      "This server pays through Stripe Connect (error: conflict).",
    ),
  },
});

const onboardingRoute = defineRoute({
  method: "post",
  path: "/expert/payout-account/stripe-onboarding",
  operationId: "startStripeOnboarding",
  summary: "Start or continue Stripe Connect onboarding",
  "x-access": expert,
  responses: {
    200: json(
      "Send the expert to `onboardingUrl`.",
      z.object({
        payoutAccount: payoutAccountSchema,
        onboardingUrl: z.url(),
      }),
    ),
    409: errorDoc("Stripe is not configured on this server (error: conflict)."),
  },
});

const requestRoute = defineRoute({
  method: "post",
  path: "/expert/withdrawals",
  operationId: "requestWithdrawal",
  summary: "Ask to withdraw available earnings",
  description:
    "At least the minimum withdrawal, at most what is available, one open request per currency.",
  "x-access": expert,
  request: { body: jsonBody(withdrawalRequestSchema) },
  responses: {
    201: json(
      "Waiting for an admin.",
      z.object({
        withdrawal: withdrawalSchema,
      }),
    ),
    409: errorDoc(
      "A withdrawal in this currency is already waiting (error: conflict).",
    ),
  },
});

const listRoute = defineRoute({
  method: "get",
  path: "/expert/withdrawals",
  operationId: "listMyWithdrawals",
  summary: "The expert's withdrawals, newest first",
  "x-access": expert,
  request: { query: pageQuerySchema },
  responses: {
    200: json(
      "One page.",
      z.object({
        withdrawals: z.array(withdrawalSchema),
        nextCursor: nextCursorSchema,
      }),
    ),
  },
});

/** Defines /api/expert/earnings, payout account and withdrawals on `api`. */
export function earningsRoutes(api: ApiApp): void {
  api.openapi(earningsRoute, async (c) => {
    return c.json(
      { earnings: await getEarnings(c.env.kv, currentUser(c).id) },
      200,
    );
  });

  api.openapi(getAccountRoute, async (c) => {
    return c.json({
      payoutAccount: await getPayoutAccount(c.env.kv, currentUser(c).id),
      method: c.env.state.providers.payments.name === "stripe"
        ? "stripe" as const
        : "bank" as const,
    }, 200);
  });

  api.openapi(putAccountRoute, async (c) => {
    if (c.env.state.providers.payments.name === "stripe") {
      throw new ApiError(
        409,
        "conflict",
        "Payouts go through Stripe here: use Stripe onboarding instead of bank details.",
      );
    }
    const payoutAccount = await setBankAccount(
      c.env.kv,
      c.env.state.providers.secrets,
      currentUser(c).id,
      c.req.valid("json"),
      c.env.meta,
    );
    return c.json({ payoutAccount, method: "bank" as const }, 200);
  });

  api.openapi(onboardingRoute, async (c) => {
    const payments = c.env.state.providers.payments;
    if (payments.name !== "stripe") {
      throw new ApiError(
        409,
        "conflict",
        "Stripe is not configured here: add bank details instead.",
      );
    }
    const user = currentUser(c);
    const base = c.env.meta.baseUrl;
    const { account, onboardingUrl } = await startStripeOnboarding(
      c.env.kv,
      payments,
      { id: user.id, email: user.email },
      {
        returnUrl: `${base}/expert/earnings?onboarding=done`,
        refreshUrl: `${base}/expert/earnings?onboarding=again`,
      },
      c.env.meta,
    );
    return c.json({ payoutAccount: account, onboardingUrl }, 200);
  });

  api.openapi(requestRoute, async (c) => {
    const withdrawal = await requestWithdrawal(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json"),
      c.env.meta,
    );
    return c.json({ withdrawal }, 201);
  });

  api.openapi(listRoute, async (c) => {
    const page = await listOwnWithdrawals(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("query"),
    );
    return c.json(
      { withdrawals: page.items, nextCursor: page.nextCursor },
      200,
    );
  });
}

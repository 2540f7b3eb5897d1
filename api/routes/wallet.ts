/**
 * A learner's credits: balances, the ledger lines behind them, credit packs,
 * top-ups through the payment processor, and refunds of unused credits.
 * Credits are granted by the processor's events (see ./payments.ts), never
 * by a request here; every top-up id is checked against its owner.
 */
import { z } from "zod";
import { owned, publicAccess, role } from "@/auth/policy.ts";
import { entrySchema } from "@/services/ledger/mod.ts";
import { pageQuerySchema } from "@/services/platform/model.ts";
import {
  creditPackSchema,
  getOwnTopUp,
  getWalletBalances,
  listActiveCreditPacks,
  listOwnTopUps,
  listWalletEntries,
  requestRefund,
  startTopUp,
  topUpRequestSchema,
  topUpSchema,
} from "@/services/wallet/mod.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc, idParam, json, jsonBody } from "@/api/route.ts";
import { nextCursorSchema } from "@/api/schemas.ts";

const learner = role("learner");
const ownTopUp = owned(learner, "the top-up is the caller's");
const topUpParams = z.object({ id: idParam("top-up", "The top-up's id.") });
const noSuchTopUp = errorDoc("No top-up of the caller's has this id.");

const balanceSchema = z.object({
  currency: z.string(),
  availableMinor: z.number().int().describe("Credits that can be spent now."),
  frozenMinor: z.number().int().describe(
    "Credits held for a refund on its way or a disputed payment.",
  ),
}).meta({ id: "WalletBalance" });

const topUp = topUpSchema;

const walletRoute = defineRoute({
  method: "get",
  path: "/wallet",
  operationId: "getWallet",
  summary: "The learner's credits per currency",
  "x-access": learner,
  responses: {
    200: json(
      "Every currency the learner has held credits in.",
      z.object({
        balances: z.array(balanceSchema),
      }),
    ),
  },
});

const entriesRoute = defineRoute({
  method: "get",
  path: "/wallet/entries",
  operationId: "listWalletEntries",
  summary: "The ledger lines of the learner's wallet, newest first",
  "x-access": learner,
  request: { query: pageQuerySchema },
  responses: {
    200: json(
      "One page of entries.",
      z.object({
        entries: z.array(entrySchema),
        nextCursor: nextCursorSchema,
      }),
    ),
  },
});

const packsRoute = defineRoute({
  method: "get",
  path: "/credit-packs",
  operationId: "listCreditPacks",
  summary: "The credit packs on offer",
  "x-access": publicAccess,
  responses: {
    200: json(
      "Packs by currency and size.",
      z.object({
        packs: z.array(creditPackSchema),
      }),
    ),
  },
});

const startRoute = defineRoute({
  method: "post",
  path: "/wallet/top-ups",
  operationId: "startTopUp",
  summary: "Buy credits: a pack, or an amount in a currency",
  description:
    "Records a pending top-up and opens a checkout at the payment processor; send the learner to `checkoutUrl`. The credits arrive when the processor reports the payment. With the built-in simulated processor, the checkout page takes a form post of `card` (4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0000 0000 9995 has insufficient funds).",
  "x-access": learner,
  request: { body: jsonBody(topUpRequestSchema) },
  responses: {
    201: json(
      "The top-up and where to pay.",
      z.object({
        topUp,
        checkoutUrl: z.url(),
      }),
    ),
    429: errorDoc(
      "Too many top-ups this hour (error: rate_limited); Retry-After says when to try again.",
    ),
    502: errorDoc(
      "The payment processor did not answer (error: payment_unavailable); nothing was charged.",
    ),
  },
});

const listRoute = defineRoute({
  method: "get",
  path: "/wallet/top-ups",
  operationId: "listTopUps",
  summary: "The learner's top-ups, newest first",
  "x-access": learner,
  request: { query: pageQuerySchema },
  responses: {
    200: json(
      "One page of top-ups.",
      z.object({
        topUps: z.array(topUp),
        nextCursor: nextCursorSchema,
      }),
    ),
  },
});

const getRoute = defineRoute({
  method: "get",
  path: "/wallet/top-ups/{id}",
  operationId: "getTopUp",
  summary: "One top-up and its status",
  "x-access": ownTopUp,
  request: { params: topUpParams },
  responses: {
    200: json(
      "pending, paid, failed (with a reason) or refunded.",
      z.object({ topUp }),
    ),
    404: noSuchTopUp,
  },
});

const refundRoute = defineRoute({
  method: "post",
  path: "/wallet/top-ups/{id}/refund",
  operationId: "refundTopUp",
  summary: "Send the unused credits of a top-up back to the card",
  description:
    "Within the refund window, what is left of the top-up (at most what it paid) goes back to the card; its bonus credits return to the platform. The credits are frozen until the processor confirms.",
  "x-access": ownTopUp,
  request: { params: topUpParams },
  responses: {
    202: json(
      "The refund is under way (or, with the simulated processor, done).",
      z.object({ topUp }),
    ),
    400: errorDoc(
      "Nothing to refund: the top-up is not paid, is past the refund window, is disputed, or its credits are spent (error: validation_error).",
    ),
    404: noSuchTopUp,
    409: errorDoc(
      "The top-up is already refunded or a refund is under way (error: conflict).",
    ),
    502: errorDoc(
      "The payment processor did not answer (error: payment_unavailable); the credits are back.",
    ),
  },
});

/** Defines /api/wallet*, /api/credit-packs on `api`. */
export function walletRoutes(api: ApiApp): void {
  api.openapi(walletRoute, async (c) => {
    const balances = await getWalletBalances(c.env.kv, currentUser(c).id);
    return c.json({ balances }, 200);
  });

  api.openapi(entriesRoute, async (c) => {
    const page = await listWalletEntries(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("query"),
    );
    return c.json({ entries: page.items, nextCursor: page.nextCursor }, 200);
  });

  api.openapi(packsRoute, async (c) => {
    return c.json({ packs: await listActiveCreditPacks(c.env.kv) }, 200);
  });

  api.openapi(startRoute, async (c) => {
    const user = currentUser(c);
    const started = await startTopUp(c.env.kv, c.env.state.providers.payments, {
      learner: { id: user.id, email: user.email },
      request: c.req.valid("json"),
      baseUrl: c.env.meta.baseUrl,
      meta: c.env.meta,
    });
    return c.json(started, 201);
  });

  api.openapi(listRoute, async (c) => {
    const page = await listOwnTopUps(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("query"),
    );
    return c.json({ topUps: page.items, nextCursor: page.nextCursor }, 200);
  });

  api.openapi(getRoute, async (c) => {
    const found = await getOwnTopUp(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
    );
    return c.json({ topUp: found }, 200);
  });

  api.openapi(refundRoute, async (c) => {
    const refunded = await requestRefund(
      c.env.kv,
      c.env.state.providers.payments,
      currentUser(c).id,
      c.req.valid("param").id,
    );
    return c.json({ topUp: refunded }, 202);
  });
}

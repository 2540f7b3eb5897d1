/**
 * A local server that speaks the part of Stripe's REST API TapTime uses, so
 * tests drive the real `stripe` SDK end to end: form-encoded bodies with
 * Stripe's bracket notation, bearer keys, idempotency keys (a replay returns
 * the first answer; other parameters under a used key are refused), Stripe's
 * error shape, and objects with the fields we read.
 *
 * Endpoints: POST /v1/checkout/sessions, GET /v1/checkout/sessions/:id,
 * POST /v1/refunds, POST /v1/accounts, POST /v1/account_links,
 * POST /v1/transfers.
 *
 * Test controls (not Stripe's API) build the events Stripe would send and
 * sign them with the SDK's own test-header helper.
 */
import Stripe from "stripe";

type Params = Record<string, unknown>;

/** Parses `a[b][0][c]=v` form bodies into nested objects and arrays. */
export function parseStripeForm(body: string): Params {
  const root: Params = {};
  for (const [name, value] of new URLSearchParams(body)) {
    const path = name.replace(/\]/g, "").split("[");
    let node: Record<string, unknown> = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) {
        node[part] = value;
        return;
      }
      const nextIsIndex = /^\d+$/.test(path[index + 1]);
      node[part] ??= nextIsIndex ? [] : {};
      node = node[part] as Record<string, unknown>;
    });
  }
  return root;
}

interface StoredSession {
  id: string;
  object: "checkout.session";
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  customer_email: string | null;
  metadata: Record<string, string>;
  mode: string;
  payment_intent: string | null;
  payment_status: "unpaid" | "paid";
  status: "open" | "complete" | "expired";
  success_url: string;
  cancel_url: string | null;
  url: string;
  total_details: {
    amount_discount: number;
    amount_shipping: number;
    amount_tax: number;
  };
  automatic_tax: { enabled: boolean; status: string | null };
  created: number;
  livemode: false;
}

export interface StripeStandIn {
  url: string;
  secretKey: string;
  webhookSecret: string;
  sessions: Map<string, StoredSession>;
  accounts: Map<string, Record<string, unknown>>;
  transfers: Record<string, unknown>[];
  refunds: Record<string, unknown>[];
  /** Requests seen, for asserting what the SDK sent. */
  requests: {
    method: string;
    path: string;
    params: Params;
    idempotencyKey: string | null;
  }[];
  /** Marks a session paid (or leaves it unpaid for a delayed method) and returns Stripe's event. */
  completeSession(
    id: string,
    opts?: { paid?: boolean; taxMinor?: number },
  ): Stripe.Event;
  /** Any Stripe event around `object`. */
  event(type: string, object: Record<string, unknown>): Stripe.Event;
  /** A payload and Stripe-Signature header, signed with `secret` at `timestamp`. */
  sign(
    event: Stripe.Event,
    opts?: { secret?: string; timestamp?: number },
  ): Promise<{ payload: string; signature: string }>;
  close(): Promise<void>;
}

let counter = 0;
const newId = (prefix: string) =>
  `${prefix}_test_${Date.now().toString(36)}${
    (counter++).toString(36).padStart(4, "0")
  }`;

function stripeError(
  status: number,
  message: string,
  extra: Record<string, string> = {},
): Response {
  return Response.json({
    error: { type: "invalid_request_error", message, ...extra },
  }, { status });
}

export function startStripeStandIn(): StripeStandIn {
  const secretKey = "sk_test_taptime_stand_in";
  const webhookSecret = "whsec_taptime_stand_in";
  const sessions = new Map<string, StoredSession>();
  const accounts = new Map<string, Record<string, unknown>>();
  const transfers: Record<string, unknown>[] = [];
  const refunds: Record<string, unknown>[] = [];
  const requests: StripeStandIn["requests"] = [];
  const idempotent = new Map<
    string,
    { body: string; status: number; response: unknown }
  >();
  const paidIntents = new Map<
    string,
    { amount: number; refunded: number; currency: string }
  >();
  const stripe = new Stripe(secretKey);

  function handle(method: string, path: string, params: Params): Response {
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const lines = params.line_items as Params[] | undefined;
      if (params.mode !== "payment") {
        return stripeError(400, "Missing required param: mode.", {
          param: "mode",
        });
      }
      if (!lines?.length) {
        return stripeError(400, "Missing required param: line_items.", {
          param: "line_items",
        });
      }
      if (!params.success_url) {
        return stripeError(400, "Missing required param: success_url.", {
          param: "success_url",
        });
      }
      const price = lines[0].price_data as Params;
      const amount = Number(price.unit_amount) * Number(lines[0].quantity ?? 1);
      if (!Number.isInteger(amount) || amount <= 0) {
        return stripeError(400, "Invalid integer: unit_amount.", {
          param: "line_items[0][price_data][unit_amount]",
        });
      }
      const id = newId("cs");
      const session: StoredSession = {
        id,
        object: "checkout.session",
        amount_subtotal: amount,
        amount_total: amount,
        currency: String(price.currency),
        client_reference_id: (params.client_reference_id as string) ?? null,
        customer_email: (params.customer_email as string) ?? null,
        metadata: (params.metadata as Record<string, string>) ?? {},
        mode: "payment",
        payment_intent: null,
        payment_status: "unpaid",
        status: "open",
        success_url: String(params.success_url),
        cancel_url: (params.cancel_url as string) ?? null,
        url: `https://checkout.stripe.test/c/pay/${id}`,
        total_details: {
          amount_discount: 0,
          amount_shipping: 0,
          amount_tax: 0,
        },
        automatic_tax: {
          enabled:
            (params.automatic_tax as Params | undefined)?.enabled === "true",
          status: null,
        },
        created: Math.floor(Date.now() / 1000),
        livemode: false,
      };
      sessions.set(id, session);
      return Response.json(session);
    }
    const sessionMatch = path.match(/^\/v1\/checkout\/sessions\/([\w]+)$/);
    if (method === "GET" && sessionMatch) {
      const session = sessions.get(sessionMatch[1]);
      return session
        ? Response.json(session)
        : stripeError(404, `No such checkout.session: '${sessionMatch[1]}'`, {
          code: "resource_missing",
        });
    }
    if (method === "POST" && path === "/v1/refunds") {
      const intent = paidIntents.get(String(params.payment_intent));
      if (!intent) {
        return stripeError(
          404,
          `No such payment_intent: '${params.payment_intent}'`,
          { code: "resource_missing", param: "payment_intent" },
        );
      }
      const amount = params.amount === undefined
        ? intent.amount - intent.refunded
        : Number(params.amount);
      if (amount > intent.amount - intent.refunded) {
        return stripeError(
          400,
          `Refund amount (${amount}) is greater than unrefunded amount on charge (${
            intent.amount - intent.refunded
          })`,
          { code: "amount_too_large" },
        );
      }
      intent.refunded += amount;
      const refund = {
        id: newId("re"),
        object: "refund",
        amount,
        currency: intent.currency,
        payment_intent: params.payment_intent,
        metadata: params.metadata ?? {},
        status: "pending",
        created: Math.floor(Date.now() / 1000),
      };
      refunds.push(refund);
      return Response.json(refund);
    }
    if (method === "POST" && path === "/v1/accounts") {
      const account = {
        id: newId("acct"),
        object: "account",
        type: params.type ?? "express",
        email: params.email ?? null,
        charges_enabled: false,
        payouts_enabled: false,
        details_submitted: false,
      };
      accounts.set(account.id, account);
      return Response.json(account);
    }
    if (method === "POST" && path === "/v1/account_links") {
      if (!accounts.has(String(params.account))) {
        return stripeError(400, `No such account: '${params.account}'`, {
          param: "account",
        });
      }
      return Response.json({
        object: "account_link",
        url: `https://connect.stripe.test/setup/e/${params.account}`,
        created: Math.floor(Date.now() / 1000),
        expires_at: Math.floor(Date.now() / 1000) + 300,
      });
    }
    if (method === "POST" && path === "/v1/transfers") {
      const account = accounts.get(String(params.destination));
      if (!account) {
        return stripeError(
          400,
          `No such destination: '${params.destination}'`,
          { param: "destination" },
        );
      }
      if (!account.payouts_enabled) {
        return stripeError(
          400,
          "Your destination account needs to have at least one of the following capabilities enabled: transfers",
          { code: "insufficient_capabilities_for_transfer" },
        );
      }
      const transfer = {
        id: newId("tr"),
        object: "transfer",
        amount: Number(params.amount),
        currency: params.currency,
        destination: params.destination,
        metadata: params.metadata ?? {},
        created: Math.floor(Date.now() / 1000),
      };
      transfers.push(transfer);
      return Response.json(transfer);
    }
    return stripeError(404, `Unrecognized request URL (${method}: ${path}).`);
  }

  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (req) => {
      const url = new URL(req.url);
      if (req.headers.get("authorization") !== `Bearer ${secretKey}`) {
        return Response.json({
          error: {
            type: "invalid_request_error",
            message: "Invalid API Key provided.",
          },
        }, { status: 401 });
      }
      const body = req.method === "GET" ? "" : await req.text();
      const params = parseStripeForm(body);
      const idempotencyKey = req.headers.get("idempotency-key");
      requests.push({
        method: req.method,
        path: url.pathname,
        params,
        idempotencyKey,
      });
      if (idempotencyKey && req.method === "POST") {
        const previous = idempotent.get(idempotencyKey);
        if (previous) {
          if (previous.body !== body) {
            return Response.json({
              error: {
                type: "idempotency_error",
                message:
                  "Keys for idempotent requests can only be used with the same parameters they were first used with.",
              },
            }, { status: 400 });
          }
          return Response.json(previous.response, {
            status: previous.status,
            headers: { "idempotent-replayed": "true" },
          });
        }
        const response = handle(req.method, url.pathname, params);
        const copy = response.clone();
        idempotent.set(idempotencyKey, {
          body,
          status: copy.status,
          response: await copy.json(),
        });
        return response;
      }
      return handle(req.method, url.pathname, params);
    },
  );

  function event(type: string, object: Record<string, unknown>): Stripe.Event {
    return {
      id: newId("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: Math.floor(Date.now() / 1000),
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    } as unknown as Stripe.Event;
  }

  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    secretKey,
    webhookSecret,
    sessions,
    accounts,
    transfers,
    refunds,
    requests,
    completeSession(id, opts = {}) {
      const session = sessions.get(id);
      if (!session) throw new Error(`no session ${id}`);
      const paid = opts.paid ?? true;
      session.status = "complete";
      session.payment_status = paid ? "paid" : "unpaid";
      session.payment_intent ??= newId("pi");
      const tax = opts.taxMinor ?? 0;
      session.total_details.amount_tax = tax;
      session.amount_total = session.amount_subtotal + tax;
      paidIntents.set(session.payment_intent, {
        amount: session.amount_total,
        refunded: 0,
        currency: session.currency,
      });
      return event("checkout.session.completed", { ...session });
    },
    event,
    async sign(evt, opts = {}) {
      const payload = JSON.stringify(evt);
      const signature = await stripe.webhooks.generateTestHeaderStringAsync({
        payload,
        secret: opts.secret ?? webhookSecret,
        timestamp: opts.timestamp,
      });
      return { payload, signature };
    },
    close: () => server.shutdown(),
  };
}

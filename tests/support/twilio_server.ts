/**
 * A local server that speaks the part of Twilio's REST API TapTime uses, so
 * tests drive the official `twilio` SDK end to end (TWILIO_API_URL points
 * it here):
 *
 *   POST /2010-04-01/Accounts/{AccountSid}/Messages.json
 *     HTTP Basic auth (account SID : auth token), form-encoded To, Body and
 *     From or MessagingServiceSid; answers 201 with a Message resource
 *     (sid SM…, status "queued", or "accepted" through a Messaging Service)
 *   GET  /2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json
 *
 * Failures answer Twilio's error JSON, { code, message, more_info, status },
 * with Twilio's codes: 20003 (authentication), 20404 (no such resource),
 * 21602/21603/21604 (Body/From/To missing), 21211 (To not E.164), 21617
 * (body over 1600 characters).
 *
 * Test controls (not Twilio's API): `refuse(number, error)` makes every
 * message to `number` fail with that Twilio error (21610: the recipient
 * replied STOP), `failNext(status)` makes the next request fail as a
 * provider outage would, and `messages` records what was accepted.
 */

/** An accepted message, as the server keeps it. */
export interface TwilioMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  status: "queued" | "accepted";
  dateCreated: string;
}

/** Twilio's error JSON. */
export interface TwilioError {
  code: number;
  message: string;
  status: number;
}

export interface TwilioStandIn {
  /** The origin to give as TWILIO_API_URL. */
  url: string;
  accountSid: string;
  authToken: string;
  /** The sending number to give as TWILIO_FROM. */
  from: string;
  /** TWILIO_* variables for a test app. */
  env: Record<string, string>;
  /** Accepted messages, oldest first. */
  messages: TwilioMessage[];
  /** Every request seen (method and path), for asserting what was sent. */
  requests: { method: string; path: string }[];
  /** Every later message to `to` fails with `error`. */
  refuse(to: string, error: TwilioError): void;
  /** The next `count` requests fail with `status` (an outage). */
  failNext(status?: number, count?: number): void;
  /** Resolves once `count` messages were accepted (or throws after `ms`). */
  waitForMessages(count: number, ms?: number): Promise<TwilioMessage[]>;
  close(): Promise<void>;
}

const HEX = "0123456789abcdef";
const hex = (length: number) =>
  Array.from(
    crypto.getRandomValues(new Uint8Array(length)),
    (byte) => HEX[byte % 16],
  ).join("");

function twilioError(error: TwilioError): Response {
  return Response.json({
    code: error.code,
    message: error.message,
    more_info: `https://www.twilio.com/docs/errors/${error.code}`,
    status: error.status,
  }, { status: error.status });
}

/** RFC 2822, as Twilio writes dates. */
const rfc2822 = (date: Date) => date.toUTCString().replace("GMT", "+0000");

export function startTwilioStandIn(): TwilioStandIn {
  const accountSid = `AC${hex(32)}`;
  const authToken = hex(32);
  const from = "+15005550006";
  const messages: TwilioMessage[] = [];
  const requests: TwilioStandIn["requests"] = [];
  const refusals = new Map<string, TwilioError>();
  let failures: { status: number; count: number } = { status: 500, count: 0 };

  function resource(message: TwilioMessage) {
    const uri =
      `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}.json`;
    return {
      account_sid: accountSid,
      api_version: "2010-04-01",
      body: message.body,
      date_created: message.dateCreated,
      date_sent: null,
      date_updated: message.dateCreated,
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from: message.from,
      messaging_service_sid: message.messagingServiceSid,
      num_media: "0",
      num_segments: String(Math.max(1, Math.ceil(message.body.length / 153))),
      price: null,
      price_unit: "USD",
      sid: message.sid,
      status: message.status,
      subresource_uris: { media: uri.replace(".json", "/Media.json") },
      to: message.to,
      uri,
    };
  }

  function create(params: URLSearchParams): Response {
    const to = params.get("To");
    const body = params.get("Body");
    const sender = params.get("From");
    const service = params.get("MessagingServiceSid");
    if (!to) {
      return twilioError({
        code: 21604,
        message: "A 'To' phone number is required.",
        status: 400,
      });
    }
    if (!sender && !service) {
      return twilioError({
        code: 21603,
        message: "A 'From' phone number is required.",
        status: 400,
      });
    }
    if (!body) {
      return twilioError({
        code: 21602,
        message: "Message body is required.",
        status: 400,
      });
    }
    if (!/^\+[1-9]\d{6,14}$/.test(to)) {
      return twilioError({
        code: 21211,
        message: `The 'To' number ${to} is not a valid phone number.`,
        status: 400,
      });
    }
    if (body.length > 1600) {
      return twilioError({
        code: 21617,
        message:
          "The concatenated message body exceeds the 1600 character limit.",
        status: 400,
      });
    }
    const refusal = refusals.get(to);
    if (refusal) return twilioError(refusal);
    const message: TwilioMessage = {
      sid: `SM${hex(32)}`,
      to,
      from: service ? null : sender,
      messagingServiceSid: service,
      body,
      status: service ? "accepted" : "queued",
      dateCreated: rfc2822(new Date()),
    };
    messages.push(message);
    return Response.json(resource(message), { status: 201 });
  }

  const base = `/2010-04-01/Accounts/${accountSid}`;
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (req) => {
      const path = new URL(req.url).pathname;
      requests.push({ method: req.method, path });
      const expected = `Basic ${btoa(`${accountSid}:${authToken}`)}`;
      if (req.headers.get("authorization") !== expected) {
        await req.body?.cancel();
        return twilioError({
          code: 20003,
          message: "Authenticate",
          status: 401,
        });
      }
      if (failures.count > 0) {
        failures.count--;
        await req.body?.cancel();
        return twilioError({
          code: 20500,
          message: "An internal server error has occurred",
          status: failures.status,
        });
      }
      if (req.method === "POST" && path === `${base}/Messages.json`) {
        if (
          !req.headers.get("content-type")?.startsWith(
            "application/x-www-form-urlencoded",
          )
        ) {
          await req.body?.cancel();
          return twilioError({
            code: 20001,
            message: "Send form-encoded parameters.",
            status: 400,
          });
        }
        return create(new URLSearchParams(await req.text()));
      }
      const one = path.match(/^(.*)\/Messages\/(SM[0-9a-f]{32})\.json$/);
      if (req.method === "GET" && one?.[1] === base) {
        const found = messages.find((message) => message.sid === one[2]);
        if (found) return Response.json(resource(found));
      }
      await req.body?.cancel();
      return twilioError({
        code: 20404,
        message: `The requested resource ${path} was not found`,
        status: 404,
      });
    },
  );
  const url = `http://127.0.0.1:${server.addr.port}`;

  return {
    url,
    accountSid,
    authToken,
    from,
    env: {
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      TWILIO_FROM: from,
      TWILIO_API_URL: url,
    },
    messages,
    requests,
    refuse: (to, error) => refusals.set(to, error),
    failNext(status = 500, count = 1) {
      failures = { status, count };
    },
    async waitForMessages(count, ms = 5_000) {
      const deadline = Date.now() + ms;
      while (messages.length < count) {
        if (Date.now() > deadline) {
          throw new Error(
            `expected ${count} texts at the Twilio stand-in, got ${messages.length}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return messages;
    },
    close: () => server.shutdown(),
  };
}

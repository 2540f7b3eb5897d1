/**
 * Sending text messages through the provider bound to the database handle
 * (see ./providers.ts), the same way as email (./email/mod.ts):
 *
 * - by default each message goes to an outbox kept in KV, which the
 *   development tools (/dev/mail, beside the emails) and tests read;
 * - with Twilio configured (`config.sms`: TWILIO_ACCOUNT_SID,
 *   TWILIO_AUTH_TOKEN, TWILIO_FROM, and TWILIO_API_URL for a local server
 *   in tests) each message is POSTed to Twilio's Messages API through the
 *   official `twilio` SDK.
 *
 * Two ways to send:
 * - `getSmsProvider(kv).send(message)` sends now and throws SmsSendError
 *   when the provider refuses: for a verification code, whose sender is
 *   waiting and should hear "this number cannot get texts" at once;
 * - `queueSms(kv, { key, ... })` hands the message to the `sms.deliver`
 *   job: retried when the provider is down, and sent at most once per
 *   `key` however often the job runs (a reminder).
 *
 * Links in a text must be absolute: `linkBase` on the provider is the
 * public origin (PUBLIC_URL, else the local server's), bound with it.
 *
 * KV keys
 *   ["sms_outbox", id]  → SmsOutboxMessage   id is a ULID: reverse key
 *                                            order is newest first
 *   ["sms_sent", key]   → DeliveryMarker     one per queued key: "sending"
 *                                            (a lease while a process
 *                                            talks to the provider), then
 *                                            "sent" or "failed"; kept 30 days
 */
import twilio from "twilio";
import { z } from "zod";
import { defineJob, enqueue } from "./jobs.ts";
import { newId, withLockRetry } from "./kv.ts";
import { defineProviderSlot, providerFor } from "./providers.ts";
import { RETRY, untilCommitted } from "./retry.ts";

/** A phone number in E.164 form: "+" and up to 15 digits, no leading 0. */
export const e164Schema = z.string().regex(
  /^\+[1-9]\d{6,14}$/,
  "Use a phone number in E.164 form, like +14155550100.",
);

/** One text message. Twilio splits long bodies; 1600 characters is its limit. */
export const smsMessageSchema = z.object({
  to: e164Schema,
  body: z.string().min(1).max(1600),
});
export type SmsMessage = z.infer<typeof smsMessageSchema>;

/** What the provider said about a message it took. */
export interface SmsReceipt {
  /** The provider's id for it (Twilio's SM… sid, or the outbox id). */
  id: string;
  /** Twilio's status ("queued", "accepted", "sent"…), or "outbox". */
  status: string;
}

/** Where text messages go. */
export interface SmsProvider {
  /** Sends `message` now; throws SmsSendError when it was not taken. */
  send(message: SmsMessage): Promise<SmsReceipt>;
  /** The origin links in texts point to, no trailing slash. */
  readonly linkBase: string;
}

/** The Twilio settings env.ts reads (TWILIO_*). */
export interface SmsSettings {
  accountSid: string;
  authToken: string;
  /** A sending number (E.164) or a Messaging Service SID (MG…). */
  from: string;
  /** Another API origin than https://api.twilio.com (a local server in tests). */
  apiUrl?: string;
}

/**
 * The provider did not take a message. `permanent` refusals (a number that
 * cannot receive texts, an unsubscribed one, bad credentials) fail the same
 * way when retried; the others (the provider down or slow) may not.
 */
export class SmsSendError extends Error {
  constructor(
    message: string,
    /** The HTTP status of the provider's answer; 0 when there was none. */
    readonly status: number,
    /** Twilio's error code (https://www.twilio.com/docs/api/errors), when given. */
    readonly code: number | null = null,
    readonly moreInfo: string | null = null,
  ) {
    super(message);
    this.name = "SmsSendError";
  }

  get permanent(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 429;
  }
}

/** A text kept in the KV outbox. */
export interface SmsOutboxMessage extends SmsMessage {
  id: string;
  createdAt: string;
}

const OUTBOX = "sms_outbox";

/** Where links point when nothing was bound (development, unit tests). */
export const DEFAULT_LINK_BASE = "http://localhost:8000";

/** A provider that keeps each text in the KV outbox. */
export function createOutboxSmsProvider(
  kv: Deno.Kv,
  linkBase = DEFAULT_LINK_BASE,
): SmsProvider {
  return {
    linkBase: linkBase.replace(/\/+$/, ""),
    async send(message) {
      const stored: SmsOutboxMessage = {
        id: newId(),
        to: message.to,
        body: message.body,
        createdAt: new Date().toISOString(),
      };
      await withLockRetry(() => kv.set([OUTBOX, stored.id], stored));
      return { id: stored.id, status: "outbox" };
    },
  };
}

/** How long one request to Twilio may take before it counts as down. */
const TWILIO_TIMEOUT_MS = 15_000;

/**
 * A provider that sends through Twilio's Messages API with the official
 * SDK: POST /2010-04-01/Accounts/{sid}/Messages.json, form-encoded
 * To/From (or MessagingServiceSid)/Body, HTTP Basic auth. The SDK's own
 * retries are off: queued texts are retried by the job, and a code is
 * re-requested by its sender.
 */
export function createTwilioSmsProvider(
  settings: SmsSettings,
  linkBase = DEFAULT_LINK_BASE,
): SmsProvider {
  const client = twilio(settings.accountSid, settings.authToken, {
    autoRetry: false,
    timeout: TWILIO_TIMEOUT_MS,
  });
  // Each API domain of the SDK holds its origin in `baseUrl`; the 2010
  // Messages API lives on `api`.
  if (settings.apiUrl) client.api.baseUrl = settings.apiUrl.replace(/\/+$/, "");
  const sender = settings.from.startsWith("MG")
    ? { messagingServiceSid: settings.from }
    : { from: settings.from };
  return {
    linkBase: linkBase.replace(/\/+$/, ""),
    async send(message) {
      try {
        const sent = await client.messages.create({
          to: message.to,
          body: message.body,
          ...sender,
        });
        return { id: sent.sid, status: sent.status };
      } catch (error) {
        throw toSmsSendError(error);
      }
    },
  };
}

/** Twilio's error JSON ({ code, message, status, more_info }) as an SmsSendError. */
function toSmsSendError(error: unknown): SmsSendError {
  if (error instanceof twilio.RestException) {
    return new SmsSendError(
      `Twilio refused the message${
        error.code ? ` (error ${error.code})` : ""
      }: ${error.message}`,
      error.status,
      error.code ?? null,
      error.moreInfo ?? null,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new SmsSendError(`Twilio could not be reached: ${reason}`, 0);
}

/**
 * The provider `settings` ask for: Twilio when configured, else the KV
 * outbox. runtime.ts binds it to the database once.
 */
export function createSmsProvider(
  kv: Deno.Kv,
  settings: SmsSettings | undefined,
  linkBase = DEFAULT_LINK_BASE,
): SmsProvider {
  return settings
    ? createTwilioSmsProvider(settings, linkBase)
    : createOutboxSmsProvider(kv, linkBase);
}

/** The SMS slot; unbound databases use the KV outbox. */
export const smsProvider = defineProviderSlot<SmsProvider>(
  "sms",
  (kv) => createOutboxSmsProvider(kv),
);

/** The provider bound to `kv` (the KV outbox when none was bound). */
export function getSmsProvider(kv: Deno.Kv): SmsProvider {
  return providerFor(kv, smsProvider);
}

// ---------------------------------------------------------------------------
// Queued delivery, at most once per key

/** A queued text: `key` names it, so it goes out once however often it runs. */
export const queuedSmsSchema = smsMessageSchema.extend({
  key: z.string().min(1).max(500),
});
export type QueuedSms = z.infer<typeof queuedSmsSchema>;

type DeliveryMarker =
  | { state: "sending"; until: number }
  | { state: "sent"; id: string; at: string }
  | { state: "failed"; reason: string; at: string };

const sentKey = (key: string): Deno.KvKey => ["sms_sent", key];

/** Longer than one request to the provider may take. */
const LEASE_MS = 2 * TWILIO_TIMEOUT_MS;
const MARKER_MS = 30 * 24 * 3_600_000;

/** Delivery retries: 5 s, 1 min, 10 min, 1 h. */
const RETRY_SCHEDULE_MS = [5_000, 60_000, 600_000, 3_600_000];

/** What became of one delivery. */
export type SmsDelivery = "sent" | "already_sent" | "refused";

/**
 * Sends `queued` unless its key was sent (or refused for good) before.
 * A process takes a lease on the key before talking to the provider, so
 * two runs at once send once; a failure that may pass frees the lease and
 * throws (the job retries); a permanent refusal is recorded and logged.
 */
export async function deliverSmsOnce(
  kv: Deno.Kv,
  queued: QueuedSms,
): Promise<SmsDelivery> {
  const key = sentKey(queued.key);
  const lease = await untilCommitted(async () => {
    const entry = await kv.get<DeliveryMarker>(key);
    const marker = entry.value;
    if (marker?.state === "sent" || marker?.state === "failed") return null;
    if (marker?.state === "sending" && marker.until > Date.now()) {
      throw new Error(`Text ${queued.key} is being sent by another run.`);
    }
    const sending: DeliveryMarker = {
      state: "sending",
      until: Date.now() + LEASE_MS,
    };
    const result = await kv.atomic().check(entry)
      .set(key, sending, { expireIn: MARKER_MS }).commit();
    return result.ok ? result.versionstamp : RETRY;
  });
  if (lease === null) return "already_sent";
  const at = new Date().toISOString();
  try {
    const receipt = await getSmsProvider(kv).send({
      to: queued.to,
      body: queued.body,
    });
    await withLockRetry(() =>
      kv.set(key, { state: "sent", id: receipt.id, at } as DeliveryMarker, {
        expireIn: MARKER_MS,
      })
    );
    return "sent";
  } catch (error) {
    if (error instanceof SmsSendError && error.permanent) {
      console.error(`Text ${queued.key} was refused:`, error.message);
      await withLockRetry(() =>
        kv.set(
          key,
          { state: "failed", reason: error.message, at } as DeliveryMarker,
          { expireIn: MARKER_MS },
        )
      );
      return "refused";
    }
    // Free the lease (if still ours) so the job's retry can send.
    await withLockRetry(() =>
      kv.atomic().check({ key, versionstamp: lease }).delete(key).commit()
    );
    throw error;
  }
}

/** Delivers one queued text (see `deliverSmsOnce`). */
export const smsDeliveryJob = defineJob({
  name: "sms.deliver",
  payload: queuedSmsSchema,
  retry: RETRY_SCHEDULE_MS,
  async handler(queued, { kv }) {
    await deliverSmsOnce(kv, queued);
  },
});

/** Queues `queued` for the `sms.deliver` job; sent once per `key`. */
export async function queueSms(kv: Deno.Kv, queued: QueuedSms): Promise<void> {
  await enqueue(kv, smsDeliveryJob, queued);
}

// ---------------------------------------------------------------------------
// The outbox, for development tools and tests

/**
 * Outbox texts, newest first; `to` keeps those whose number contains it
 * (spaces ignored). `limit` 1..200, default 50.
 */
export async function listSmsOutbox(
  kv: Deno.Kv,
  opts: { to?: string; limit?: number } = {},
): Promise<SmsOutboxMessage[]> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 50), 1), 200);
  const to = opts.to?.replace(/\s+/g, "") ?? "";
  const messages: SmsOutboxMessage[] = [];
  for await (
    const entry of kv.list<SmsOutboxMessage>({ prefix: [OUTBOX] }, {
      reverse: true,
    })
  ) {
    if (to && !entry.value.to.includes(to)) continue;
    messages.push(entry.value);
    if (messages.length === limit) break;
  }
  return messages;
}

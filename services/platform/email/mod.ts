/**
 * Sending email through a provider chosen by the environment: SMTP (via
 * nodemailer) when `SMTP_URL` is set (`smtp://user:pass@host:587`, or
 * `smtps://` for TLS from the start), otherwise an outbox kept in KV that
 * development tools (/dev/mail) and tests read.
 *
 * KV keys
 *   ["outbox", id] → OutboxMessage   id is a ULID, so reverse key order is
 *                                    newest first
 */
// @ts-types="@types/nodemailer"
import nodemailer from "nodemailer";
import { newId, withLockRetry } from "@/services/platform/kv.ts";

/** One email to send. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/** Where email goes. */
export interface EmailProvider {
  send(message: EmailMessage): Promise<void>;
}

/** An email kept in the KV outbox. */
export interface OutboxMessage extends EmailMessage {
  id: string;
  createdAt: string;
}

export const OUTBOX = "outbox";

/** The sender address on every email. */
export const FROM_ADDRESS = "TapTime <no-reply@taptime.local>";

/** A provider that stores each message in the KV outbox. */
export function createOutboxProvider(kv: Deno.Kv): EmailProvider {
  return {
    async send(message) {
      const stored: OutboxMessage = {
        id: newId(),
        to: message.to,
        subject: message.subject,
        text: message.text,
        createdAt: new Date().toISOString(),
      };
      if (message.html !== undefined) stored.html = message.html;
      await withLockRetry(() => kv.set([OUTBOX, stored.id], stored));
    },
  };
}

/**
 * A provider that hands each message to the SMTP server at `smtpUrl`. One
 * connection per message (no pool), so nothing stays open between sends.
 */
export function createSmtpProvider(
  smtpUrl: string,
  from: string = FROM_ADDRESS,
): EmailProvider {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}

function readSmtpUrl(): string | undefined {
  try {
    return Deno.env.get("SMTP_URL") || undefined;
  } catch {
    return undefined; // no --allow-env: the outbox is the safe default
  }
}

/** What an email job on the KV queue holds. */
interface EmailJob {
  type: "email";
  message: EmailMessage;
}

function isEmailJob(value: unknown): value is EmailJob {
  return typeof value === "object" && value !== null &&
    (value as { type?: unknown }).type === "email" &&
    typeof (value as { message?: unknown }).message === "object";
}

/**
 * A provider that queues each message in Deno KV (`kv.enqueue`) for
 * `startEmailDelivery` to hand to SMTP. Sending returns as soon as the job is
 * stored, so a request never waits on a mail server — which would also let
 * response times tell, say, a known email from an unknown one on password
 * resets — and a failed delivery is retried by the queue.
 */
export function createQueuedProvider(kv: Deno.Kv): EmailProvider {
  return {
    async send(message) {
      const job: EmailJob = { type: "email", message };
      await kv.enqueue(job, { backoffSchedule: RETRY_SCHEDULE_MS });
    },
  };
}

/** Delivery retries: 5 s, 1 min, 10 min, 1 h. */
const RETRY_SCHEDULE_MS = [5_000, 60_000, 600_000, 3_600_000];

/**
 * Delivers queued email through SMTP, in the background, for as long as `kv`
 * is open. Call once per process when SMTP is configured (main.ts does).
 * A delivery that throws is retried on RETRY_SCHEDULE_MS. This is the
 * process's only KV queue listener: later job kinds belong in its switch.
 */
export function startEmailDelivery(
  kv: Deno.Kv,
  opts: { smtpUrl?: string } = {},
): Promise<void> {
  const url = opts.smtpUrl ?? readSmtpUrl();
  if (!url) return Promise.resolve();
  const smtp = createSmtpProvider(url);
  return kv.listenQueue(async (job: unknown) => {
    if (isEmailJob(job)) await smtp.send(job.message);
  });
}

/**
 * The provider to use now: the SMTP delivery queue when `smtpUrl` (default:
 * the `SMTP_URL` environment variable) is set, else the KV outbox of `kv`.
 */
export function getEmailProvider(
  kv: Deno.Kv,
  opts: { smtpUrl?: string } = {},
): EmailProvider {
  const url = opts.smtpUrl ?? readSmtpUrl();
  return url ? createQueuedProvider(kv) : createOutboxProvider(kv);
}

/**
 * Outbox messages, newest first; `to` keeps only those to that address (any
 * case). `limit` 1..200, default 50.
 */
export async function listOutbox(
  kv: Deno.Kv,
  opts: { to?: string; limit?: number } = {},
): Promise<OutboxMessage[]> {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 50), 1), 200);
  const to = opts.to?.trim().toLowerCase();
  const messages: OutboxMessage[] = [];
  for await (
    const entry of kv.list<OutboxMessage>({ prefix: [OUTBOX] }, {
      reverse: true,
    })
  ) {
    if (to && entry.value.to.toLowerCase() !== to) continue;
    messages.push(entry.value);
    if (messages.length === limit) break;
  }
  return messages;
}

/** One outbox message, or null. */
export async function getOutboxMessage(
  kv: Deno.Kv,
  id: string,
): Promise<OutboxMessage | null> {
  if (typeof id !== "string" || id === "" || id.length > 100) return null;
  return (await kv.get<OutboxMessage>([OUTBOX, id])).value;
}

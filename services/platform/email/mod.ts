/**
 * Sending email through the provider bound to the database handle (see
 * ../providers.ts): with SMTP configured (`config.email.smtpUrl`,
 * `smtp://user:pass@host:587` or `smtps://`), each message is queued in KV
 * and the `email.deliver` job hands it to SMTP (via nodemailer); otherwise it
 * goes straight to an outbox kept in KV that development tools (/dev/mail)
 * and tests read. Flows call `getEmailProvider(kv).send(message)` either way,
 * with a text part; both transports make the HTML part from it (./html.ts),
 * so every email is `multipart/alternative` with both.
 *
 * KV keys
 *   ["outbox", id] → OutboxMessage   id is a ULID, so reverse key order is
 *                                    newest first
 */
// @ts-types="@types/nodemailer"
import nodemailer from "nodemailer";
import { z } from "zod";
import { defineJob, enqueue } from "@/services/platform/jobs.ts";
import { emailHtml } from "./html.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import {
  defineProviderSlot,
  providerFor,
} from "@/services/platform/providers.ts";

/**
 * A file sent with an email. Text only (an iCalendar invitation, say): the
 * outbox and the delivery queue keep messages as JSON in KV.
 */
export const emailAttachmentSchema = z.object({
  filename: z.string().min(1).max(200),
  contentType: z.string().min(1).max(200),
  content: z.string(),
});
export type EmailAttachment = z.infer<typeof emailAttachmentSchema>;

/** One email to send. */
export const emailMessageSchema = z.object({
  to: z.string().min(1),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  attachments: z.array(emailAttachmentSchema).optional(),
});
export type EmailMessage = z.infer<typeof emailMessageSchema>;

/** Where email goes. */
export interface EmailProvider {
  /** Sends (or queues) `message`; resolves once it is safely handed over. */
  send(message: EmailMessage): Promise<void>;
  /**
   * For a provider whose `send` only queues: hands a queued message to the
   * real transport. The `email.deliver` job calls it.
   */
  deliver?(message: EmailMessage): Promise<void>;
}

/** The email settings env.ts reads (EMAIL_FROM, SMTP_URL). */
export interface EmailSettings {
  /** The sender on every email, `Name <address>` or a bare address. */
  from: string;
  /** The SMTP server; the KV outbox is used when absent. */
  smtpUrl?: string;
}

/** An email kept in the KV outbox. */
export interface OutboxMessage extends EmailMessage {
  id: string;
  createdAt: string;
  /** The sender it would have had (absent on mail kept before senders were). */
  from?: string;
}

export const OUTBOX = "outbox";

/**
 * The sender in development, when EMAIL_FROM is not set. Real mail needs a
 * sender on a domain whose SPF/DKIM/DMARC you control, so env.ts requires
 * EMAIL_FROM in production whenever SMTP is configured.
 */
export const DEV_EMAIL_FROM = "TapTime <no-reply@localhost>";
/** The former name of DEV_EMAIL_FROM. */
export const FROM_ADDRESS = DEV_EMAIL_FROM;

/** `message` with its HTML part, made from the text when it has none. */
export function completeEmail(message: EmailMessage): EmailMessage {
  return message.html === undefined
    ? { ...message, html: emailHtml(message.subject, message.text) }
    : message;
}

/** A provider that stores each message in the KV outbox. */
export function createOutboxProvider(
  kv: Deno.Kv,
  from: string = DEV_EMAIL_FROM,
): EmailProvider {
  return {
    async send(input) {
      const message = completeEmail(input);
      const stored: OutboxMessage = {
        id: newId(),
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        createdAt: new Date().toISOString(),
      };
      if (message.html !== undefined) stored.html = message.html;
      if (message.attachments?.length) {
        stored.attachments = message.attachments;
      }
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
  from: string = DEV_EMAIL_FROM,
): EmailProvider {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, ...completeEmail(message) });
    },
  };
}

/** Delivery retries: 5 s, 1 min, 10 min, 1 h. */
const RETRY_SCHEDULE_MS = [5_000, 60_000, 600_000, 3_600_000];

/**
 * Delivers one queued email through the provider bound to the database. It
 * is always registered, so mail queued while SMTP was configured still
 * arrives somewhere (the outbox) if it no longer is.
 */
export const emailDeliveryJob = defineJob({
  name: "email.deliver",
  payload: emailMessageSchema,
  retry: RETRY_SCHEDULE_MS,
  async handler(message, { kv }) {
    const provider = getEmailProvider(kv);
    await (provider.deliver
      ? provider.deliver(message)
      : provider.send(message));
  },
});

/**
 * A provider that queues each message in Deno KV for `emailDeliveryJob` to
 * hand to `transport`. Sending returns as soon as the job is stored, so a
 * request never waits on a mail server — which would also let response
 * times tell, say, a known email from an unknown one on password resets —
 * and a failed delivery is retried by the queue.
 */
export function createQueuedProvider(
  kv: Deno.Kv,
  transport: EmailProvider,
): EmailProvider {
  return {
    async send(message) {
      await enqueue(kv, emailDeliveryJob, message);
    },
    deliver: (message) => transport.send(message),
  };
}

/**
 * The provider `settings` ask for: SMTP through the queue when `smtpUrl` is
 * set, else the KV outbox. runtime.ts binds it to the database once.
 */
export function createEmailProvider(
  kv: Deno.Kv,
  settings: EmailSettings,
): EmailProvider {
  return settings.smtpUrl
    ? createQueuedProvider(
      kv,
      createSmtpProvider(settings.smtpUrl, settings.from),
    )
    : createOutboxProvider(kv, settings.from);
}

/** The email slot; unbound databases use the KV outbox. */
export const emailProvider = defineProviderSlot<EmailProvider>(
  "email",
  createOutboxProvider,
);

/** The provider bound to `kv` (the KV outbox when none was bound). */
export function getEmailProvider(kv: Deno.Kv): EmailProvider {
  return providerFor(kv, emailProvider);
}

export { emailHtml, escapeHtml } from "./html.ts";

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

/**
 * The unread-messages email: one digest, 10 minutes after the first unread
 * message of a quiet period, not one email per message.
 *
 * The first message to a user who wants messages by email (and has no
 * digest waiting) writes the marker ["notification_digest", userId] →
 * { id, since, dueAt, senders } with a check that none was there, then queues the
 * digest job for dueAt; later messages only add their sender's name.
 * When the job runs (on the app clock: early means queued again for the
 * rest), it sends only if messages are still unread and the user still
 * wants the email, and only after a commit that checks the marker, deletes
 * it and writes ["notification_digest_sent", userId, markerId]: whatever
 * the number of processes or deliveries, one email. Deleting the marker
 * ends the period; the next unread message starts another.
 *
 * Unread messages are the messaging feature's count, which imports this
 * feature (to notify), so it is reached through a provider slot that
 * runtime.ts binds (`provide(unreadMessagesProvider, unreadTotal)`).
 */
import { z } from "zod";
import { getUser } from "@/services/auth/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { getEmailProvider } from "@/services/platform/email/mod.ts";
import { defineJob, enqueue } from "@/services/platform/jobs.ts";
import { newId } from "@/services/platform/kv.ts";
import {
  defineProviderSlot,
  providerFor,
} from "@/services/platform/providers.ts";
import { getSmsProvider } from "@/services/platform/sms.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { MESSAGE_DIGEST_DELAY_MS } from "./model.ts";
import { wantsEmail } from "./preferences.ts";

/** How many unread messages a user has (the messaging feature's count). */
export type UnreadMessages = (kv: Deno.Kv, userId: string) => Promise<number>;

export const unreadMessagesProvider = defineProviderSlot<UnreadMessages>(
  "unreadMessages",
  () => () => {
    throw new Error(
      "No unread-messages count is bound: runtime.ts binds unreadMessagesProvider to the messaging feature's unreadTotal.",
    );
  },
);

interface DigestMarker {
  id: string;
  since: string;
  dueAt: string;
  /** Who wrote during the period, for the email (at most MAX_SENDERS). */
  senders: string[];
}

const MAX_SENDERS = 5;

const markerKey = (userId: string): Deno.KvKey => [
  "notification_digest",
  userId,
];
const sentKey = (userId: string, markerId: string): Deno.KvKey => [
  "notification_digest_sent",
  userId,
  markerId,
];
/** A marker whose job was lost lapses after this, so digests resume. */
const MARKER_TTL_MS = MESSAGE_DIGEST_DELAY_MS + 24 * 3_600_000;
const SENT_TTL_MS = 7 * 24 * 3_600_000;

const digestPayload = z.object({ userId: z.string(), markerId: z.string() });

/** Runs a user's digest when it falls due. */
export const messageDigestJob = defineJob({
  name: "notifications.message_digest",
  payload: digestPayload,
  handler: async ({ userId, markerId }, { kv }) => {
    await runMessageDigest(kv, userId, markerId);
  },
});

/**
 * Starts a quiet period for `userId` unless one is running (writes the
 * marker and queues the job), and adds `senderName` to the period's
 * senders. Returns the new marker's id, or null when a digest was already
 * waiting.
 */
export async function scheduleMessageDigest(
  kv: Deno.Kv,
  userId: string,
  senderName: string,
): Promise<string | null> {
  const key = markerKey(userId);
  const started = await untilCommitted(async () => {
    const entry = await kv.get<DigestMarker>(key);
    if (entry.value) {
      const senders = entry.value.senders;
      if (senders.includes(senderName) || senders.length >= MAX_SENDERS) {
        return null;
      }
      const next = { ...entry.value, senders: [...senders, senderName] };
      const ok = (await kv.atomic().check(entry).set(key, next, {
        expireIn: MARKER_TTL_MS,
      }).commit()).ok;
      return ok ? null : RETRY;
    }
    const at = clockFor(kv).now();
    const marker: DigestMarker = {
      id: newId(),
      since: at.toISOString(),
      dueAt: new Date(at.getTime() + MESSAGE_DIGEST_DELAY_MS).toISOString(),
      senders: [senderName],
    };
    const written = await kv.atomic().check(entry)
      .set(key, marker, { expireIn: MARKER_TTL_MS }).commit();
    return written.ok ? { marker, versionstamp: written.versionstamp } : RETRY;
  });
  if (!started) return null;
  try {
    await enqueue(kv, messageDigestJob, {
      userId,
      markerId: started.marker.id,
    }, { delay: MESSAGE_DIGEST_DELAY_MS });
  } catch (error) {
    // Without its job the marker would hold off digests until it lapses.
    await kv.atomic().check({ key, versionstamp: started.versionstamp })
      .delete(key).commit();
    throw error;
  }
  return started.marker.id;
}

/** What a digest run did. */
export type DigestOutcome = "sent" | "skipped" | "not_due" | "gone";

/**
 * Sends the digest of marker `markerId` if it is due, messages are still
 * unread and the user still wants it; see the module comment.
 */
export async function runMessageDigest(
  kv: Deno.Kv,
  userId: string,
  markerId: string,
): Promise<DigestOutcome> {
  const entry = await kv.get<DigestMarker>(markerKey(userId));
  if (!entry.value || entry.value.id !== markerId) return "gone";
  const left = Date.parse(entry.value.dueAt) - clockFor(kv).now().getTime();
  if (left > 0) {
    await enqueue(kv, messageDigestJob, { userId, markerId }, { delay: left });
    return "not_due";
  }
  const unread = await providerFor(kv, unreadMessagesProvider)(kv, userId);
  const user = await getUser(kv, userId);
  const wanted = unread > 0 && user !== null &&
    await wantsEmail(kv, userId, "new_message");
  const op = kv.atomic().check(entry).delete(entry.key);
  if (!wanted) return (await op.commit()).ok ? "skipped" : "gone";
  const sent = sentKey(userId, markerId);
  op.check({ key: sent, versionstamp: null }).set(
    sent,
    clockFor(kv).now().toISOString(),
    { expireIn: SENT_TTL_MS },
  );
  if (!(await op.commit()).ok) return "gone";
  const senders = entry.value.senders;
  const { linkBase } = getSmsProvider(kv);
  const plural = unread === 1 ? "message" : "messages";
  await getEmailProvider(kv).send({
    to: user.email,
    subject: `You have ${unread} unread ${plural} on TapTime`,
    text: [
      `Hi ${user.name},`,
      "",
      `You have ${unread} unread ${plural}${
        senders.length ? ` from ${senders.join(", ")}` : ""
      }.`,
      `Read and reply: ${linkBase}/messages`,
      "",
      "We send at most one of these for messages that stay unread for 10 minutes.",
      `Choose what we email you: ${linkBase}/account/notifications`,
      "",
      "— TapTime",
    ].join("\n"),
  });
  return "sent";
}

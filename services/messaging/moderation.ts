/**
 * What admins do with a reported message: hide it with a note (both parties
 * then see "Hidden by a moderator", the sender is told by email), dismiss
 * the reports, or suspend the sender (the accounts' own suspension, with
 * its reason, ending their sessions). Only an admin with two-factor
 * authentication may act; each decision is one atomic commit with its audit
 * event (services/platform/audit.ts) and the parties' live events.
 */
import {
  assertAdminActor,
  deliver,
  getUser,
  type PublicUser,
  type RequestMeta,
} from "@/services/auth/mod.ts";
import { suspendAccount } from "@/services/experts/mod.ts";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { now } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
} from "@/services/platform/errors.ts";
import { stageEvents } from "@/services/platform/events.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { toMessageView } from "./messages.ts";
import {
  type Conversation,
  hideInputSchema,
  type Message,
  type ModerationCase,
  type ReportedMessage,
} from "./model.ts";
import { getCaseEntry, reportedMessage } from "./reports.ts";
import {
  caseKey,
  getConversationEntry,
  getMessageEntry,
  queueKey,
  writeConversation,
} from "./store.ts";

const NO_CASE = "Nobody reported a message with this id.";

/** The case, message and conversation of a reported message, for a decision. */
async function readCase(kv: Deno.Kv, messageId: string) {
  const entry = await getCaseEntry(kv, messageId);
  if (!entry) throw new NotFoundError(NO_CASE);
  const { conversationId } = entry.value;
  const [message, conversation] = await Promise.all([
    getMessageEntry(kv, conversationId, messageId),
    getConversationEntry(kv, conversationId),
  ]);
  if (!message || !conversation) throw new NotFoundError(NO_CASE);
  return { entry, message, conversation };
}

/** The case after a decision, and the queue entry it leaves. */
function decide(
  op: Deno.AtomicOperation,
  entry: Deno.KvEntry<ModerationCase>,
  outcome: "hidden" | "dismissed",
  adminId: string,
  note: string,
): void {
  const current = entry.value;
  if (current.status === "open") {
    op.delete(queueKey(current.openedId, current.messageId));
  }
  op.set(
    caseKey(current.messageId),
    {
      ...current,
      status: outcome,
      decision: { outcome, by: adminId, at: now().toISOString(), note },
    } satisfies ModerationCase,
  );
}

/**
 * Hides a reported message: its text and attachment are no longer shown to
 * the parties (nor in the conversation's preview), the case closes, the
 * `message_hidden` audit event keeps the note, and the sender gets an email
 * with it. ConflictError when it is already hidden or was deleted;
 * ValidationError without a note.
 */
export async function hideMessage(
  kv: Deno.Kv,
  adminId: string,
  messageId: string,
  input: { note?: string },
  meta: RequestMeta,
): Promise<ReportedMessage> {
  await assertAdminActor(kv, adminId);
  await readCase(kv, messageId);
  const { note } = parseInput(hideInputSchema, { note: input.note ?? "" });
  const { hidden, sender } = await untilCommitted(async () => {
    const { entry, message, conversation } = await readCase(kv, messageId);
    if (message.value.hidden) {
      throw new ConflictError("This message is already hidden.");
    }
    if (message.value.deletedAt) {
      throw new ConflictError("Its sender deleted this message already.");
    }
    const at = now().toISOString();
    const next: Message = {
      ...message.value,
      hidden: { at, by: adminId, note },
    };
    const op = kv.atomic().check(entry, message, conversation)
      .set(message.key, next);
    decide(op, entry, "hidden", adminId, note);
    const current = conversation.value;
    if (current.lastMessage?.id === messageId) {
      const shown: Conversation = {
        ...current,
        lastMessage: { ...current.lastMessage, preview: HIDDEN_PREVIEW },
      };
      writeConversation(op, shown, current);
    }
    for (const userId of [current.learnerId, current.expertId]) {
      await stageEvents(kv, op, userId, [{
        type: "message.updated",
        data: { message: toMessageView(next) },
      }]);
    }
    addSecurityEvent(op, {
      type: "message_hidden",
      actorId: adminId,
      userId: next.senderId,
      details: { messageId, conversationId: next.conversationId, note },
    }, meta);
    return (await op.commit()).ok
      ? { hidden: next, sender: next.senderId }
      : RETRY;
  });
  const user = await getUser(kv, sender);
  if (user) {
    await deliver(kv, hiddenEmail(user, hidden, note, meta.baseUrl));
  }
  return (await reportedMessage(
    kv,
    (await readCase(kv, messageId)).entry
      .value,
  ))!;
}

/** What the parties' lists show for a hidden last message. */
export const HIDDEN_PREVIEW = "Hidden by a moderator";

function hiddenEmail(
  user: PublicUser,
  message: Message,
  note: string,
  baseUrl: string,
) {
  const link = `${
    baseUrl.replace(/\/+$/, "")
  }/messages/${message.conversationId}`;
  return {
    to: user.email,
    subject: "A moderator hid one of your TapTime messages",
    text: [
      `Hi ${user.name},`,
      "",
      `After a report, a moderator hid a message you sent on ${
        message.createdAt.slice(0, 10)
      }. Neither you nor the other person can see it any more.`,
      "",
      "The moderator's note:",
      note,
      "",
      `The conversation: ${link}`,
      "",
      "Reply to this email if you think this is a mistake.",
      "",
      "— TapTime",
    ].join("\n"),
  };
}

/**
 * Closes an open case without hiding the message (`message_reports_dismissed`
 * in the audit log). ConflictError when the case was already decided.
 */
export async function dismissReports(
  kv: Deno.Kv,
  adminId: string,
  messageId: string,
  meta: RequestMeta,
): Promise<ReportedMessage> {
  await assertAdminActor(kv, adminId);
  await untilCommitted(async () => {
    const entry = await getCaseEntry(kv, messageId);
    if (!entry) throw new NotFoundError(NO_CASE);
    if (entry.value.status !== "open") {
      throw new ConflictError("These reports were already decided.");
    }
    const op = kv.atomic().check(entry);
    decide(op, entry, "dismissed", adminId, "");
    addSecurityEvent(op, {
      type: "message_reports_dismissed",
      actorId: adminId,
      userId: entry.value.senderId,
      details: {
        messageId,
        conversationId: entry.value.conversationId,
        reports: String(entry.value.reportCount),
      },
    }, meta);
    return (await op.commit()).ok ? undefined : RETRY;
  });
  return (await reportedMessage(
    kv,
    (await readCase(kv, messageId)).entry
      .value,
  ))!;
}

/**
 * Suspends the sender of a reported message through the accounts' own
 * suspension (sessions end at once; the reason is recorded and emailed).
 */
export async function suspendSender(
  kv: Deno.Kv,
  adminId: string,
  messageId: string,
  reason: string,
  meta: RequestMeta,
): Promise<PublicUser> {
  const entry = await getCaseEntry(kv, messageId);
  if (!entry) throw new NotFoundError(NO_CASE);
  return await suspendAccount(
    kv,
    adminId,
    entry.value.senderId,
    meta,
    reason,
  );
}

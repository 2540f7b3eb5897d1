/**
 * Reporting a message, and the queue admins work through. Either party may
 * report a message of the other's, once, with a reason (and only so many
 * an hour). Reports of one message gather in one case, which a later report
 * would open again after a dismissal. The queue lists open
 * cases oldest first, each with the reports and a few messages around the
 * reported one, so the admin sees it in context. KV keys: store.ts.
 */
import { enforceRateLimit, getUser } from "@/services/auth/mod.ts";
import { now } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
} from "@/services/platform/errors.ts";
import { newId } from "@/services/platform/kv.ts";
import { isIdShaped } from "@/services/platform/model.ts";
import { listPage, type Page } from "@/services/platform/paging.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { getOwnConversation } from "./conversations.ts";
import {
  type Conversation,
  type Message,
  type MessageReport,
  type ModeratedMessage,
  type ModerationCase,
  type ReportedMessage,
  reportInputSchema,
  REPORTS_PER_HOUR,
  type ReportView,
} from "./model.ts";
import {
  caseKey,
  getConversationEntry,
  getMessageEntry,
  MESSAGES,
  QUEUE,
  queueKey,
  reportKey,
  reportsPrefix,
} from "./store.ts";

/** Messages shown on each side of a reported one. */
const CONTEXT_MESSAGES = 3;

const ALREADY_REPORTED = "You already reported this message.";

/**
 * `reporterId` reports a message of the other party in their conversation.
 * NotFoundError for anyone else's conversation or no such message;
 * ConflictError for one's own, a deleted or hidden message, or a second
 * report; ValidationError for a missing reason; RateLimitedError past
 * REPORTS_PER_HOUR.
 */
export async function reportMessage(
  kv: Deno.Kv,
  reporterId: string,
  conversationId: string,
  messageId: string,
  input: { reason?: string },
): Promise<ReportView> {
  await getOwnConversation(kv, reporterId, conversationId);
  const found = isIdShaped(messageId)
    ? await getMessageEntry(kv, conversationId, messageId)
    : null;
  if (!found) throw new NotFoundError("This conversation has no such message.");
  const message = found.value;
  if (message.senderId === reporterId) {
    throw new ConflictError("You can't report your own message.");
  }
  if (message.deletedAt) throw new ConflictError("This message was deleted.");
  if (message.hidden) {
    throw new ConflictError("A moderator has already hidden this message.");
  }
  const { reason } = parseInput(reportInputSchema, {
    reason: input.reason ?? "",
  });
  if ((await kv.get(reportKey(messageId, reporterId))).versionstamp) {
    throw new ConflictError(ALREADY_REPORTED);
  }
  await enforceRateLimit(kv, {
    bucket: "message_report",
    limit: REPORTS_PER_HOUR,
    windowSeconds: 60 * 60,
  }, reporterId);
  const report: MessageReport = {
    id: newId(),
    conversationId,
    messageId,
    reporterId,
    reason,
    createdAt: now().toISOString(),
  };
  await untilCommitted(async () => {
    const current = await kv.get<ModerationCase>(caseKey(messageId));
    const previous = current.value;
    const reopen = previous === null || previous.status !== "open";
    if (previous?.status === "hidden") {
      throw new ConflictError("A moderator has already hidden this message.");
    }
    const next: ModerationCase = reopen
      ? {
        messageId,
        conversationId,
        senderId: message.senderId,
        status: "open",
        openedId: newId(),
        reportCount: (previous?.reportCount ?? 0) + 1,
        decision: previous?.decision ?? null,
      }
      : { ...previous, reportCount: previous.reportCount + 1 };
    const key = reportKey(messageId, reporterId);
    const op = kv.atomic().check(current, { key, versionstamp: null })
      .set(key, report).set(caseKey(messageId), next);
    if (reopen) op.set(queueKey(next.openedId, messageId), messageId);
    if ((await op.commit()).ok) return undefined;
    if ((await kv.get(key)).versionstamp) {
      throw new ConflictError(ALREADY_REPORTED);
    }
    return RETRY;
  });
  return toReportView(report);
}

function toReportView(report: MessageReport): ReportView {
  return {
    id: report.id,
    messageId: report.messageId,
    reason: report.reason,
    createdAt: report.createdAt,
  };
}

/** The reports of one message, oldest first. */
export async function listReports(
  kv: Deno.Kv,
  messageId: string,
): Promise<MessageReport[]> {
  const reports: MessageReport[] = [];
  for await (
    const entry of kv.list<MessageReport>({ prefix: reportsPrefix(messageId) })
  ) reports.push(entry.value);
  return reports.sort((a, b) => a.id < b.id ? -1 : 1);
}

/** The moderation case of a message, or null when nobody reported it. */
export async function getCaseEntry(
  kv: Deno.Kv,
  messageId: string,
): Promise<Deno.KvEntry<ModerationCase> | null> {
  if (!isIdShaped(messageId)) return null;
  const entry = await kv.get<ModerationCase>(caseKey(messageId));
  return entry.versionstamp === null
    ? null
    : entry as Deno.KvEntry<ModerationCase>;
}

function toModerated(message: Message, reportedId: string): ModeratedMessage {
  return {
    id: message.id,
    senderId: message.senderId,
    text: message.text,
    attachment: message.attachment
      ? {
        name: message.attachment.name,
        contentType: message.attachment.contentType,
        size: message.attachment.size,
      }
      : null,
    createdAt: message.createdAt,
    deletedAt: message.deletedAt,
    hidden: message.hidden !== null,
    reported: message.id === reportedId,
  };
}

/** The reported message with up to CONTEXT_MESSAGES on each side, oldest first. */
async function contextOf(
  kv: Deno.Kv,
  conversationId: string,
  messageId: string,
): Promise<ModeratedMessage[]> {
  const read = async (selector: Deno.KvListSelector, reverse: boolean) => {
    const found: Message[] = [];
    const entries = kv.list<Message>(selector, {
      reverse,
      limit: CONTEXT_MESSAGES + 1,
    });
    for await (const entry of entries) found.push(entry.value);
    return found;
  };
  const prefix = [MESSAGES, conversationId];
  const before = await read(
    { prefix, end: [...prefix, messageId, ""] },
    true,
  );
  const after = await read(
    { prefix, start: [...prefix, messageId, ""] },
    false,
  );
  return [...before.reverse(), ...after.slice(0, CONTEXT_MESSAGES)]
    .map((message) => toModerated(message, messageId));
}

async function person(kv: Deno.Kv, id: string) {
  const user = await getUser(kv, id);
  return {
    id,
    name: user?.name ?? "Former member",
    role: user?.role ?? "unknown",
    status: user?.status ?? "deleted",
  };
}

/** One queue entry: the case with its reports, people and context. */
export async function reportedMessage(
  kv: Deno.Kv,
  entry: ModerationCase,
): Promise<ReportedMessage | null> {
  const conversation: Conversation | undefined =
    (await getConversationEntry(kv, entry.conversationId))?.value;
  if (!conversation) return null;
  const recipientId = conversation.learnerId === entry.senderId
    ? conversation.expertId
    : conversation.learnerId;
  const reports = await listReports(kv, entry.messageId);
  return {
    messageId: entry.messageId,
    conversationId: entry.conversationId,
    status: entry.status,
    sender: await person(kv, entry.senderId),
    recipient: await person(kv, recipientId),
    reports: await Promise.all(reports.map(async (report) => ({
      ...toReportView(report),
      reporter: {
        id: report.reporterId,
        name: (await getUser(kv, report.reporterId))?.name ?? "Former member",
      },
    }))),
    context: await contextOf(kv, entry.conversationId, entry.messageId),
  };
}

/** Open cases, oldest first, a page at a time. */
export async function listReportQueue(
  kv: Deno.Kv,
  options: { cursor?: string; limit?: number } = {},
): Promise<Page<ReportedMessage>> {
  return await listPage<string, ReportedMessage>(
    kv,
    { selector: { prefix: [QUEUE] }, reverse: false },
    options,
    async (queued) => {
      const found = await getCaseEntry(kv, queued.value);
      return found?.value.status === "open"
        ? await reportedMessage(kv, found.value)
        : null;
    },
  );
}

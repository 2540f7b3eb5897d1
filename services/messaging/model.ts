/**
 * Messaging between a learner and an expert: one conversation per pair, its
 * messages, and the shapes the API and pages show. Text follows the one text
 * rule (services/platform/plain_text.ts): stored as typed, shown as text,
 * links made clickable when rendered and nothing else.
 */
import { z } from "zod";
import { idSchema } from "@/services/platform/model.ts";
import { multiLine } from "@/services/platform/plain_text.ts";

/** The longest message. */
export const MAX_MESSAGE_LENGTH = 4000;
/** How long after sending its author may edit or delete a message. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;
/** Pre-booking inquiries one learner may start per day (one per expert). */
export const INQUIRIES_PER_DAY = 5;

export const messageTextSchema = multiLine(1, MAX_MESSAGE_LENGTH);

/** What a message's author sends (the API's body). */
export const messageInputSchema = z.object({
  text: messageTextSchema.describe(
    "Plain text, 1–4,000 characters; links become clickable, nothing else is formatted.",
  ),
});
export type MessageInput = z.input<typeof messageInputSchema>;

/**
 * The body of sending into or editing in a conversation: `text` is checked
 * after the conversation is found, so another user's id is a 404 whatever
 * the body.
 */
export const messageBodySchema = z.object({
  text: z.string().optional().describe(
    "Required: plain text, 1–4,000 characters; links become clickable, nothing else is formatted.",
  ),
});

/**
 * `inquiry`: a learner without a booking wrote once and waits for the
 * expert; `open`: either may write (a booking exists, or the expert answered).
 */
export const CONVERSATION_STATUSES = ["inquiry", "open"] as const;
export type ConversationStatus = typeof CONVERSATION_STATUSES[number];

export type Side = "learner" | "expert";

/** A file attached to a message (kept in the file store). */
export const attachmentSchema = z.object({
  name: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
}).meta({ id: "MessageAttachment" });
export type Attachment = z.infer<typeof attachmentSchema> & { fileKey: string };

/** A message as stored. */
export interface Message {
  id: string;
  conversationId: string;
  senderId: string;
  text: string;
  attachment: Attachment | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  /** Hidden by a moderator: the text is no longer shown to the parties. */
  hidden: { at: string; by: string; note: string } | null;
}

/** A conversation as stored. */
export interface Conversation {
  id: string;
  learnerId: string;
  expertId: string;
  status: ConversationStatus;
  createdAt: string;
  /** The newest message's id (or the conversation's): orders each party's list. */
  activityId: string;
  lastMessage:
    | { id: string; senderId: string; preview: string; at: string }
    | null;
  /** The newest message each party has read. */
  readUpTo: Record<Side, string | null>;
  unread: Record<Side, number>;
  blockedAt: string | null;
}

/** A message as its two parties see it. */
export const messageViewSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  senderId: idSchema,
  text: z.string().describe(
    "Empty when the message was deleted or hidden by a moderator.",
  ),
  attachment: attachmentSchema.nullable().describe(
    "GET /api/conversations/{id}/messages/{messageId}/file serves it to the two parties.",
  ),
  createdAt: z.iso.datetime(),
  editedAt: z.iso.datetime().nullable(),
  deletedAt: z.iso.datetime().nullable(),
  hidden: z.boolean().describe("Hidden by a moderator."),
}).meta({ id: "Message" });
export type MessageView = z.infer<typeof messageViewSchema>;

/** A conversation as one of its parties sees it. */
export const conversationViewSchema = z.object({
  id: idSchema,
  status: z.enum(CONVERSATION_STATUSES),
  learnerId: idSchema,
  expertId: idSchema,
  other: z.object({ id: idSchema, name: z.string(), role: z.string() })
    .describe("The other party."),
  lastMessage: z.object({
    id: idSchema,
    senderId: idSchema,
    preview: z.string(),
    at: z.iso.datetime(),
  }).nullable(),
  unread: z.number().int().nonnegative().describe(
    "Messages from the other party the caller has not read.",
  ),
  otherReadUpTo: z.string().nullable().describe(
    "The newest message the other party has read (read receipts).",
  ),
  blocked: z.boolean().describe("The expert has blocked the learner."),
  canWrite: z.boolean().describe("Whether the caller may send a message now."),
  writeBlockedReason: z.string().nullable(),
}).meta({ id: "Conversation" });
export type ConversationView = z.infer<typeof conversationViewSchema>;

/** The side `userId` is on in `conversation`, or null for a stranger. */
export function sideOf(
  conversation: Pick<Conversation, "learnerId" | "expertId">,
  userId: string,
): Side | null {
  if (conversation.learnerId === userId) return "learner";
  if (conversation.expertId === userId) return "expert";
  return null;
}

export function otherSide(side: Side): Side {
  return side === "learner" ? "expert" : "learner";
}

/** The first line of a message, short, for lists and emails. */
export function previewOf(text: string, attachment: Attachment | null): string {
  const line = text.split("\n").find((part) => part.trim() !== "") ?? "";
  const preview = line.length > 120 ? `${line.slice(0, 119)}…` : line;
  return preview || (attachment ? `📎 ${attachment.name}` : "");
}

/** The longest report reason and moderator note. */
export const MAX_REPORT_TEXT_LENGTH = 1000;
/** Reports one person may send in an hour. */
export const REPORTS_PER_HOUR = 10;

export const reportInputSchema = z.object({
  reason: multiLine(1, MAX_REPORT_TEXT_LENGTH),
});
export const hideInputSchema = z.object({
  note: multiLine(1, MAX_REPORT_TEXT_LENGTH),
});

/**
 * The body of a report: `reason` is checked after the conversation is
 * found, so another user's id is a 404 whatever the body.
 */
export const reportBodySchema = z.object({
  reason: z.string().optional().describe(
    "Required: why the message is a problem, 1–1,000 characters. Only admins see it.",
  ),
});

/** The body of hiding a message: the moderator's note. */
export const hideBodySchema = z.object({
  note: z.string().optional().describe(
    "Required: why the message is hidden, 1–1,000 characters; kept in the audit log and emailed to its sender.",
  ),
});

/** One person's report of a message, as stored. */
export interface MessageReport {
  id: string;
  conversationId: string;
  messageId: string;
  reporterId: string;
  reason: string;
  createdAt: string;
}

export const CASE_STATUSES = ["open", "hidden", "dismissed"] as const;
export type CaseStatus = typeof CASE_STATUSES[number];

/** A reported message's state for admins, as stored. */
export interface ModerationCase {
  messageId: string;
  conversationId: string;
  senderId: string;
  status: CaseStatus;
  /** Taken when the case (re)opens: orders the queue, oldest first. */
  openedId: string;
  reportCount: number;
  decision:
    | { outcome: "hidden" | "dismissed"; by: string; at: string; note: string }
    | null;
}

export const reportViewSchema = z.object({
  id: idSchema,
  messageId: idSchema,
  reason: z.string(),
  createdAt: z.iso.datetime(),
}).meta({ id: "MessageReport" });
export type ReportView = z.infer<typeof reportViewSchema>;

/** A message as admins see it: the text even when hidden. */
export const moderatedMessageSchema = z.object({
  id: idSchema,
  senderId: idSchema,
  text: z.string().describe("Empty only when its author deleted it."),
  attachment: attachmentSchema.nullable(),
  createdAt: z.iso.datetime(),
  deletedAt: z.iso.datetime().nullable(),
  hidden: z.boolean(),
  reported: z.boolean().describe("This is the reported message."),
}).meta({ id: "ModeratedMessage" });
export type ModeratedMessage = z.infer<typeof moderatedMessageSchema>;

const personSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: z.string(),
  status: z.string().describe("active or suspended"),
});

/** One entry of the moderation queue. */
export const reportedMessageSchema = z.object({
  messageId: idSchema,
  conversationId: idSchema,
  status: z.enum(CASE_STATUSES),
  sender: personSchema,
  recipient: personSchema,
  reports: z.array(reportViewSchema.extend({
    reporter: z.object({ id: idSchema, name: z.string() }),
  })),
  context: z.array(moderatedMessageSchema).describe(
    "The reported message with a few messages before and after it, oldest first.",
  ),
}).meta({ id: "ReportedMessage" });
export type ReportedMessage = z.infer<typeof reportedMessageSchema>;

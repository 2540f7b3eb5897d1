/**
 * The messaging feature's public entry: everything outside
 * services/messaging/ imports from here. One conversation per learner–expert
 * pair (conversations.ts): a learner and an expert with a booking between
 * them may always write; a learner without one sends one inquiry the expert
 * can answer (messages.ts); the expert can block. Messages are plain text
 * up to 4,000 characters with an optional attachment (attachments.ts),
 * editable and deletable for 15 minutes, with read receipts and unread
 * counts. Each change publishes live events to both parties
 * (services/platform/events.ts), which realtime/ delivers. Either party may
 * report a message (reports.ts); admins hide it, dismiss the reports or
 * suspend the sender (moderation.ts). KV keys: store.ts.
 */
export {
  type Attachment,
  attachmentSchema,
  CASE_STATUSES,
  type Conversation,
  CONVERSATION_STATUSES,
  type ConversationView,
  conversationViewSchema,
  EDIT_WINDOW_MS,
  hideBodySchema,
  INQUIRIES_PER_DAY,
  MAX_MESSAGE_LENGTH,
  MAX_REPORT_TEXT_LENGTH,
  messageBodySchema,
  type MessageInput,
  messageInputSchema,
  messageTextSchema,
  type MessageView,
  messageViewSchema,
  type ModeratedMessage,
  moderatedMessageSchema,
  reportBodySchema,
  type ReportedMessage,
  reportedMessageSchema,
  REPORTS_PER_HOUR,
  type ReportView,
  reportViewSchema,
} from "./model.ts";
export {
  findConversation,
  getOwnConversation,
  hasBookingBetween,
  listConversations,
  markRead,
  openConversation,
  pairOf,
  setBlocked,
  toConversationView,
  unreadTotal,
} from "./conversations.ts";
export {
  deleteMessage,
  editMessage,
  getOwnMessage,
  listMessages,
  sendInquiry,
  sendMessage,
  sendTyping,
  toMessageView,
} from "./messages.ts";
export { openAttachment, sendAttachment } from "./attachments.ts";
export { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from "./files.ts";
export { listReportQueue, reportMessage } from "./reports.ts";
export {
  dismissReports,
  HIDDEN_PREVIEW,
  hideMessage,
  suspendSender,
} from "./moderation.ts";

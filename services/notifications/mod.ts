/**
 * The notifications feature's public entry: everything outside
 * services/notifications/ imports from here.
 *
 * A notification tells one user something in the app (booking confirmed,
 * moved, cancelled, a reminder, a new message, a decision on their
 * application, a withdrawal, a review), is kept 90 days, and is published
 * as a live `notification` event with the unread count. Producers make one
 * call after their change committed: `notify(kv, userId, { type, title,
 * body, link })`, or `notifyNewMessage` for messages (which also arranges
 * the 10-minute digest email). Email senders ask `wantsEmail` first; texts
 * are only for reminders, switched by the phone record (preferences.ts).
 * KV keys: store.ts.
 */
export {
  type Channels,
  channelsSchema,
  type MarkReadInput,
  markReadInputSchema,
  MAX_READ_IDS,
  MESSAGE_DIGEST_DELAY_MS,
  type NewNotification,
  type Notification,
  NOTIFICATION_KINDS,
  NOTIFICATION_RETENTION_MS,
  NOTIFICATION_TYPES,
  type NotificationType,
  notificationTypeSchema,
  type NotificationView,
  notificationViewSchema,
  type Preferences,
  type PreferencesInput,
  preferencesInputSchema,
  preferencesSchema,
  type PreferencesState,
  preferencesStateSchema,
} from "./model.ts";
export {
  markConversationNoticeRead,
  type NewMessageNotice,
  notify,
  notifyNewMessage,
} from "./notify.ts";
export {
  listNotifications,
  markNotificationsRead,
  notificationBellRead,
  type NotificationBellState,
  notificationInbox,
  unreadNotificationCount,
} from "./inbox.ts";
export {
  getPreferences,
  setPreferences,
  wantsEmail,
  wantsInApp,
} from "./preferences.ts";
export {
  type DigestOutcome,
  messageDigestJob,
  runMessageDigest,
  type UnreadMessages,
  unreadMessagesProvider,
} from "./digest.ts";
export {
  notificationCleanupCron,
  notificationCleanupJob,
  removeExpiredNotifications,
} from "./cleanup.ts";

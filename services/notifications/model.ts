/**
 * The notifications feature's shapes: what a user is told in the app (a
 * notification, kept 90 days), the kinds there are, and the per-kind choice
 * of channels (in the app, by email, by text message).
 */
import { z } from "zod";
import { idSchema } from "@/services/platform/model.ts";

/** How long a notification is kept. */
export const NOTIFICATION_RETENTION_MS = 90 * 24 * 3_600_000;

/** How long after the first unread message of a quiet period the digest email goes out. */
export const MESSAGE_DIGEST_DELAY_MS = 10 * 60_000;

/** Most ids one "mark read" call takes (each is a check in one atomic commit). */
export const MAX_READ_IDS = 50;

/**
 * Every kind of notification, in the order the preferences page lists
 * them. `sms`: whether a text message can be sent for it at all (texts cost
 * money and interrupt; only reminders are worth one).
 */
export const NOTIFICATION_KINDS = {
  booking_confirmed: {
    label: "Booking confirmed",
    email: true,
    sms: false,
  },
  booking_rescheduled: {
    label: "Booking moved",
    email: true,
    sms: false,
  },
  booking_cancelled: {
    label: "Booking cancelled",
    email: true,
    sms: false,
  },
  booking_reminder: {
    label: "Session reminders (a day and an hour before)",
    email: true,
    sms: true,
  },
  new_message: {
    label: "New messages (by email: one summary after 10 minutes unread)",
    email: true,
    sms: false,
  },
  application_decision: {
    label: "Decisions on your expert application or profile",
    email: true,
    sms: false,
  },
  withdrawal_update: {
    label: "Withdrawals of your earnings",
    email: true,
    sms: false,
  },
  review_received: {
    label: "Reviews of your sessions",
    email: false,
    sms: false,
  },
} as const satisfies Record<
  string,
  { label: string; email: boolean; sms: boolean }
>;

export type NotificationType = keyof typeof NOTIFICATION_KINDS;
export const NOTIFICATION_TYPES = Object.keys(
  NOTIFICATION_KINDS,
) as NotificationType[];
export const notificationTypeSchema = z.enum(
  NOTIFICATION_TYPES as [NotificationType, ...NotificationType[]],
);

/** A link inside the app: a path, never another site. */
const inAppLinkSchema = z.string().max(500).regex(
  /^\/(?!\/)[^\s]*$/,
  "Use a path inside the app, starting with one /.",
);

/** What a producer hands to `notify`. */
export const newNotificationSchema = z.object({
  type: notificationTypeSchema,
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().max(1000).default(""),
  link: inAppLinkSchema,
  /**
   * Notifications of one group replace the group's previous one while it is
   * unread (one "new message" per conversation, not one per message).
   */
  group: z.string().max(200).optional(),
});
export type NewNotification = z.input<typeof newNotificationSchema>;

/** A stored notification, under ["notifications", userId, id]. */
export interface Notification {
  id: string;
  userId: string;
  type: NotificationType;
  title: string;
  body: string;
  link: string;
  group: string | null;
  createdAt: string;
  readAt: string | null;
}

/** A notification as its user sees it (the API and the pages). */
export const notificationViewSchema = z.object({
  id: idSchema,
  type: notificationTypeSchema,
  title: z.string(),
  body: z.string(),
  link: z.string().describe("Where the notification leads, a path in the app."),
  createdAt: z.string(),
  readAt: z.string().nullable(),
}).meta({ id: "Notification" });
export type NotificationView = z.infer<typeof notificationViewSchema>;

/** POST /api/notifications/read: some of one's notifications, or all. */
export const markReadInputSchema = z.union([
  z.object({
    ids: z.array(idSchema).min(1, "Name at least one notification.").max(
      MAX_READ_IDS,
      `Mark at most ${MAX_READ_IDS} at a time, or send { "all": true }.`,
    ),
  }).strict(),
  z.object({ all: z.literal(true) }).strict(),
], {
  error: 'Send { "ids": [...] } or { "all": true }.',
}).meta({ id: "MarkNotificationsRead" });
export type MarkReadInput = z.infer<typeof markReadInputSchema>;

/** The channels of one kind. `sms` is null for kinds never texted. */
export const channelsSchema = z.object({
  inApp: z.boolean(),
  email: z.boolean(),
  sms: z.boolean().nullable().describe(
    "Text messages: only reminders are ever texted (null for other kinds); on only with a verified mobile number. This is the same switch as PATCH /api/me/phone's smsReminders.",
  ),
});
export type Channels = z.infer<typeof channelsSchema>;

/** Every kind's channels. */
export const preferencesSchema = z.object(
  Object.fromEntries(
    NOTIFICATION_TYPES.map((type) => [type, channelsSchema]),
  ) as Record<NotificationType, typeof channelsSchema>,
).meta({ id: "NotificationPreferences" });
export type Preferences = z.infer<typeof preferencesSchema>;

/** PUT /api/notification-preferences: the kinds to change (others stay). */
export const preferencesInputSchema = z.object(
  Object.fromEntries(
    NOTIFICATION_TYPES.map((type) => [type, channelsSchema.partial()]),
  ) as Record<NotificationType, ReturnType<typeof channelsSchema.partial>>,
).partial().strict();
export type PreferencesInput = z.infer<typeof preferencesInputSchema>;

/** What GET /api/notification-preferences answers. */
export const preferencesStateSchema = z.object({
  preferences: preferencesSchema,
  smsAvailable: z.boolean().describe(
    "Whether the caller has a verified mobile number (needed to turn texts on).",
  ),
});
export type PreferencesState = z.infer<typeof preferencesStateSchema>;

/** Stored choices (in-app and email; texts are the phone record's). */
export const storedPreferencesSchema = z.record(
  z.string(),
  z.object({ inApp: z.boolean(), email: z.boolean() }).partial(),
);
export type StoredPreferences = z.infer<typeof storedPreferencesSchema>;

/** In the app: always on by default; by email: as each kind says. */
export function defaultChannels(
  type: NotificationType,
): { inApp: boolean; email: boolean } {
  return { inApp: true, email: NOTIFICATION_KINDS[type].email };
}

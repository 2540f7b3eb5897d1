import type { SecurityEvent, SecurityEventType } from "@/services/auth/mod.ts";
import { formatInstant } from "@/web/format.ts";

/** What each audit-log entry means, in words. */
export const EVENT_LABELS: Record<SecurityEventType, string> = {
  login_succeeded: "Logged in",
  login_failed: "Failed login",
  logout: "Logged out",
  signup: "Account created",
  password_changed: "Password changed",
  password_reset_requested: "Password reset requested",
  password_reset: "Password reset",
  email_changed: "Email changed",
  email_verified: "Email verified",
  phone_added: "Phone number added",
  phone_verified: "Phone number verified",
  phone_removed: "Phone number removed",
  two_factor_enabled: "Two-factor turned on",
  two_factor_disabled: "Two-factor turned off",
  recovery_code_used: "Recovery code used",
  account_locked: "Account locked",
  user_suspended: "Account suspended",
  user_reactivated: "Account reactivated",
  role_changed: "Role changed",
  session_revoked: "Session signed out",
  expert_application_approved: "Expert application approved",
  expert_application_rejected: "Expert application rejected",
  expert_application_changes_requested: "Changes requested on application",
  expert_unpublished: "Expert profile unpublished",
  expert_republished: "Expert profile republished",
  settings_changed: "Platform settings changed",
  blog_post_created: "Blog post created",
  blog_post_changed: "Blog post changed",
  blog_post_deleted: "Blog post deleted",
  blog_image_uploaded: "Blog image uploaded",
  faq_entry_created: "FAQ question added",
  faq_entry_changed: "FAQ question changed",
  faq_entry_deleted: "FAQ question deleted",
  faq_reordered: "FAQ questions reordered",
  credit_packs_changed: "Credit packs changed",
  top_up_limit_exceeded: "Top-up refused by a limit",
  payment_disputed: "Payment disputed",
  payout_account_changed: "Payout account changed",
  withdrawal_requested: "Withdrawal requested",
  withdrawal_approved: "Withdrawal approved and paid",
  withdrawal_rejected: "Withdrawal rejected",
  withdrawal_failed: "Withdrawal payout failed",
  booking_dispute_resolved: "Booking dispute resolved",
  review_hidden: "Review hidden",
  review_restored: "Review restored",
  message_hidden: "Message hidden by a moderator",
  message_reports_dismissed: "Message reports dismissed",
  identity_linked: "Sign-in account linked",
  identity_unlinked: "Sign-in account unlinked",
  data_export_requested: "Data export requested",
  account_deletion_requested: "Account deletion requested",
  account_deletion_cancelled: "Account deletion cancelled",
  account_erased: "Account erased",
  category_created: "Category created",
  category_changed: "Category edited",
  category_retired: "Category retired",
  category_restored: "Category restored",
  categories_reordered: "Categories reordered",
};

/**
 * Security events as a table: when, what, from where. `showAccount` adds
 * the account and actor columns for the admin audit log.
 */
export function EventTable(
  { events, caption, accountNames, empty = "No security events yet." }: {
    events: SecurityEvent[];
    caption: string;
    /** For the admin log: names to show for user ids (account and actor). */
    accountNames?: Record<string, string>;
    /** What to say when there are none (say, none match the filters). */
    empty?: string;
  },
) {
  if (events.length === 0) {
    return <p class="text-slate-700">{empty}</p>;
  }
  const cell = "px-3 py-2 align-top";
  const who = (id: string | null) => id ? accountNames?.[id] ?? id : "—";
  return (
    // Focusable and named, so keyboard users can scroll it sideways too.
    <div
      class="overflow-x-auto"
      tabIndex={0}
      role="region"
      aria-label={`${caption} (table)`}
    >
      <table class="w-full min-w-[32rem] text-left text-sm">
        <caption class="sr-only">{caption}</caption>
        <thead class="border-b border-slate-300 text-slate-900">
          <tr>
            <th scope="col" class={cell}>When</th>
            <th scope="col" class={cell}>Event</th>
            {accountNames && <th scope="col" class={cell}>Account</th>}
            {accountNames && <th scope="col" class={cell}>By</th>}
            {accountNames && <th scope="col" class={cell}>What changed</th>}
            <th scope="col" class={cell}>IP address</th>
            <th scope="col" class={cell}>Device</th>
          </tr>
        </thead>
        <tbody class="divide-y divide-slate-200">
          {events.map((event) => (
            <tr key={event.id}>
              <td class={`${cell} whitespace-nowrap`}>
                <time dateTime={event.at}>{formatInstant(event.at)}</time>
              </td>
              <td class={cell}>{EVENT_LABELS[event.type] ?? event.type}</td>
              {accountNames && <td class={cell}>{who(event.userId)}</td>}
              {accountNames && <td class={cell}>{who(event.actorId)}</td>}
              {accountNames && (
                <td class={cell}>
                  <EventDetails details={event.details} />
                </td>
              )}
              <td class={`${cell} font-mono`}>{event.ip}</td>
              <td class={`${cell} max-w-48 truncate`} title={event.userAgent}>
                {event.userAgent || "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An event's recorded details ("commissionPercent: 15 → 20"), or a dash. */
function EventDetails({ details }: { details: Record<string, string> }) {
  const entries = Object.entries(details);
  if (entries.length === 0) return <>—</>;
  return (
    <ul class="space-y-0.5">
      {entries.map(([name, value]) => (
        <li key={name}>
          <span class="text-slate-600">{name}:</span> {value}
        </li>
      ))}
    </ul>
  );
}

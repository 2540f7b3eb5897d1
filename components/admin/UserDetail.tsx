/**
 * The pieces of the admin's page about one user (/admin/users/:id): the
 * account, the suspend/reactivate form (a suspension needs a reason, which
 * is recorded and emailed), role history, sessions, money and bookings.
 */
import type {
  PublicUser,
  SecurityEvent,
  SessionInfo,
} from "@/services/auth/mod.ts";
import { type Currency, formatMoney } from "@/services/platform/money.ts";
import { Button } from "@/components/Button.tsx";
import { TextAreaField } from "@/components/form/inputs.tsx";
import { formatInstant } from "@/web/format.ts";

/** "Name or email", the account's facts on one card. */
export function AccountFacts({ user }: { user: PublicUser }) {
  const rows: [string, string][] = [
    [
      "Email",
      `${user.email}${
        user.emailVerified ? " (confirmed)" : " (not confirmed)"
      }`,
    ],
    ...(user.pendingEmail
      ? [
        ["Email waiting for confirmation", user.pendingEmail] as [
          string,
          string,
        ],
      ]
      : []),
    ["Role", user.role],
    ["Status", user.status],
    ["Two-factor", user.twoFactorEnabled ? "On" : "Off"],
    ["Time zone", user.timeZone],
    ["Joined", formatInstant(user.createdAt)],
  ];
  return (
    <dl class="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
      {rows.map(([label, value]) => (
        <>
          <dt class="font-semibold text-slate-900">{label}</dt>
          <dd class="break-all text-slate-700">{value}</dd>
        </>
      ))}
    </dl>
  );
}

/**
 * Suspend (with the reason, required: it is recorded in the audit log and
 * emailed to the person) or reactivate.
 */
export function StatusForm(
  { user, action, reason, error, back, confirming }: {
    user: PublicUser;
    /** Inside a "Suspend…" disclosure: the button says "Yes, …". */
    confirming?: boolean;
    /** Where the form posts. */
    action: string;
    /** Where to return afterwards (the user list keeps its filters). */
    back?: string;
    reason?: string;
    error?: string;
  },
) {
  if (user.status === "suspended") {
    return (
      <form method="post" action={action} class="space-y-2">
        <p class="text-sm">
          {`${user.name} can't log in. Reactivating lets them log in again.`}
        </p>
        <input type="hidden" name="action" value="reactivate" />
        <input type="hidden" name="userId" value={user.id} />
        {back && <input type="hidden" name="back" value={back} />}
        <Button variant="secondary">
          {`${confirming ? "Yes, reactivate" : "Reactivate"} ${user.name}`}
        </Button>
      </form>
    );
  }
  return (
    <form method="post" action={action} class="space-y-2">
      <p class="text-sm">
        {`Suspending logs ${user.name} out everywhere at once; they can't log in until reactivated, and a public profile is hidden meanwhile.`}
      </p>
      <input type="hidden" name="action" value="suspend" />
      <input type="hidden" name="userId" value={user.id} />
      {back && <input type="hidden" name="back" value={back} />}
      <TextAreaField
        id={`suspend-reason-${user.id}`}
        name="reason"
        label="Reason"
        hint="Recorded in the audit log and emailed to them."
        required
        rows={3}
        maxLength={1000}
        value={reason}
        error={error}
      />
      <Button variant="secondary">
        {`${confirming ? "Yes, suspend" : "Suspend"} ${user.name}`}
      </Button>
    </form>
  );
}

/** Role changes, newest first, from the audit log. */
export function RoleHistory(
  { events, names }: { events: SecurityEvent[]; names: Record<string, string> },
) {
  if (events.length === 0) {
    return <p class="text-sm text-slate-700">The role was never changed.</p>;
  }
  return (
    <ul class="space-y-1 text-sm">
      {events.map((event) => (
        <li key={event.id}>
          {`${formatInstant(event.at)}: ${event.details.from ?? "?"} → ${
            event.details.to ?? "?"
          }, by ${
            event.actorId ? names[event.actorId] ?? event.actorId : "the system"
          }`}
        </li>
      ))}
    </ul>
  );
}

/** The user's signed-in sessions. */
export function SessionList({ sessions }: { sessions: SessionInfo[] }) {
  if (sessions.length === 0) {
    return <p class="text-sm text-slate-700">No open sessions.</p>;
  }
  return (
    <ul class="space-y-1 text-sm">
      {sessions.map((session) => (
        <li key={session.id}>
          {`${session.device} from ${session.ip}: last seen ${
            formatInstant(session.lastSeenAt)
          }, signed in ${formatInstant(session.createdAt)}`}
        </li>
      ))}
    </ul>
  );
}

/** Amounts per currency as "label: amount" lines; none → `empty`. */
export function MoneyRows(
  { rows, empty }: {
    rows: { currency: string; parts: [string, number][] }[];
    empty: string;
  },
) {
  if (rows.length === 0) return <p class="text-sm text-slate-700">{empty}</p>;
  return (
    <ul class="space-y-1 text-sm">
      {rows.map((row) => (
        <li key={row.currency}>
          {row.parts.map(([label, amountMinor]) =>
            `${label} ${
              formatMoney({
                amountMinor: Math.max(0, amountMinor),
                currency: row.currency as Currency,
              })
            }`
          ).join(" · ")}
        </li>
      ))}
    </ul>
  );
}

/** A booking as one line for the admin. */
export interface BookingLine {
  id: string;
  start: string;
  title: string;
  status: string;
  price: string;
  /** "as learner" or "as expert". */
  side: string;
}

export function BookingLines({ bookings }: { bookings: BookingLine[] }) {
  if (bookings.length === 0) {
    return <p class="text-sm text-slate-700">No bookings.</p>;
  }
  return (
    <ul class="space-y-1 text-sm">
      {bookings.map((booking) => (
        <li key={booking.id}>
          {`${
            formatInstant(booking.start)
          }: ${booking.title} (${booking.side}), ${booking.status}, ${booking.price}`}
        </li>
      ))}
    </ul>
  );
}

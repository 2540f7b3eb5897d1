/**
 * One user, for admins: the account, role history, sessions, security
 * events, expert application, wallet, earnings and bookings, and the
 * suspend (with a reason, recorded and emailed) or reactivate form.
 */
import { define } from "@/web/define.ts";
import {
  getUser,
  listSecurityEvents,
  listSessions,
  type PublicUser,
  type SecurityEvent,
  type SessionInfo,
} from "@/services/auth/mod.ts";
import { reactivateAccount, suspendAccount } from "@/services/experts/mod.ts";
import {
  type ApplicationStatus,
  getApplication,
} from "@/services/applications/mod.ts";
import { getWalletBalances } from "@/services/wallet/mod.ts";
import { getEarnings } from "@/services/earnings/mod.ts";
import { adminListBookings, type Booking } from "@/services/bookings/mod.ts";
import { type Currency, formatMoney } from "@/services/platform/money.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { Notice } from "@/components/Notice.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { EventTable } from "@/components/account/EventList.tsx";
import {
  AccountFacts,
  type BookingLine,
  BookingLines,
  MoneyRows,
  RoleHistory,
  SessionList,
  StatusForm,
} from "@/components/admin/UserDetail.tsx";
import { PrivatePageSeo } from "@/components/Seo.tsx";
import { readFields, readForm } from "@/web/forms.ts";
import { formFailure } from "@/web/form_failure.ts";
import { seeOther } from "@/web/navigation.ts";
import { STATUS_LABELS } from "@/web/application_wizard.ts";
import { requireUser } from "@/web/user.ts";

const LIST_LIMIT = 20;

interface UserDetailData {
  user: PublicUser;
  roleEvents: SecurityEvent[];
  events: SecurityEvent[];
  names: Record<string, string>;
  sessions: SessionInfo[];
  applicationStatus: ApplicationStatus | null;
  wallet: { currency: string; parts: [string, number][] }[];
  earnings: { currency: string; parts: [string, number][] }[];
  bookings: BookingLine[];
  form: { reason: string; error?: string; message?: string } | null;
  done: string | null;
}

const DONE: Record<string, string> = {
  suspended:
    "The account is suspended, its sessions have ended, and the reason was emailed to them.",
  reactivated: "The account is active again.",
};

function bookingLine(booking: Booking, userId: string): BookingLine {
  return {
    id: booking.id,
    start: booking.start,
    title: booking.offeringTitle,
    status: booking.status,
    price: formatMoney({
      amountMinor: booking.priceMinor,
      currency: booking.currency as Currency,
    }),
    side: booking.learnerId === userId ? "as learner" : "as expert",
  };
}

async function detail(
  kv: Deno.Kv,
  userId: string,
  form: UserDetailData["form"],
  done: string | null,
): Promise<UserDetailData | null> {
  const user = await getUser(kv, userId);
  if (!user) return null;
  const [roleEvents, events, sessions] = await Promise.all([
    listSecurityEvents(kv, { userId, type: "role_changed", limit: LIST_LIMIT }),
    listSecurityEvents(kv, { userId, limit: LIST_LIMIT }),
    listSessions(kv, userId),
  ]);
  const actorIds = new Set(
    [...roleEvents.events, ...events.events].flatMap((event) =>
      [event.actorId, event.userId].filter((id): id is string => id !== null)
    ),
  );
  const names: Record<string, string> = {};
  for (const id of actorIds) {
    names[id] = (await getUser(kv, id))?.name ?? id;
  }
  const applicationStatus = user.role === "expert"
    ? (await getApplication(kv, userId)).status
    : null;
  const [asLearner, asExpert] = await Promise.all([
    adminListBookings(kv, { learnerId: userId, limit: LIST_LIMIT }),
    adminListBookings(kv, { expertId: userId, limit: LIST_LIMIT }),
  ]);
  return {
    user,
    roleEvents: roleEvents.events,
    events: events.events,
    names,
    sessions,
    applicationStatus,
    wallet: (await getWalletBalances(kv, userId)).map((row) => ({
      currency: row.currency,
      parts: [["available", row.availableMinor], ["held", row.frozenMinor]],
    })),
    earnings: (await getEarnings(kv, userId)).map((row) => ({
      currency: row.currency,
      parts: [
        ["pending", row.pendingMinor],
        ["available", row.availableMinor],
        ["on the way", row.inFlightMinor],
        ["paid out", row.paidOutMinor],
      ],
    })),
    bookings: [...asLearner.items, ...asExpert.items]
      .sort((a, b) => b.start.localeCompare(a.start))
      .map((booking) => bookingLine(booking, userId)),
    form,
    done,
  };
}

export const handler = define.handlers<UserDetailData>({
  async GET(_req, ctx) {
    const done = DONE[ctx.url.searchParams.get("done") ?? ""] ?? null;
    const data = await detail(ctx.state.kv, ctx.params.id, null, done);
    return data ? ctx.render(data) : ctx.renderNotFound();
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const userId = ctx.params.id;
    const { action, reason } = readFields(await readForm(req), [
      "action",
      "reason",
    ]);
    const admin = requireUser(ctx.state);
    if (!(await getUser(kv, userId))) return ctx.renderNotFound();
    try {
      if (action === "suspend") {
        await suspendAccount(kv, admin.id, userId, requestMeta(ctx), reason);
      } else if (action === "reactivate") {
        await reactivateAccount(kv, admin.id, userId, requestMeta(ctx));
      } else {
        return ctx.render(
          (await detail(kv, userId, {
            reason,
            message: "That action isn't available.",
          }, null))!,
          { status: 400 },
        );
      }
    } catch (error) {
      const failure = formFailure(error);
      const fieldError = Object.values(failure.errors)[0];
      return ctx.render(
        (await detail(kv, userId, {
          reason,
          error: fieldError,
          message: failure.message ?? fieldError ?? "That action failed.",
        }, null))!,
        { status: failure.status },
      );
    }
    return seeOther(
      `/admin/users/${encodeURIComponent(userId)}?done=${
        action === "suspend" ? "suspended" : "reactivated"
      }`,
    );
  },
});

export default define.page<typeof handler>(function AdminUserDetail(
  { data, state, url },
) {
  const { user, form, done } = data;
  const admin = requireUser(state);
  return (
    <>
      <PrivatePageSeo
        title={`User: ${user.name}`}
        siteUrl={state.siteUrl}
        path={url.pathname}
      />
      <p>
        <a href="/admin/users" class="font-semibold text-brand-800 underline">
          All users
        </a>
      </p>
      <h2 class="text-2xl font-bold tracking-tight text-slate-900">
        {user.name}
      </h2>
      {done && <Notice tone="success">{done}</Notice>}
      {form?.message && <Notice tone="error">{form.message}</Notice>}
      <Card title="Account" id="account">
        <AccountFacts user={user} />
      </Card>
      {user.id !== admin.id && (
        <Card
          title={user.status === "suspended" ? "Reactivate" : "Suspend"}
          id="status"
        >
          <StatusForm
            user={user}
            action={url.pathname}
            reason={form?.reason}
            error={form?.error}
          />
        </Card>
      )}
      <Card title="Role history" id="roles">
        <RoleHistory events={data.roleEvents} names={data.names} />
      </Card>
      <Card title="Expert application" id="application">
        {data.applicationStatus === null
          ? <p class="text-sm text-slate-700">Not an expert.</p>
          : (
            <p class="text-sm">
              {`Status: ${STATUS_LABELS[data.applicationStatus]}. `}
              <a
                class="font-semibold text-brand-800 underline"
                href={`/admin/applications/${encodeURIComponent(user.id)}`}
              >
                Open the application
              </a>
            </p>
          )}
      </Card>
      <Card title="Sessions" id="sessions">
        <SessionList sessions={data.sessions} />
      </Card>
      <Card title="Wallet" id="wallet">
        <MoneyRows rows={data.wallet} empty="No wallet balance." />
      </Card>
      <Card title="Earnings" id="earnings">
        <MoneyRows rows={data.earnings} empty="No earnings." />
      </Card>
      <Card title="Bookings" id="bookings">
        <BookingLines bookings={data.bookings} />
      </Card>
      <Card title="Security events" id="events">
        <EventTable
          events={data.events}
          caption={`Latest security events of ${user.name}`}
          accountNames={data.names}
        />
      </Card>
    </>
  );
});

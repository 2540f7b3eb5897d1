/** The admin's home: account numbers and the latest security events. */
import { accountNames } from "@/web/account_names.ts";
import { define } from "@/web/define.ts";
import type { Role, SecurityEvent } from "@/services/auth/mod.ts";
import { listUsers } from "@/services/auth/mod.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { EventTable } from "@/components/account/EventList.tsx";
import { Card } from "@/components/account/HomeShell.tsx";

interface AdminHomeData {
  counts: Record<Role, number>;
  events: SecurityEvent[];
  /** "Name (email)" for the accounts the events mention: the "who" columns. */
  names: Record<string, string>;
}

const ROLES: readonly Role[] = ["learner", "expert", "admin"];

/** How many accounts have `role`, counted page by page. */
async function countUsers(kv: Deno.Kv, role: Role): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await listUsers(kv, { role, cursor, limit: 100 });
    count += page.users.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return count;
}

export const handler = define.handlers<AdminHomeData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const [[learner, expert, admin], { events }] = await Promise.all([
      Promise.all(ROLES.map((role) => countUsers(kv, role))),
      listSecurityEvents(kv, { limit: 10 }),
    ]);
    return ctx.render({
      counts: { learner, expert, admin },
      events,
      names: await accountNames(kv, events),
    });
  },
});

/** The admin's home: account numbers and the latest security events. */
export default define.page<typeof handler>(function AdminHome(
  { data },
) {
  const { counts, events, names } = data;
  return (
    <>
      <Card title="Accounts" id="accounts">
        <dl class="grid grid-cols-3 gap-4 text-center">
          {ROLES.map((role) => (
            <div key={role} class="rounded-lg bg-slate-50 p-4">
              <dt class="text-sm text-slate-700 capitalize">{`${role}s`}</dt>
              <dd class="text-2xl font-bold text-slate-900">{counts[role]}</dd>
            </div>
          ))}
        </dl>
        <a href="/admin/users" class="font-semibold text-brand-800 underline">
          Manage users
        </a>
      </Card>
      <Card title="Experts and catalogue" id="experts">
        <p>
          Review expert applications (oldest first) and manage the categories
          learners browse.
        </p>
        <p class="flex flex-wrap gap-4">
          <a
            href="/admin/applications"
            class="font-semibold text-brand-800 underline"
          >
            Review applications
          </a>
          <a
            href="/admin/categories"
            class="font-semibold text-brand-800 underline"
          >
            Manage categories
          </a>
        </p>
      </Card>
      <Card title="Statistics and sessions" id="statistics">
        <p>
          Sign-ups, activity, bookings, money and top lists for any period, with
          CSV reports; the calls open now and each booking's attendance.
        </p>
        <p class="flex flex-wrap gap-4">
          <a href="/admin/stats" class="font-semibold text-brand-800 underline">
            Platform statistics
          </a>
          <a
            href="/admin/sessions"
            class="font-semibold text-brand-800 underline"
          >
            Session monitoring
          </a>
        </p>
      </Card>
      <Card title="Recent security events" id="recent-events">
        <EventTable
          events={events}
          caption="Recent security events"
          accountNames={names}
        />
        <a href="/admin/audit" class="font-semibold text-brand-800 underline">
          Open the audit log
        </a>
      </Card>
    </>
  );
});

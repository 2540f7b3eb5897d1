import { accountNames } from "@/web/account_names.ts";
import { define } from "@/web/define.ts";
import {
  SECURITY_EVENT_TYPES,
  type SecurityEvent,
  type SecurityEventType,
} from "@/services/auth/mod.ts";
import { personFilter } from "@/web/person_filter.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { Button } from "@/components/Button.tsx";
import { SelectField, TextField } from "@/components/form/inputs.tsx";
import { Pagination } from "@/components/Pagination.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { EVENT_LABELS, EventTable } from "@/components/account/EventList.tsx";

interface AuditData {
  /**
   * The filters as typed: `user` (whom an event is about) and `by` (who
   * did it) are each an email address or a user id.
   */
  filters: { type: string; user: string; by: string };
  events: SecurityEvent[];
  /** Display names for the user ids in `events`. */
  names: Record<string, string>;
  nextCursor: string | null;
  paged: boolean;
  /** Why a person filter was not used, by field (`user`, `by`). */
  filterErrors: { user?: string; by?: string };
}

const PAGE_SIZE = 50;
const TYPE_OPTIONS = [
  { value: "", label: "Any event" },
  ...SECURITY_EVENT_TYPES.map((type) => ({
    value: type,
    label: EVENT_LABELS[type],
  })),
];

function auditHref(filters: AuditData["filters"], cursor?: string): string {
  const query = new URLSearchParams();
  if (filters.type) query.set("type", filters.type);
  if (filters.user) query.set("user", filters.user);
  if (filters.by) query.set("by", filters.by);
  if (cursor) query.set("cursor", cursor);
  const search = query.toString();
  return search ? `/admin/audit?${search}` : "/admin/audit";
}

export const handler = define.handlers<AuditData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const query = ctx.url.searchParams;
    const typeParam = query.get("type") ?? "";
    const type = (SECURITY_EVENT_TYPES as readonly string[]).includes(typeParam)
      ? typeParam as SecurityEventType
      : undefined;
    const person = (name: string) =>
      (query.get(name) ?? "").trim().slice(0, 254);
    const filters = {
      type: type ?? "",
      user: person("user"),
      by: person("by"),
    };
    const cursor = query.get("cursor") || undefined;

    const [user, actor] = await Promise.all([
      personFilter(kv, filters.user),
      personFilter(kv, filters.by),
    ]);
    if (user.error || actor.error) {
      return ctx.render({
        filters,
        events: [],
        names: {},
        nextCursor: null,
        paged: false,
        filterErrors: { user: user.error, by: actor.error },
      }, { status: 400 });
    }
    const page = await listSecurityEvents(kv, {
      type,
      userId: user.id,
      actorId: actor.id,
      cursor,
      limit: PAGE_SIZE,
    }).catch(() => null);
    if (!page) {
      // A tampered or stale cursor: a clear 400, not a server error.
      return ctx.render({
        filters,
        events: [],
        names: {},
        nextCursor: null,
        paged: true,
        filterErrors: {},
      }, { status: 400 });
    }
    return ctx.render({
      filters,
      events: page.events,
      names: await accountNames(kv, page.events),
      nextCursor: page.nextCursor,
      paged: Boolean(cursor),
      filterErrors: {},
    });
  },
});

/** The audit log: security events, newest first, filtered by type and account. */
export default define.page<typeof handler>(function AdminAudit(
  { data },
) {
  const { filters, events, names, nextCursor, paged, filterErrors } = data;
  const filtered = Boolean(filters.type || filters.user || filters.by);
  return (
    <>
      <Card title="Filter events" id="filters">
        <form
          method="get"
          action="/admin/audit"
          class="grid gap-4 sm:grid-cols-2 lg:grid-cols-[1fr_1fr_1fr_auto] lg:items-end"
        >
          <SelectField
            name="type"
            label="Event"
            value={filters.type}
            options={TYPE_OPTIONS}
          />
          <TextField
            name="user"
            label="Account (email or user id)"
            value={filters.user}
            hint="Whom the event is about."
            error={filterErrors.user}
          />
          <TextField
            name="by"
            label="Done by (email or user id)"
            value={filters.by}
            hint="Who did it: an admin's changes, say."
            error={filterErrors.by}
          />
          <Button>Filter</Button>
        </form>
      </Card>
      <Card title="Events, newest first" id="events">
        <EventTable
          events={events}
          caption="Security events, newest first"
          accountNames={names}
          empty={filtered
            ? "No events match these filters."
            : "No security events yet."}
        />
        <Pagination
          nextHref={nextCursor ? auditHref(filters, nextCursor) : null}
          firstHref={paged ? auditHref(filters) : null}
          label="Audit log pages"
        />
      </Card>
    </>
  );
});

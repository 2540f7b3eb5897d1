/**
 * The signed-in person's notifications, newest first, a page at a time:
 * each leads to what it is about and can be marked read; "Mark all read"
 * clears the lot. Plain forms, so it works without JavaScript.
 */
import { define } from "@/web/define.ts";
import { formatDateTime } from "@/web/format.ts";
import { requireUser } from "@/web/user.ts";
import {
  markNotificationsRead,
  notificationInbox,
  type NotificationView,
} from "@/services/notifications/mod.ts";
import type { Page } from "@/services/platform/paging.ts";
import { Button } from "@/components/Button.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Pagination, withQuery } from "@/components/Pagination.tsx";
import { Seo } from "@/components/Seo.tsx";
import { readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";

interface NotificationsData {
  page: Page<NotificationView>;
  unread: number;
  timeZone: string;
  cursor: string | null;
  done: string | null;
}

const DONE: Record<string, string> = {
  read: "Marked read.",
  "all-read": "All your notifications are marked read.",
};

export const handler = define.handlers<NotificationsData>({
  async GET(_req, ctx) {
    const user = requireUser(ctx.state);
    const { kv } = ctx.state;
    const cursor = ctx.url.searchParams.get("cursor");
    const { page, unread } = await notificationInbox(
      kv,
      user.id,
      { cursor: cursor || undefined },
      ctx.state.notificationBell,
    );
    return ctx.render({
      page,
      unread,
      timeZone: user.timeZone,
      cursor: cursor || null,
      done: ctx.url.searchParams.get("done"),
    });
  },

  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const { action, id } = readFields(await readForm(req), ["action", "id"]);
    if (action === "read-all") {
      await markNotificationsRead(ctx.state.kv, user.id, { all: true });
      return seeOther("/notifications?done=all-read");
    }
    if (action === "read" && id) {
      await markNotificationsRead(ctx.state.kv, user.id, { ids: [id] })
        .catch(() => {}); // an id that names nothing: nothing to mark
      return seeOther(`/notifications?done=read#list`);
    }
    return seeOther("/notifications");
  },
});

export default define.page<typeof handler>(function NotificationsPage(
  { data, state, url },
) {
  const { page, unread, timeZone } = data;
  const done = data.done ? DONE[data.done] : undefined;
  return (
    <>
      <Seo
        title="Notifications"
        description="What happened on TapTime: bookings, messages, decisions and payouts."
        siteUrl={state.siteUrl}
        path={url.pathname}
        noindex
      />
      <PageHeader
        eyebrow="Your account"
        title="Notifications"
        intro={unread > 0
          ? `${unread} unread. Notifications are kept for 90 days.`
          : "You're all caught up. Notifications are kept for 90 days."}
      >
        <p class="mt-4">
          <a
            href="/account/notifications"
            class="font-semibold text-brand-800 underline"
          >
            Choose what you're told
          </a>
        </p>
      </PageHeader>
      <Container width="narrow" class="space-y-6 py-10">
        {done && <Notice tone="success">{done}</Notice>}
        {unread > 0 && (
          <form method="post" action="/notifications">
            <input type="hidden" name="action" value="read-all" />
            <Button variant="secondary">Mark all read</Button>
          </form>
        )}
        {page.items.length === 0
          ? <p class="text-slate-800">No notifications yet.</p>
          : (
            <ul
              id="list"
              aria-label="Notifications"
              class="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white shadow-sm"
            >
              {page.items.map((item) => (
                <li
                  key={item.id}
                  class={`flex flex-wrap items-start gap-3 p-4 ${
                    item.readAt ? "" : "bg-brand-50"
                  }`}
                >
                  <div class="min-w-0 flex-1 wrap-anywhere">
                    <a
                      href={item.link}
                      class={`text-slate-900 underline-offset-4 hover:underline ${
                        item.readAt ? "font-medium" : "font-bold"
                      }`}
                    >
                      {item.readAt ? "" : <span class="sr-only">Unread:</span>}
                      {item.title}
                    </a>
                    {item.body && (
                      <p class="text-sm text-slate-700">{item.body}</p>
                    )}
                    <time
                      dateTime={item.createdAt}
                      class="block text-xs text-slate-600"
                    >
                      {formatDateTime(item.createdAt, timeZone)}
                    </time>
                  </div>
                  {!item.readAt && (
                    <form method="post" action="/notifications">
                      <input type="hidden" name="action" value="read" />
                      <input type="hidden" name="id" value={item.id} />
                      <Button variant="secondary" size="sm">
                        Mark read
                        <span class="sr-only">: {item.title}</span>
                      </Button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
        <Pagination
          nextHref={page.nextCursor
            ? withQuery(url, { cursor: page.nextCursor, done: null })
            : null}
          firstHref={data.cursor
            ? withQuery(url, { cursor: null, done: null })
            : null}
          label="More notifications"
        />
      </Container>
    </>
  );
});

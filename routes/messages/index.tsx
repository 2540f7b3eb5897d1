/**
 * The signed-in person's conversations, latest activity first, each with
 * the other party, the last message and how many are unread. Admins have
 * none and are sent to their area.
 */
import { define } from "@/web/define.ts";
import { formatDateTime } from "@/web/format.ts";
import { requireUser } from "@/web/user.ts";
import { seeOther } from "@/web/navigation.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Pagination, withQuery } from "@/components/Pagination.tsx";
import {
  type ConversationView,
  listConversations,
  unreadTotal,
} from "@/services/messaging/mod.ts";
import type { Page } from "@/services/platform/paging.ts";

interface ListData {
  page: Page<ConversationView>;
  unread: number;
  role: "learner" | "expert";
  timeZone: string;
  cursor: string | null;
}

export const handler = define.handlers<ListData>({
  async GET(_req, ctx) {
    const user = requireUser(ctx.state);
    if (user.role === "admin") return seeOther("/admin");
    const { kv } = ctx.state;
    const cursor = ctx.url.searchParams.get("cursor");
    const list = (at?: string) =>
      listConversations(kv, user.id, { cursor: at });
    const page = await list(cursor || undefined).catch(() => list());
    return ctx.render({
      page,
      unread: await unreadTotal(kv, user.id),
      role: user.role,
      timeZone: user.timeZone,
      cursor: cursor || null,
    });
  },
});

export default define.page<typeof handler>(function MessagesPage(
  { data, url },
) {
  const { page, unread, role, timeZone } = data;
  return (
    <Card id="messages" title="Messages">
      <p class="text-sm text-slate-700">
        {unread > 0
          ? `${unread} unread ${unread === 1 ? "message" : "messages"}.`
          : "You're all caught up."}
      </p>
      {page.items.length === 0
        ? (
          <p class="text-sm text-slate-800">
            {role === "learner"
              ? "No conversations yet. Ask an expert a question from their profile, or write to the expert of a session you booked."
              : "No conversations yet. Learners who book you, or ask a question from your profile, appear here."}
          </p>
        )
        : (
          <ul class="divide-y divide-slate-200">
            {page.items.map((conversation) => (
              <li key={conversation.id}>
                <a
                  href={`/messages/${conversation.id}`}
                  class="flex items-start gap-3 py-3 hover:bg-slate-50"
                >
                  <span class="min-w-0 flex-1">
                    <span class="flex flex-wrap items-baseline gap-x-2">
                      <span
                        class={`text-slate-900 ${
                          conversation.unread > 0
                            ? "font-bold"
                            : "font-semibold"
                        }`}
                      >
                        {conversation.other.name}
                      </span>
                      {conversation.status === "inquiry" && (
                        <span class="text-xs text-slate-600">question</span>
                      )}
                      {conversation.blocked && (
                        <span class="text-xs text-slate-600">blocked</span>
                      )}
                    </span>
                    <span class="block truncate text-sm text-slate-700">
                      {conversation.lastMessage?.senderId !==
                          conversation.other.id && "You: "}
                      {conversation.lastMessage?.preview}
                    </span>
                    {conversation.lastMessage && (
                      <time
                        dateTime={conversation.lastMessage.at}
                        class="block text-xs text-slate-600"
                      >
                        {formatDateTime(
                          conversation.lastMessage.at,
                          timeZone,
                          "en-US",
                        )}
                      </time>
                    )}
                  </span>
                  {conversation.unread > 0 && (
                    <span class="rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white">
                      {conversation.unread}
                      <span class="sr-only">unread</span>
                    </span>
                  )}
                </a>
              </li>
            ))}
          </ul>
        )}
      <Pagination
        nextHref={page.nextCursor
          ? withQuery(url, { cursor: page.nextCursor })
          : null}
        firstHref={data.cursor ? withQuery(url, { cursor: null }) : null}
        label="More conversations"
      />
    </Card>
  );
});

/**
 * One conversation for its two parties: the history (server-rendered, with
 * older pages by link), the box to write in (with a file to attach), a
 * report form under the other person's messages, and for the expert the
 * block switch. The thread is an island that sends through the API and
 * shows new messages, typing and read receipts live; without JavaScript the
 * forms post here. Opening the page marks the conversation read.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import MessagesThread, {
  type MessagesThreadProps,
} from "@/islands/MessagesThread.tsx";
import {
  type ConversationView,
  getOwnConversation,
  listMessages,
  markRead,
  MAX_ATTACHMENT_BYTES,
  MAX_MESSAGE_LENGTH,
  reportMessage,
  sendAttachment,
  sendMessage,
  setBlocked,
} from "@/services/messaging/mod.ts";
import { RateLimitedError } from "@/services/auth/mod.ts";
import { latestEventSeq } from "@/services/platform/events.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

interface ThreadData {
  conversation: ConversationView;
  thread: MessagesThreadProps;
  side: "learner" | "expert";
}

const PAGE_SIZE = 30;
const REPORTED =
  "Thank you: a moderator will look at the message you reported.";

async function load(
  ctx: FreshContext<AppState>,
  form: { error?: string; draft?: string; notice?: string } = {},
): Promise<ThreadData | null> {
  const user = requireUser(ctx.state);
  const { kv } = ctx.state;
  const id = ctx.params.id;
  let side: "learner" | "expert";
  try {
    side = (await getOwnConversation(kv, user.id, id)).side;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
  // Read before the history, so the stream resumes with nothing missed.
  const liveSeq = await latestEventSeq(kv, user.id);
  const conversation = await markRead(kv, user.id, id);
  const cursor = ctx.url.searchParams.get("cursor") || undefined;
  const list = (at?: string) =>
    listMessages(kv, user.id, id, { cursor: at, limit: PAGE_SIZE });
  const page = await list(cursor).catch(() => list());
  return {
    conversation,
    side,
    thread: {
      conversationId: id,
      userId: user.id,
      otherName: conversation.other.name,
      messages: page.items.slice().reverse(),
      olderHref: page.nextCursor
        ? `/messages/${id}?cursor=${encodeURIComponent(page.nextCursor)}`
        : null,
      otherReadUpTo: conversation.otherReadUpTo,
      canWrite: conversation.canWrite,
      writeBlockedReason: conversation.writeBlockedReason,
      liveSeq,
      timeZone: user.timeZone,
      maxFileBytes: MAX_ATTACHMENT_BYTES,
      maxTextLength: MAX_MESSAGE_LENGTH,
      ...form,
    },
  };
}

export const handler = define.handlers<ThreadData>({
  async GET(_req, ctx) {
    const reported = ctx.url.searchParams.get("reported") === "1";
    const data = await load(ctx, reported ? { notice: REPORTED } : {});
    return data ? ctx.render(data) : ctx.renderNotFound();
  },

  /**
   * Without JavaScript: send a message (with a file or not), report one,
   * or (the expert) block or unblock.
   */
  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const { kv } = ctx.state;
    const id = ctx.params.id;
    const form = await readForm(req);
    const { action, text, messageId, reason } = readFields(form, [
      "action",
      "text",
      "messageId",
      "reason",
    ]);
    const file = form.get("file");
    try {
      if (action === "block" || action === "unblock") {
        await setBlocked(kv, user.id, id, action === "block");
      } else if (action === "report") {
        await reportMessage(kv, user.id, id, messageId, { reason });
        return seeOther(`/messages/${id}?reported=1#latest`);
      } else if (file instanceof File && (file.size > 0 || file.name !== "")) {
        await sendAttachment(kv, user.id, id, file, text);
      } else await sendMessage(kv, user.id, id, { text });
    } catch (error) {
      if (error instanceof NotFoundError) return ctx.renderNotFound();
      if (
        error instanceof ValidationError || error instanceof ConflictError ||
        error instanceof RateLimitedError
      ) {
        const message = error instanceof ValidationError
          ? Object.values(error.fieldErrors ?? {})[0]?.[0] ?? error.message
          : error.message;
        const data = await load(ctx, { error: message, draft: text });
        const status = error instanceof RateLimitedError ? 429 : 400;
        return data ? ctx.render(data, { status }) : ctx.renderNotFound();
      }
      throw error;
    }
    return seeOther(`/messages/${id}#latest`);
  },
});

export default define.page<typeof handler>(function ConversationPage(
  { data },
) {
  const { conversation, thread, side } = data;
  return (
    <Card
      id="conversation"
      title={`Conversation with ${conversation.other.name}`}
    >
      <p class="text-sm">
        <a href="/messages" class="text-brand-800 underline">All messages</a>
      </p>
      {conversation.status === "inquiry" && side === "expert" && (
        <Notice title="A question before booking">
          {conversation.other.name}{" "}
          has not booked you yet. Answer to open the conversation, or block them
          if the question is unwelcome.
        </Notice>
      )}
      <MessagesThread {...thread} />
      {side === "expert" && (
        <form method="post" action={`/messages/${conversation.id}`}>
          <button
            type="submit"
            name="action"
            value={conversation.blocked ? "unblock" : "block"}
            class="text-sm text-slate-700 underline"
          >
            {conversation.blocked
              ? `Unblock ${conversation.other.name}`
              : `Block ${conversation.other.name}`}
          </button>
        </form>
      )}
    </Card>
  );
});

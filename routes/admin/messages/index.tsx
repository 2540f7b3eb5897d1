/**
 * The moderation queue for admins: reported messages, oldest report first,
 * each with its reports and the messages around it, and three decisions:
 * hide it with a note (both parties see "Hidden by a moderator", the sender
 * is emailed, the audit log keeps the note), dismiss the reports, or
 * suspend the sender (the accounts' own suspension, with its reason).
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { firstErrors, readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { formatInstant } from "@/web/format.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Pagination, withQuery } from "@/components/Pagination.tsx";
import { TextAreaField } from "@/components/form/inputs.tsx";
import {
  dismissReports,
  hideMessage,
  listReportQueue,
  type ModeratedMessage,
  type ReportedMessage,
  suspendSender,
} from "@/services/messaging/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import type { Page } from "@/services/platform/paging.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

interface QueueData {
  page: Page<ReportedMessage>;
  done: string | null;
  /** A decision sent back: the message, the field and why. */
  failed: {
    messageId: string;
    values: Record<string, string>;
    errors: Record<string, string>;
  } | null;
}

const DONE: Record<string, string> = {
  hidden:
    "The message is hidden from both people, and its sender was emailed the note.",
  dismissed: "The reports are dismissed; the message stays as it was.",
  suspended:
    "The sender is suspended: their sessions ended and the reason was emailed to them.",
};

async function load(
  ctx: FreshContext<AppState>,
  failed: QueueData["failed"] = null,
): Promise<QueueData> {
  const ask = (cursor?: string) =>
    listReportQueue(ctx.state.kv, { cursor, limit: 10 });
  const cursor = ctx.url.searchParams.get("cursor") || undefined;
  const page = await ask(cursor).catch((error) => {
    if (error instanceof ValidationError) return ask();
    throw error;
  });
  const done = DONE[ctx.url.searchParams.get("done") ?? ""] ?? null;
  return { page, done, failed };
}

export const handler = define.handlers<QueueData>({
  async GET(_req, ctx) {
    return ctx.render(await load(ctx));
  },

  async POST(req, ctx) {
    const admin = requireUser(ctx.state);
    const { kv } = ctx.state;
    const values = readFields(await readForm(req), [
      "action",
      "messageId",
      "note",
      "reason",
    ]);
    const { action, messageId } = values;
    const meta = requestMeta(ctx);
    try {
      if (action === "hide") {
        await hideMessage(kv, admin.id, messageId, { note: values.note }, meta);
        return seeOther("/admin/messages?done=hidden");
      }
      if (action === "dismiss") {
        await dismissReports(kv, admin.id, messageId, meta);
        return seeOther("/admin/messages?done=dismissed");
      }
      if (action === "suspend") {
        await suspendSender(kv, admin.id, messageId, values.reason, meta);
        return seeOther("/admin/messages?done=suspended");
      }
    } catch (error) {
      const field = action === "suspend" ? "reason" : "note";
      let errors: Record<string, string>;
      if (error instanceof ValidationError) {
        const found = firstErrors(error.fieldErrors);
        errors = { [field]: found[field] ?? Object.values(found)[0] };
      } else if (
        error instanceof ConflictError || error instanceof NotFoundError
      ) errors = { [field]: error.message };
      else throw error;
      return ctx.render(await load(ctx, { messageId, values, errors }), {
        status: error instanceof NotFoundError ? 404 : 400,
      });
    }
    return ctx.render(
      await load(ctx, {
        messageId,
        values,
        errors: { note: "Choose hide, dismiss or suspend." },
      }),
      { status: 400 },
    );
  },
});

function ContextMessage(
  { message, names }: {
    message: ModeratedMessage;
    names: Record<string, string>;
  },
) {
  return (
    <li
      class={`rounded-lg p-3 text-sm ${
        message.reported
          ? "border-2 border-red-700 bg-red-50"
          : "border border-slate-200"
      }`}
    >
      <p class="text-xs text-slate-700">
        <strong>{names[message.senderId] ?? "Someone"}</strong>,{" "}
        {formatInstant(message.createdAt)}
        {message.reported && " · reported"}
        {message.hidden && " · hidden"}
        {message.deletedAt && " · deleted by its sender"}
      </p>
      <p class="mt-1 whitespace-pre-wrap wrap-anywhere text-slate-900">
        {message.text}
      </p>
      {message.attachment && (
        <p class="mt-1 text-slate-800">
          File: {message.attachment.name} ({message.attachment.contentType})
        </p>
      )}
    </li>
  );
}

function ReportedCard(
  { entry, failed }: {
    entry: ReportedMessage;
    failed: QueueData["failed"];
  },
) {
  const mine = failed?.messageId === entry.messageId ? failed : null;
  const names = {
    [entry.sender.id]: entry.sender.name,
    [entry.recipient.id]: entry.recipient.name,
  };
  const reported = entry.context.find((message) => message.reported);
  const action = "/admin/messages";
  const key = entry.messageId;
  return (
    <article
      id={`report-${key}`}
      aria-labelledby={`report-${key}-heading`}
      class="space-y-4 border-t border-slate-200 pt-4 first:border-t-0 first:pt-0"
    >
      <h3 id={`report-${key}-heading`} class="font-semibold text-slate-900">
        Message from{" "}
        <a href={`/admin/users/${entry.sender.id}`} class="underline">
          {entry.sender.name}
        </a>{" "}
        ({entry.sender.role}
        {entry.sender.status === "suspended" && ", suspended"}) to{" "}
        <a href={`/admin/users/${entry.recipient.id}`} class="underline">
          {entry.recipient.name}
        </a>
      </h3>
      <ul class="space-y-1 text-sm">
        {entry.reports.map((report) => (
          <li key={report.id}>
            <strong>{report.reporter.name}</strong> reported it on{" "}
            {formatInstant(report.createdAt)}:{" "}
            <span class="whitespace-pre-wrap">{report.reason}</span>
          </li>
        ))}
      </ul>
      {reported?.attachment && (
        <p class="text-sm">
          <a
            class="text-brand-800 underline"
            href={`/api/conversations/${entry.conversationId}/messages/${key}/file`}
          >
            Open the reported file ({reported.attachment.name})
          </a>
        </p>
      )}
      <ol aria-label="The conversation around it" class="space-y-2">
        {entry.context.map((message) => (
          <ContextMessage key={message.id} message={message} names={names} />
        ))}
      </ol>
      <div class="grid gap-4 md:grid-cols-2">
        <form method="post" action={action} class="space-y-2">
          <input type="hidden" name="messageId" value={key} />
          <TextAreaField
            name="note"
            id={`note-${key}`}
            label="Note for hiding"
            hint="Kept in the audit log and emailed to the sender."
            rows={2}
            maxLength={1000}
            required
            value={mine?.values.note}
            error={mine?.errors.note}
          />
          <div class="flex flex-wrap gap-2">
            <button
              type="submit"
              name="action"
              value="hide"
              class="rounded-lg bg-red-800 px-4 py-2 text-sm font-semibold text-white"
            >
              Hide message
            </button>
          </div>
        </form>
        <form method="post" action={action} class="space-y-2">
          <input type="hidden" name="messageId" value={key} />
          {entry.sender.status === "active" && (
            <>
              <TextAreaField
                name="reason"
                id={`reason-${key}`}
                label={`Reason to suspend ${entry.sender.name}`}
                hint="Recorded and emailed to them; their sessions end at once."
                rows={2}
                maxLength={1000}
                value={mine?.values.reason}
                error={mine?.errors.reason}
              />
              <button
                type="submit"
                name="action"
                value="suspend"
                class="rounded-lg border border-red-800 px-4 py-2 text-sm font-semibold text-red-900"
              >
                Suspend {entry.sender.name}
              </button>
            </>
          )}
        </form>
      </div>
      <form method="post" action={action}>
        <input type="hidden" name="messageId" value={key} />
        <button
          type="submit"
          name="action"
          value="dismiss"
          class="rounded-lg border border-slate-400 px-4 py-2 text-sm font-semibold text-slate-900"
        >
          Dismiss the reports
        </button>
      </form>
    </article>
  );
}

export default define.page<typeof handler>(function ReportedMessagesPage(
  { data, url },
) {
  const { page, done, failed } = data;
  return (
    <div class="space-y-6">
      {done && <Notice tone="success">{done}</Notice>}
      {failed && (
        <Notice tone="error">
          Nothing was changed; see the reported message below.
        </Notice>
      )}
      <Card id="reported-messages" title="Reported messages">
        {page.items.length === 0 && (
          <p class="text-slate-700">
            No reported messages wait for a decision.
          </p>
        )}
        {page.items.map((entry) => (
          <ReportedCard key={entry.messageId} entry={entry} failed={failed} />
        ))}
        <Pagination
          nextHref={page.nextCursor
            ? withQuery(url, { cursor: page.nextCursor })
            : null}
          firstHref={url.searchParams.get("cursor")
            ? withQuery(url, { cursor: null })
            : null}
          label="More reported messages"
        />
      </Card>
    </div>
  );
});

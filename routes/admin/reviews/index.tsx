/**
 * Review moderation for admins: the reported reviews (and, on the other
 * tab, the hidden ones), each with its reports and a decision: hide it, or
 * keep it up / restore it, always with a note. The decision is audited and
 * the author emailed when the review's visibility changes.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { firstErrors, readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { Notice } from "@/components/Notice.tsx";
import { Pagination, withQuery } from "@/components/Pagination.tsx";
import { ModerationCard, QueueTabs } from "@/components/reviews/Moderation.tsx";
import { getExperts } from "@/services/experts/mod.ts";
import {
  type AdminReview,
  listModerationQueue,
  moderateReview,
  type ModerationQueue,
} from "@/services/reviews/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import type { Page } from "@/services/platform/paging.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

interface ModerationData {
  queue: ModerationQueue;
  page: Page<AdminReview>;
  expertNames: Record<string, string>;
  notice: { tone: "success" | "error"; text: string } | null;
  failed: { reviewId: string; note: string; error: string } | null;
  cursor: string | null;
}

const DONE: Record<string, string> = {
  hide: "The review is hidden and out of the rating; the author was told.",
  restore: "The review is up and counts in the rating.",
};

function queueOf(url: URL): ModerationQueue {
  return url.searchParams.get("status") === "hidden" ? "hidden" : "reported";
}

async function load(
  ctx: FreshContext<AppState>,
  notice: ModerationData["notice"],
  failed: ModerationData["failed"] = null,
): Promise<ModerationData> {
  const { kv } = ctx.state;
  const queue = queueOf(ctx.url);
  const cursor = ctx.url.searchParams.get("cursor") || null;
  const page = await listModerationQueue(kv, queue, {
    cursor: cursor ?? undefined,
    limit: 20,
  }).catch((error) => {
    if (error instanceof ValidationError) {
      return listModerationQueue(kv, queue, { limit: 20 });
    }
    throw error;
  });
  const experts = await getExperts(
    kv,
    page.items.map((review) => review.expertId),
  );
  const expertNames: Record<string, string> = {};
  for (const { expertId } of page.items) {
    expertNames[expertId] = experts.get(expertId)?.name ?? "a former expert";
  }
  return { queue, page, expertNames, notice, failed, cursor };
}

export const handler = define.handlers<ModerationData>({
  async GET(_req, ctx) {
    const done = ctx.url.searchParams.get("done") ?? "";
    return ctx.render(
      await load(
        ctx,
        DONE[done] ? { tone: "success", text: DONE[done] } : null,
      ),
    );
  },

  async POST(req, ctx) {
    const admin = requireUser(ctx.state);
    const fields = readFields(await readForm(req), [
      "reviewId",
      "action",
      "note",
    ]);
    const refuse = async (status: number, error: string) =>
      ctx.render(
        await load(ctx, {
          tone: "error",
          text: "Nothing changed; see the review's form.",
        }, { reviewId: fields.reviewId, note: fields.note, error }),
        { status },
      );
    if (fields.action !== "hide" && fields.action !== "restore") {
      return refuse(400, "Choose to hide or keep the review.");
    }
    const action = fields.action;
    try {
      await moderateReview(
        ctx.state.kv,
        admin,
        fields.reviewId,
        action,
        { note: fields.note },
        requestMeta(ctx),
      );
    } catch (error) {
      if (error instanceof ValidationError) {
        const errors = firstErrors(error.fieldErrors);
        return refuse(400, errors.note ?? error.message);
      }
      if (error instanceof NotFoundError) return refuse(404, error.message);
      if (error instanceof ConflictError) return refuse(409, error.message);
      throw error;
    }
    return seeOther(
      `/admin/reviews?status=${queueOf(ctx.url)}&done=${action}`,
    );
  },
});

export default define.page<typeof handler>(function ReviewModerationPage(
  { data, url },
) {
  return (
    <div class="space-y-6">
      <QueueTabs current={data.queue} />
      {data.notice && (
        <Notice tone={data.notice.tone}>{data.notice.text}</Notice>
      )}
      {data.page.items.length === 0
        ? (
          <p class="text-slate-700">
            {data.queue === "reported"
              ? "No reported reviews are waiting."
              : "No reviews are hidden."}
          </p>
        )
        : data.page.items.map((review) => (
          <ModerationCard
            key={review.id}
            review={review}
            expertName={data.expertNames[review.expertId]}
            queue={data.queue}
            failed={data.failed?.reviewId === review.id
              ? { note: data.failed.note, error: data.failed.error }
              : undefined}
          />
        ))}
      <Pagination
        nextHref={data.page.nextCursor
          ? withQuery(url, { cursor: data.page.nextCursor, done: null })
          : null}
        firstHref={data.cursor
          ? withQuery(url, { cursor: null, done: null })
          : null}
        label="Pages of reviews"
      />
    </div>
  );
});

/**
 * The admins' review moderation queue: a tab per queue (reported, hidden)
 * and a card per review with its open reports, its moderation history and
 * the decision form (hide, or restore/keep, with a note the author reads).
 */
import type { AdminReview, ModerationQueue } from "@/services/reviews/mod.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Button } from "@/components/Button.tsx";
import { TextAreaField } from "@/components/form/inputs.tsx";
import { formatInstant } from "@/web/format.ts";
import { ReviewItem } from "./ReviewList.tsx";

const QUEUE_LABELS: Record<ModerationQueue, string> = {
  reported: "Reported",
  hidden: "Hidden",
};

/** Links between the queues; the current one is marked. */
export function QueueTabs({ current }: { current: ModerationQueue }) {
  return (
    <nav aria-label="Review queues">
      <ul class="flex flex-wrap gap-2">
        {(Object.keys(QUEUE_LABELS) as ModerationQueue[]).map((queue) => (
          <li key={queue}>
            <a
              href={`/admin/reviews?status=${queue}`}
              aria-current={queue === current ? "page" : undefined}
              class={`inline-block rounded-full border px-4 py-1.5 text-sm font-medium ${
                queue === current
                  ? "border-brand-800 bg-brand-800 text-white"
                  : "border-slate-300 text-slate-800 hover:border-brand-700"
              }`}
            >
              {QUEUE_LABELS[queue]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** One review to decide on. */
export function ModerationCard(
  { review, expertName, queue, failed }: {
    review: AdminReview;
    expertName: string;
    queue: ModerationQueue;
    /** The note sent back with a problem, when this card's form failed. */
    failed?: { note: string; error: string };
  },
) {
  const hidden = review.status === "hidden";
  const id = `review-card-${review.id}`;
  return (
    <Card id={id} title={`${review.authorName} on ${expertName}`}>
      <ReviewItem review={review} expertName={expertName} />
      {review.reports.length > 0 && (
        <div>
          <h3 class="font-semibold text-slate-900">
            Reports ({review.reports.length})
          </h3>
          <ul class="mt-2 list-disc space-y-1 pl-5">
            {review.reports.map((report) => (
              <li key={report.reporterId} class="break-words">
                {report.reason}{" "}
                <span class="text-sm text-slate-700">
                  ({formatInstant(report.at)})
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {review.moderation.length > 0 && (
        <div>
          <h3 class="font-semibold text-slate-900">Decisions</h3>
          <ul class="mt-2 space-y-1 text-sm">
            {review.moderation.map((step) => (
              <li key={step.at} class="break-words">
                {step.action === "hidden" ? "Hidden" : "Restored"}{" "}
                {formatInstant(step.at)}: {step.note}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form
        method="post"
        action={`/admin/reviews?status=${queue}`}
        class="space-y-4"
      >
        <input type="hidden" name="reviewId" value={review.id} />
        <TextAreaField
          id={`note-${review.id}`}
          name="note"
          label="Note for the author"
          hint="Required. It goes in the audit log and, when the review is hidden or shown again, to the author."
          rows={2}
          maxLength={1000}
          required
          value={failed?.note}
          error={failed?.error}
        />
        <div class="flex flex-wrap gap-3">
          {hidden
            ? <Button name="action" value="restore">Restore the review</Button>
            : (
              <>
                <Button name="action" value="hide">Hide the review</Button>
                <Button name="action" value="restore" variant="secondary">
                  Keep it up
                </Button>
              </>
            )}
        </div>
      </form>
    </Card>
  );
}

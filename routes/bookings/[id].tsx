/**
 * One booking for its two parties (and admins with two-factor turned on):
 * its times on the viewer's clock and the other side's, price, status and
 * note, and what the viewer may do now under the policy: cancel (showing
 * what the learner would get back first), move it to another free time,
 * or report a problem after it. Also where checkout returns with a hold's
 * id: the hold is confirmed here, and the page says whether the session is
 * booked, the payment is still on its way, or the time was lost.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { money } from "@/web/money_forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Button, buttonClasses, ButtonLink } from "@/components/Button.tsx";
import { TextAreaField } from "@/components/form/inputs.tsx";
import {
  BookingSummary,
  SlotChoice,
} from "@/components/bookings/BookingViews.tsx";
import { bookingRefusal } from "@/components/bookings/messages.ts";
import { CancellationPolicy } from "@/components/bookings/Policy.tsx";
import { dayIn, whenIn, zoneLabel } from "@/components/bookings/time.ts";
import {
  cancelBooking,
  disputeBooking,
  policyOf,
  rescheduleBooking,
} from "@/services/bookings/mod.ts";
import {
  AttendanceCard,
  hasAttendance,
} from "@/components/bookings/Attendance.tsx";
import { BookingReviewCard } from "@/components/reviews/BookingReview.tsx";
import { SessionNotesCard } from "@/components/expert_home/SessionNotes.tsx";
import { RecordingsCard } from "@/components/bookings/Recordings.tsx";
import { NotFoundError } from "@/services/platform/errors.ts";
import { type DetailData, DONE, loadBooking } from "@/web/booking_detail.ts";

export const handler = define.handlers<DetailData>({
  async GET(_req, ctx) {
    const done = Object.keys(DONE).find((key) =>
      ctx.url.searchParams.has(key) ||
      ctx.url.searchParams.get("done") === key
    );
    const data = await loadBooking(
      ctx,
      done
        ? {
          tone: "success",
          title: done === "booked" ? "Booked" : "Done",
          text: DONE[done],
        }
        : null,
    );
    return data ? ctx.render(data) : ctx.renderNotFound();
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const fields = readFields(await readForm(req), [
      "action",
      "reason",
      "problem",
      "start",
    ]);
    const id = ctx.params.id;
    const values = { reason: fields.reason, problem: fields.problem };
    try {
      if (fields.action === "cancel") {
        await cancelBooking(kv, user.id, id, {
          reason: fields.reason.trim() || undefined,
        });
        return seeOther(`/bookings/${id}?done=cancelled`);
      }
      if (fields.action === "reschedule") {
        if (!fields.start) {
          const data = await loadBooking(
            ctx,
            {
              tone: "error",
              title: "Choose a time",
              text: "Pick one of the free times, then move the session.",
            },
            {},
            values,
          );
          return data
            ? ctx.render(data, { status: 400 })
            : ctx.renderNotFound();
        }
        await rescheduleBooking(kv, user.id, id, { start: fields.start });
        return seeOther(`/bookings/${id}?done=moved`);
      }
      if (fields.action === "dispute") {
        if (!fields.problem.trim()) {
          const data = await loadBooking(ctx, null, {
            problem: "Tell us what went wrong, in a sentence or two.",
          }, values);
          return data
            ? ctx.render(data, { status: 400 })
            : ctx.renderNotFound();
        }
        await disputeBooking(kv, user.id, id, { reason: fields.problem });
        return seeOther(`/bookings/${id}?done=reported`);
      }
    } catch (error) {
      if (error instanceof NotFoundError) return ctx.renderNotFound();
      const refusal = bookingRefusal(error);
      const errors: Record<string, string> = {};
      if (refusal.errors.reason) {
        errors[fields.action === "dispute" ? "problem" : "reason"] =
          refusal.errors.reason;
      }
      const data = await loadBooking(
        ctx,
        {
          tone: "error",
          title: "Nothing changed",
          text: refusal.message,
        },
        errors,
        values,
      );
      return data
        ? ctx.render(data, { status: refusal.status })
        : ctx.renderNotFound();
    }
    const data = await loadBooking(ctx, {
      tone: "error",
      title: "Nothing changed",
      text: "Choose what to do with the session.",
    });
    return data ? ctx.render(data, { status: 400 }) : ctx.renderNotFound();
  },
});

function CancelForm(
  { data }: { data: Extract<DetailData, { kind: "booking" }> },
) {
  const { booking, actions, side } = data;
  if (actions.cancelRefundMinor === null || side === "admin") return null;
  const refund = money(actions.cancelRefundMinor, booking.currency);
  const full = actions.cancelRefundMinor === booking.priceMinor;
  return (
    <Card id="cancel" title="Cancel the session">
      <p data-testid="refund-quote">
        {side === "learner"
          ? `If you cancel now, ${refund} goes back to your wallet${
            full ? " (the full price)" : ""
          }.`
          : `If you cancel, the learner gets ${refund} back (the full price), and the cancellation counts on your record.`}
      </p>
      <form method="post" class="space-y-4">
        <input type="hidden" name="action" value="cancel" />
        <TextAreaField
          name="reason"
          label="Reason"
          hint="A sentence for the other side."
          rows={2}
          maxLength={500}
          value={data.values.reason}
          error={data.errors.reason}
        />
        <Button variant="secondary">Cancel the session</Button>
      </form>
    </Card>
  );
}

function RescheduleForm(
  { data }: { data: Extract<DetailData, { kind: "booking" }> },
) {
  if (!data.actions.canReschedule || data.side === "admin") return null;
  return (
    <Card id="move" title="Move to another time">
      <form method="post" class="space-y-4">
        <input type="hidden" name="action" value="reschedule" />
        <SlotChoice
          slots={data.slots}
          zone={data.zone}
          legend={`New time, ${
            dayIn(new Date(data.move.from).toISOString(), data.zone)
          } to ${dayIn(new Date(data.move.to - 1).toISOString(), data.zone)}`}
        />
        {data.slots.length > 0 && <Button>Move the session</Button>}
      </form>
      <nav
        aria-label="Other weeks"
        class="flex flex-wrap justify-between gap-3"
      >
        {data.move.earlier !== null
          ? (
            <a
              href={`?move=${data.move.earlier}#move`}
              class={buttonClasses("secondary", "sm")}
            >
              <span aria-hidden="true">←</span> Earlier times
            </a>
          )
          : <span />}
        {data.move.later !== null && (
          <a
            href={`?move=${data.move.later}#move`}
            class={buttonClasses("secondary", "sm")}
          >
            Later times <span aria-hidden="true">→</span>
          </a>
        )}
      </nav>
    </Card>
  );
}

function DisputeForm(
  { data }: { data: Extract<DetailData, { kind: "booking" }> },
) {
  if (!data.actions.canDispute) return null;
  return (
    <Card id="problem" title="Report a problem">
      <p>
        Something went wrong with the session? Tell us before{" "}
        {whenIn(data.booking.releaseAt!, data.zone)}{" "}
        ({zoneLabel(data.zone)}), and the expert is not paid until an admin
        decides.
      </p>
      <form method="post" class="space-y-4">
        <input type="hidden" name="action" value="dispute" />
        <TextAreaField
          name="problem"
          label="What went wrong"
          rows={3}
          maxLength={2000}
          required
          value={data.values.problem}
          error={data.errors.problem}
        />
        <Button variant="secondary">Report the problem</Button>
      </form>
    </Card>
  );
}

export default define.page<typeof handler>(function BookingPage({ data }) {
  if (data.kind === "waiting") {
    return (
      <Card id="hold" title="Waiting for your payment">
        <p>
          We are holding {data.when}{" "}
          for you while the payment completes. This usually takes a few seconds.
        </p>
        <ButtonLink href={`/bookings/${data.id}`}>Check again</ButtonLink>
      </Card>
    );
  }
  if (data.kind === "lapsed") {
    return (
      <Card id="hold" title="The time was lost">
        <Notice tone="error" title="Not booked">{data.message}</Notice>
        <p>
          <a href="/dashboard/wallet" class="text-brand-800 underline">
            See your wallet
          </a>
        </p>
      </Card>
    );
  }
  const { booking, notice } = data;
  return (
    <div class="space-y-6">
      {notice && (
        <Notice tone={notice.tone} title={notice.title}>{notice.text}</Notice>
      )}
      <Card id="booking" title={booking.offeringTitle}>
        <BookingSummary
          booking={booking}
          side={data.side}
          viewerZone={data.zone}
          otherName={data.otherName}
          learnerName={data.names[booking.learnerId]}
        />
        <p>
          <a href="/bookings" class="text-brand-800 underline">
            All sessions
          </a>
        </p>
        {data.side !== "admin" && data.otherHasAccount && (
          <p>
            <a
              href={`/messages/with/${
                encodeURIComponent(
                  data.side === "learner"
                    ? booking.expertId
                    : booking.learnerId,
                )
              }`}
              class="font-medium text-brand-800 underline"
            >
              Message {data.otherName}
            </a>
          </p>
        )}
      </Card>
      {hasAttendance(data.attendance) && (
        <AttendanceCard
          {...data.attendance}
          names={data.names}
          zone={data.zone}
        />
      )}
      {data.side !== "admin" && (
        <RecordingsCard
          bookingId={booking.id}
          recordings={data.recordings}
          consented={booking.recordingConsent === true}
          zone={data.zone}
          retentionDays={data.settings.recordingRetentionDays}
        />
      )}
      <CancelForm data={data} />
      <RescheduleForm data={data} />
      <BookingReviewCard
        bookingId={booking.id}
        side={data.side}
        state={data.review}
        zone={data.zone}
        expertName={data.side === "expert" ? "you" : data.otherName}
      />
      {data.notes && (
        <SessionNotesCard
          bookingId={booking.id}
          side={data.notes.side}
          note={data.notes.note}
          canWrite={data.notes.canWrite}
          cancelled={booking.status === "cancelled"}
          zone={data.zone}
          otherName={data.otherName}
        />
      )}
      <DisputeForm data={data} />
      {data.side === "learner" && booking.status === "confirmed" && (
        <Card id="rules" title="The policy">
          <CancellationPolicy
            settings={{
              ...data.settings,
              ...policyOf(booking, data.settings),
            }}
            id="rules-policy"
            heading={false}
          />
        </Card>
      )}
    </div>
  );
});

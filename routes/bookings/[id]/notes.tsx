/**
 * A session's shared notes on a page of their own, where the booking
 * page's notes form posts: the expert saves (or, emptied, removes) them and
 * goes back to the booking; a problem shows the form again with what was
 * typed and what to fix. The learner reads them here too. Someone else's
 * booking is not found.
 */
import { SessionContextCard } from "@/components/bookings/BookingViews.tsx";
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { firstErrors, readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import { personName } from "@/components/bookings/names.ts";
import { SessionNotesCard } from "@/components/expert_home/SessionNotes.tsx";
import { getBookingFor } from "@/services/bookings/mod.ts";
import {
  getSessionNoteFor,
  NoteWriterError,
  writeSessionNote,
} from "@/services/session_notes/mod.ts";
import type { Booking } from "@/services/bookings/mod.ts";
import type { SessionNoteState } from "@/services/session_notes/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

interface NotesPageData {
  booking: Booking;
  state: SessionNoteState;
  otherName: string;
  zone: string;
  draft?: string;
  error?: string;
  problem: string | null;
}

async function load(
  ctx: FreshContext<AppState>,
  extra: Pick<NotesPageData, "draft" | "error" | "problem"> = {
    problem: null,
  },
): Promise<NotesPageData | null> {
  const { kv } = ctx.state;
  const user = requireUser(ctx.state);
  try {
    const state = await getSessionNoteFor(kv, user.id, ctx.params.id);
    const { booking } = await getBookingFor(
      kv,
      { id: user.id, role: "learner" },
      ctx.params.id,
    );
    const otherId = state.side === "learner"
      ? booking.expertId
      : booking.learnerId;
    return {
      booking,
      state,
      otherName: await personName(kv, otherId),
      zone: user.timeZone,
      ...extra,
    };
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export const handler = define.handlers<NotesPageData>({
  async GET(_req, ctx) {
    const data = await load(ctx);
    return data ? ctx.render(data) : ctx.renderNotFound();
  },

  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const { text } = readFields(await readForm(req), ["text"]);
    const id = ctx.params.id;
    try {
      await writeSessionNote(ctx.state.kv, user.id, id, { text });
      return seeOther(`/bookings/${id}?done=notes#notes`);
    } catch (error) {
      if (error instanceof NotFoundError) return ctx.renderNotFound();
      let status = 409;
      let extra: Parameters<typeof load>[1] = { problem: null };
      if (error instanceof ValidationError) {
        status = 400;
        extra = {
          draft: text,
          error: firstErrors(error.fieldErrors).text ?? error.message,
          problem: error.message,
        };
      } else if (error instanceof NoteWriterError) {
        status = 403;
        extra = { problem: error.message };
      } else if (error instanceof ConflictError) {
        extra = { draft: text, problem: error.message };
      } else throw error;
      const data = await load(ctx, extra);
      return data ? ctx.render(data, { status }) : ctx.renderNotFound();
    }
  },
});

export default define.page<typeof handler>(function NotesPage({ data }) {
  const { booking, state } = data;
  return (
    <div class="space-y-6">
      {data.problem && (
        <Notice tone="error" title="Not saved">{data.problem}</Notice>
      )}
      <SessionContextCard
        booking={booking}
        otherName={data.otherName}
        zone={data.zone}
      />
      {!state.note && (state.side === "learner" ||
          booking.status === "cancelled")
        ? (
          <Card id="notes" title="Session notes">
            <p>
              {booking.status === "cancelled"
                ? "The session was cancelled, so it has no notes."
                : `${data.otherName} hasn't written notes for this session yet.`}
            </p>
          </Card>
        )
        : (
          <SessionNotesCard
            bookingId={booking.id}
            side={state.side}
            note={state.note}
            canWrite={state.canWrite}
            cancelled={booking.status === "cancelled"}
            zone={data.zone}
            otherName={data.otherName}
            draft={data.draft}
            error={data.error}
          />
        )}
    </div>
  );
});

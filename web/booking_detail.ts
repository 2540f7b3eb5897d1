/**
 * What the booking page (routes/bookings/[id].tsx) loads: the booking as
 * its viewer may see it, with the other party's name, the policy, free
 * times to move to, the review, attendance, shared notes and recordings;
 * or, back from checkout, the hold that became the booking.
 */
import { requireUser } from "@/web/user.ts";
import { people } from "@/components/bookings/names.ts";
import { moveStep, type MoveWindow, moveWindow } from "@/web/move_window.ts";
import { spanIn } from "@/components/bookings/time.ts";
import {
  type Booking,
  type BookingActions,
  confirmHold,
  getBookingFor,
  HoldLapsedError,
  MAX_SLOT_WINDOW_DAYS,
  offeringSlots,
} from "@/services/bookings/mod.ts";
import { type AttendanceView, getAttendance } from "@/services/calls/mod.ts";
import {
  type BookingReviewState,
  bookingReviewState,
} from "@/services/reviews/mod.ts";
import { getSettings, type Settings } from "@/services/settings/mod.ts";
import {
  getSessionNoteFor,
  type SessionNoteState,
} from "@/services/session_notes/mod.ts";
import { listRecordings, type Recording } from "@/services/recordings/mod.ts";
import { NotFoundError } from "@/services/platform/errors.ts";
import { now } from "@/services/platform/clock.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

/** What each "done" flag in the address says after a change. */
export const DONE: Record<string, string> = {
  booked: "Booked! You'll find the session here and in your list of sessions.",
  cancelled: "The session is cancelled.",
  moved: "The session has moved to its new time.",
  reported: "Thanks for telling us. An admin will look at it and decide.",
  reviewed: "Thanks for your review. It shows on the expert's profile.",
  replied: "Your reply is published under the review.",
  notes: "Your notes are saved. The learner sees them on this page.",
};

export type PageNotice = {
  tone: "success" | "error" | "info";
  title: string;
  text: string;
};

/** What the booking page shows: the booking, a checkout still settling, or a lapsed hold. */
export type DetailData =
  | {
    kind: "booking";
    booking: Booking;
    actions: BookingActions;
    side: "learner" | "expert" | "admin";
    otherName: string;
    /** The other party has an account, so a message reaches them. */
    otherHasAccount: boolean;
    zone: string;
    settings: Settings;
    slots: { start: string; end: string }[];
    /** The week of `slots`, and the weeks either side. */
    move: MoveWindow;
    notice: PageNotice | null;
    errors: Record<string, string>;
    values: { reason: string; problem: string };
    review: BookingReviewState;
    attendance: AttendanceView;
    /** Both parties' names by id ("You" for the viewer), for the attendance. */
    names: Record<string, string>;
    notes: SessionNoteState | null;
    /** The booking's recordings (none for an admin: they are the parties' own). */
    recordings: Recording[];
  }
  | { kind: "waiting"; id: string; when: string }
  | { kind: "lapsed"; message: string };

/**
 * The booking at `ctx.params.id` as the signed-in viewer may see it, with
 * what the page needs around it; a learner back from checkout with a
 * hold's id gets the booking it became, or how the payment stands.
 */
export async function loadBooking(
  ctx: FreshContext<AppState>,
  notice: PageNotice | null,
  errors: Record<string, string> = {},
  values = { reason: "", problem: "" },
): Promise<DetailData | null> {
  const { kv } = ctx.state;
  const user = requireUser(ctx.state);
  // Reading others' bookings is an admin tool, which needs two-factor.
  const viewer = user.role === "admin" && !user.twoFactorEnabled
    ? { id: user.id, role: "learner" as const }
    : user;
  let found;
  try {
    found = await getBookingFor(kv, viewer, ctx.params.id);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return user.role === "learner" ? await fromHold(ctx) : null;
  }
  const { booking, actions } = found;
  const side = booking.learnerId === user.id
    ? "learner"
    : booking.expertId === user.id
    ? "expert"
    : "admin";
  const otherId = side === "expert" ? booking.learnerId : booking.expertId;
  const [
    parties,
    settings,
    review,
    attendance,
    notes,
    recordings,
  ] = await Promise.all([
    people(kv, [booking.learnerId, booking.expertId]),
    getSettings(kv),
    bookingReviewState(kv, booking, user.id),
    getAttendance(kv, booking),
    // The shared notes and recordings are the two parties' own: an admin gets none.
    side === "admin" ? null : getSessionNoteFor(kv, user.id, booking.id),
    side === "admin" ? [] : listRecordings(kv, booking, user.id),
  ]);
  let slots: { start: string; end: string }[] = [];
  const move = moveWindow(
    now().getTime(),
    Date.parse(booking.start),
    moveStep(ctx.url),
    MAX_SLOT_WINDOW_DAYS,
  );
  if (actions.canReschedule) {
    slots = await offeringSlots(kv, booking.expertId, {
      offeringId: booking.offeringId,
      from: new Date(move.from).toISOString(),
      to: new Date(move.to).toISOString(),
    }).then((found) => found.slots).catch(() => []);
  }
  return {
    kind: "booking",
    booking,
    actions,
    side,
    otherName: parties.get(otherId)!.name,
    otherHasAccount: parties.get(otherId)!.hasAccount,
    zone: user.timeZone,
    settings,
    slots,
    move,
    notice,
    errors,
    values,
    review,
    attendance,
    names: {
      [booking.learnerId]: side === "learner"
        ? "You"
        : parties.get(booking.learnerId)!.name,
      [booking.expertId]: side === "expert"
        ? "You"
        : parties.get(booking.expertId)!.name,
    },
    notes,
    recordings,
  };
}

/** Back from checkout with a hold's id: turn it into the booking if paid. */
async function fromHold(
  ctx: FreshContext<AppState>,
): Promise<DetailData | null> {
  const user = requireUser(ctx.state);
  try {
    const outcome = await confirmHold(ctx.state.kv, user.id, ctx.params.id);
    if (outcome.status === "converted") {
      return await loadBooking(ctx, {
        tone: "success",
        title: "Payment received",
        text: DONE.booked,
      });
    }
    return {
      kind: "waiting",
      id: outcome.hold.id,
      when: spanIn(outcome.hold.start, outcome.hold.end, user.timeZone),
    };
  } catch (error) {
    if (error instanceof HoldLapsedError) {
      return { kind: "lapsed", message: error.message };
    }
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/**
 * Problems with a session: within the dispute window after completion the
 * learner may report one, which stops the release of the expert's earnings;
 * an admin then decides (full refund, release, or a split) with a note.
 *
 * When a dispute opens, the money sits as the expert's pending earnings
 * (the price less the commission) and the platform's commission. The
 * decision moves `learnerMinor` back to the learner's wallet out of both,
 * recomputes the commission on what the expert keeps at the booking's
 * recorded rate, and releases the expert's part: one entry back, one
 * release, in the same atomic as the decision, which is written to the
 * booking's history with the admin and the note.
 */
import {
  addSecurityEvent,
  type RequestMeta,
} from "@/services/platform/audit.ts";
import { z } from "zod";
import { clockFor } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { formatMoney } from "@/services/platform/money.ts";
import { multiLine } from "@/services/platform/plain_text.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  commissionOf,
  pendingEarningsAccount,
  PLATFORM_REVENUE,
  type PostingInput,
  preparePostings,
  releaseEarnings,
  walletAccount,
} from "@/services/ledger/mod.ts";
import { type Booking, DISPUTE_OUTCOMES, isSettled } from "./model.ts";
import {
  addBookingEvent,
  dueKey,
  getBookingEntry,
  writeBooking,
} from "./store.ts";

export const disputeRequestSchema = z.strictObject({
  reason: multiLine(0, 2000).optional().describe(
    "Required: what went wrong. (Checked after the booking is found, so another user's booking id is a 404 whatever the body.)",
  ),
});
export type DisputeRequest = z.input<typeof disputeRequestSchema>;

export const resolutionRequestSchema = z.strictObject({
  outcome: z.enum(
    DISPUTE_OUTCOMES,
    'Choose "refund" (all back to the learner), "release" (all to the expert) or "split".',
  ),
  learnerMinor: z.number().int().positive().optional().describe(
    "For a split: what goes back to the learner, in minor units.",
  ),
  note: multiLine(1, 2000).describe("The decision, for both sides."),
});
export type ResolutionRequest = z.input<typeof resolutionRequestSchema>;

/**
 * Reports a problem with a completed session, as its learner, within the
 * window. ConflictError outside it.
 */
export async function disputeBooking(
  kv: Deno.Kv,
  learnerId: string,
  bookingId: string,
  request: DisputeRequest,
): Promise<Booking> {
  return await untilCommitted(async () => {
    const found = await getBookingEntry(kv, bookingId);
    if (!found || found.booking.learnerId !== learnerId) {
      throw new NotFoundError("You have no booking with this id.");
    }
    const { reason } = parseInput(
      disputeRequestSchema,
      request,
      "The report is invalid.",
    );
    if (!reason) {
      throw new ValidationError("The report is invalid.", {
        reason: ["Say what went wrong, so an admin can help."],
      });
    }
    const { booking, entry } = found;
    const now = clockFor(kv).now();
    if (booking.status === "disputed") {
      throw new ConflictError("You have already reported a problem with it.");
    }
    if (
      !isSettled(booking) || booking.releasedAt !== null ||
      booking.releaseAt === null ||
      now.getTime() >= Date.parse(booking.releaseAt)
    ) {
      throw new ConflictError(
        booking.status === "confirmed"
          ? "You can report a problem once the session has ended."
          : "Problems can be reported until the expert is paid, a day after the session; this one can no longer be reported.",
      );
    }
    const at = now.toISOString();
    const next: Booking = {
      ...booking,
      status: "disputed",
      dispute: { reason, openedAt: at, resolution: null },
      updatedAt: at,
    };
    const op = kv.atomic().check(entry)
      .delete(dueKey(Date.parse(booking.releaseAt), booking.id));
    writeBooking(op, next, booking);
    addBookingEvent(op, {
      bookingId,
      at,
      type: "disputed",
      actorId: learnerId,
      details: { reason },
    });
    return (await op.commit()).ok ? next : RETRY;
  });
}

/** The postings of a decision: `learnerMinor` back, the expert's rest released. */
function resolutionPostings(
  booking: Booking,
  learnerMinor: number,
): { postings: PostingInput[]; expertKeeps: number } {
  const pending = booking.expertEarningsMinor ?? 0;
  const total = booking.priceMinor;
  const commission = total - pending;
  const expertShare = total - learnerMinor;
  const commissionKept = commissionOf(expertShare, booking.commissionPercent);
  const expertKeeps = expertShare - commissionKept;
  const money = { bookingId: booking.id, currency: booking.currency };
  const postings: PostingInput[] = [];
  if (learnerMinor > 0) {
    postings.push({
      idempotencyKey: `booking:${booking.id}:refund:dispute`,
      currency: booking.currency,
      kind: "booking_refund",
      lines: [
        {
          account: walletAccount(booking.learnerId),
          amountMinor: learnerMinor,
        },
        {
          account: pendingEarningsAccount(booking.expertId),
          amountMinor: -(pending - expertKeeps),
        },
        {
          account: PLATFORM_REVENUE,
          amountMinor: -(commission - commissionKept),
        },
      ].filter((line) => line.amountMinor !== 0),
      refs: { bookingId: booking.id, userId: booking.learnerId },
    });
  }
  if (expertKeeps > 0) {
    postings.push(releaseEarnings({
      ...money,
      expertId: booking.expertId,
      amountMinor: expertKeeps,
    }));
  }
  return { postings, expertKeeps };
}

/**
 * An admin's decision on a disputed booking. `split` needs `learnerMinor`
 * between 1 and the price less one; the others must not give one.
 */
export async function resolveDispute(
  kv: Deno.Kv,
  adminId: string,
  bookingId: string,
  request: ResolutionRequest,
  meta: Pick<RequestMeta, "ip" | "userAgent"> = {
    ip: "system",
    userAgent: "TapTime",
  },
): Promise<Booking> {
  const input = parseInput(
    resolutionRequestSchema,
    request,
    "The decision is invalid.",
  );
  return await untilCommitted(async () => {
    const found = await getBookingEntry(kv, bookingId);
    if (!found) throw new NotFoundError("There is no booking with this id.");
    const { booking, entry } = found;
    if (booking.status !== "disputed" || !booking.dispute) {
      throw new ConflictError(
        `This booking is ${booking.status}, not disputed; there is nothing to decide.`,
      );
    }
    const price = booking.priceMinor;
    let learnerMinor: number;
    if (input.outcome === "split") {
      if (input.learnerMinor === undefined || input.learnerMinor >= price) {
        throw new ValidationError("The decision is invalid.", {
          learnerMinor: [
            `For a split, give what goes back to the learner: ${
              formatMoney({ amountMinor: 1, currency: booking.currency })
            } to ${
              formatMoney({
                amountMinor: price - 1,
                currency: booking.currency,
              })
            }.`,
          ],
        });
      }
      learnerMinor = input.learnerMinor;
    } else if (input.learnerMinor !== undefined) {
      throw new ValidationError("The decision is invalid.", {
        learnerMinor: ["Only a split takes an amount."],
      });
    } else learnerMinor = input.outcome === "refund" ? price : 0;

    const { postings, expertKeeps } = resolutionPostings(booking, learnerMinor);
    const prepared = await preparePostings(kv, postings);
    const at = clockFor(kv).now().toISOString();
    const next: Booking = {
      ...booking,
      status: "completed",
      expertEarningsMinor: expertKeeps,
      releasedAt: at,
      dispute: {
        ...booking.dispute,
        resolution: {
          outcome: input.outcome,
          learnerMinor,
          note: input.note,
          by: adminId,
          at,
        },
      },
      updatedAt: at,
    };
    const op = kv.atomic().check(entry);
    writeBooking(op, next, booking);
    addBookingEvent(op, {
      bookingId,
      at,
      type: "dispute_resolved",
      actorId: adminId,
      details: {
        outcome: input.outcome,
        learnerMinor: String(learnerMinor),
        note: input.note,
      },
    });
    // Admins' money decisions belong in the audit log, beside the booking's own history.
    addSecurityEvent(op, {
      type: "booking_dispute_resolved",
      actorId: adminId,
      userId: booking.learnerId,
      details: {
        bookingId,
        outcome: input.outcome,
        learnerMinor: String(learnerMinor),
      },
    }, meta);
    prepared.addTo(op);
    return (await op.commit()).ok ? next : RETRY;
  });
}

/**
 * Reading bookings: one booking for its two parties (and admins), a
 * person's upcoming or past sessions in time order, the admins' filtered
 * list, and an offering's free slots (the slot engine with this feature's
 * claims and the expert's external calendars as busy time).
 */
import { z } from "zod";
import {
  expertSlots,
  instantSchema,
  localDateOf,
  MAX_BUFFER_MINUTES,
  type Slot,
} from "@/services/availability/mod.ts";
import { busyTimesMs } from "@/services/calendars/mod.ts";
import { getPublishedExpert } from "@/services/experts/mod.ts";
import { getOffering } from "@/services/offerings/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { idSchema, type Role } from "@/services/platform/model.ts";
import { listPageInBatches, type Page } from "@/services/platform/paging.ts";
import { getSettings } from "@/services/settings/mod.ts";
import { type Booking, bookingStatusSchema, isSettled } from "./model.ts";
import { cancellationQuote, partyOf, rescheduleRefusal } from "./policy.ts";
import {
  bookingKey,
  BOOKINGS,
  BY_START,
  CELL_MS,
  getBookingEntry,
  getBookings,
  isExpired,
  readBooking,
  readCells,
  readDayCounts,
} from "./store.ts";

const DAY_MS = 86_400_000;
/** The longest session; a listing looks this far back for sessions still running. */
const LONGEST_SESSION_MS = DAY_MS;
/** The widest window of slots one request may ask for. */
export const MAX_SLOT_WINDOW_DAYS = 62;

/** What the caller may do with a booking now, for the page to offer. */
export interface BookingActions {
  /** What cancelling now would give back to the learner; null when it cannot be cancelled. */
  cancelRefundMinor: number | null;
  canReschedule: boolean;
  canDispute: boolean;
}

/**
 * The booking if `viewer` is one of its parties or an admin; NotFoundError
 * otherwise (someone else's booking is indistinguishable from none).
 */
export async function getBookingFor(
  kv: Deno.Kv,
  viewer: { id: string; role: Role },
  bookingId: string,
): Promise<{ booking: Booking; actions: BookingActions }> {
  const found = await getBookingEntry(kv, bookingId);
  const party = found && partyOf(found.booking, viewer.id);
  if (!found || (!party && viewer.role !== "admin")) {
    throw new NotFoundError("You have no booking with this id.");
  }
  const { booking } = found;
  const nowMs = clockFor(kv).now().getTime();
  const settings = await getSettings(kv);
  const cancellable = party !== null && booking.status === "confirmed" &&
    nowMs < Date.parse(booking.end);
  return {
    booking,
    actions: {
      cancelRefundMinor: cancellable
        ? cancellationQuote(booking, party, nowMs, settings).refundMinor
        : null,
      canReschedule: party !== null &&
        rescheduleRefusal(booking, nowMs, settings) === null,
      canDispute: party === "learner" && isSettled(booking) &&
        booking.releasedAt === null && booking.releaseAt !== null &&
        nowMs < Date.parse(booking.releaseAt),
    },
  };
}

/**
 * Pages through `selector`: time-ordered index keys naming booking ids, or
 * the bookings themselves.
 */
function pageOfBookings(
  kv: Deno.Kv,
  selector: Deno.KvListSelector,
  options: { reverse: boolean; cursor?: string; limit?: number },
  keep: (booking: Booking) => boolean,
): Promise<Page<Booking>> {
  return listPageInBatches<string | Booking, Booking>(
    kv,
    { selector, reverse: options.reverse },
    { cursor: options.cursor, limit: options.limit },
    async (entries) => {
      // Index entries name their booking; the records come in one read.
      const named = entries.filter((entry) => typeof entry.value === "string");
      const records = named.length === 0 ? [] : await kv.getMany(
        named.map((entry) => bookingKey(entry.value as string)),
      );
      let next = 0;
      return entries.map((entry) => {
        const booking = readBooking(
          typeof entry.value === "string" ? records[next++].value : entry.value,
        );
        return booking && keep(booking) ? booking : null;
      });
    },
  );
}

export const listQuerySchema = z.object({
  as: z.enum(["learner", "expert"]).optional().describe(
    "Whose side to list; default the caller's role.",
  ),
  when: z.enum(["upcoming", "past"]).default("upcoming").describe(
    "upcoming: not yet ended, soonest first; past: ended, latest first.",
  ),
});

/**
 * `userId`'s sessions as learner or expert: upcoming (not yet ended, soonest
 * first) or past (latest first), every status.
 */
export function listBookings(
  kv: Deno.Kv,
  userId: string,
  query: {
    as: "learner" | "expert";
    when: "upcoming" | "past";
    cursor?: string;
    limit?: number;
  },
): Promise<Page<Booking>> {
  const index = query.as === "learner"
    ? "bookings_by_learner"
    : "bookings_by_expert";
  const nowMs = clockFor(kv).now().getTime();
  const prefix = [index, userId];
  const ended = (booking: Booking) => Date.parse(booking.end) <= nowMs;
  return query.when === "upcoming"
    ? pageOfBookings(
      kv,
      { prefix, start: [...prefix, nowMs - LONGEST_SESSION_MS] },
      { reverse: false, cursor: query.cursor, limit: query.limit },
      (booking) => !ended(booking),
    )
    : pageOfBookings(
      kv,
      { prefix, end: [...prefix, nowMs] },
      { reverse: true, cursor: query.cursor, limit: query.limit },
      ended,
    );
}

/** The most sessions `listBookingsBetween` returns: a busy week's worth. */
export const MAX_BOOKINGS_BETWEEN = 1_000;

/**
 * `userId`'s sessions on `side` that start in `[from, to)`, in start
 * order, every status: a range of the person's time-ordered index and the
 * bookings it names, at most MAX_BOOKINGS_BETWEEN (a calendar's week or
 * month; page with listBookings for more).
 */
export async function listBookingsBetween(
  kv: Deno.Kv,
  userId: string,
  side: "learner" | "expert",
  from: Date,
  to: Date,
): Promise<Booking[]> {
  const index = side === "learner"
    ? "bookings_by_learner"
    : "bookings_by_expert";
  const prefix = [index, userId];
  const ids: string[] = [];
  for await (
    const entry of kv.list<string>({
      start: [...prefix, from.getTime()],
      end: [...prefix, to.getTime()],
    }, { limit: MAX_BOOKINGS_BETWEEN, batchSize: 500 })
  ) {
    ids.push(entry.value);
  }
  return await getBookings(kv, ids);
}

/** The keys under `prefix` whose next part is in `[fromMs, toMs)`. */
function rangeOf(
  prefix: Deno.KvKey,
  fromMs: number | null,
  toMs: number | null,
): Deno.KvListSelector {
  const start = fromMs === null ? null : [...prefix, fromMs];
  const end = toMs === null ? null : [...prefix, toMs];
  // KV takes a prefix with a start or an end, or a start and an end.
  if (start && end) return { start, end };
  if (start) return { prefix, start };
  if (end) return { prefix, end };
  return { prefix };
}

export const adminQuerySchema = z.object({
  status: bookingStatusSchema.optional(),
  expertId: idSchema.optional(),
  learnerId: idSchema.optional(),
  from: instantSchema.optional().describe("Sessions starting at or after."),
  to: instantSchema.optional().describe("Sessions starting before."),
});
export type AdminQuery = z.input<typeof adminQuerySchema>;

/**
 * Bookings for admins. With an expert or learner, their sessions in start
 * order within `from`–`to`; without one but with `from` or `to`, every
 * session in start order within them; otherwise newest booked first. Every
 * filter given applies. Each way reads an index ordered by what it narrows
 * most, so a page never scans bookings outside the range.
 */
export async function adminListBookings(
  kv: Deno.Kv,
  query: AdminQuery & { cursor?: string; limit?: number },
): Promise<Page<Booking>> {
  const filters = parseInput(
    adminQuerySchema,
    query,
    "The filters are invalid.",
  );
  const fromMs = filters.from ? Date.parse(filters.from) : null;
  const toMs = filters.to ? Date.parse(filters.to) : null;
  const keep = (booking: Booking) => {
    const start = Date.parse(booking.start);
    return (!filters.status || booking.status === filters.status) &&
      (!filters.expertId || booking.expertId === filters.expertId) &&
      (!filters.learnerId || booking.learnerId === filters.learnerId) &&
      (fromMs === null || start >= fromMs) && (toMs === null || start < toMs);
  };
  const options = { cursor: query.cursor, limit: query.limit };
  const byStart = filters.expertId
    ? ["bookings_by_expert", filters.expertId]
    : filters.learnerId
    ? ["bookings_by_learner", filters.learnerId]
    : fromMs !== null || toMs !== null
    ? [BY_START]
    : null;
  if (byStart) {
    return await pageOfBookings(
      kv,
      rangeOf(byStart, fromMs, toMs),
      { ...options, reverse: false },
      keep,
    );
  }
  const prefix = filters.status
    ? ["bookings_by_status", filters.status]
    : [BOOKINGS];
  return await pageOfBookings(
    kv,
    { prefix },
    { ...options, reverse: true },
    keep,
  );
}

export const slotQuerySchema = z.object({
  offeringId: idSchema,
  from: instantSchema,
  to: instantSchema,
});
export type SlotQueryInput = z.input<typeof slotQuerySchema>;

/**
 * The free slots of one of a published expert's session offerings starting
 * in `[from, to)` (at most MAX_SLOT_WINDOW_DAYS), with the expert's zone.
 */
export async function offeringSlots(
  kv: Deno.Kv,
  expertId: string,
  query: SlotQueryInput,
): Promise<{ timeZone: string; slots: Slot[] }> {
  const expert = await getPublishedExpert(kv, expertId);
  if (!expert || expert.hiddenWhileSuspended) {
    throw new NotFoundError("There is no such expert.");
  }
  const { offeringId, from, to } = parseInput(
    slotQuerySchema,
    query,
    "The slot query is invalid.",
  );
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  if (toMs <= fromMs || toMs - fromMs > MAX_SLOT_WINDOW_DAYS * DAY_MS) {
    throw new ValidationError("The slot query is invalid.", {
      to: [
        `Give a "to" after "from", at most ${MAX_SLOT_WINDOW_DAYS} days later.`,
      ],
    });
  }
  const offering = await getOffering(kv, expertId, offeringId);
  if (!offering || !offering.active || offering.kind !== "session") {
    throw new ValidationError("The slot query is invalid.", {
      offeringId: ["This expert offers no such session."],
    });
  }
  // Claims reach back by a buffer and forward by a session and a buffer.
  const margin = (MAX_BUFFER_MINUTES + 24 * 60) * 60_000;
  const nowMs = clockFor(kv).now().getTime();
  const [cells, external] = await Promise.all([
    readCells(kv, "booking_cells", expertId, fromMs - margin, toMs + margin),
    busyTimesMs(kv, expertId, fromMs - margin, toMs + margin),
  ]);
  const busy: { start: number; end: number }[] = [];
  for (const [cell, claim] of cells) {
    if (isExpired(claim.value, nowMs)) continue;
    const last = busy[busy.length - 1];
    if (last && last.end === cell) last.end = cell + CELL_MS;
    else busy.push({ start: cell, end: cell + CELL_MS });
  }
  for (const [start, end] of external) busy.push({ start, end });
  const zone = expert.timeZone;
  const bookedPerLocalDay = await readDayCounts(
    kv,
    expertId,
    // Counted on the dates of the availability's zone, which may differ.
    localDateOf(fromMs - 2 * DAY_MS, zone),
    localDateOf(toMs + 2 * DAY_MS, zone),
  );
  return await expertSlots(kv, expertId, {
    durationMinutes: offering.durationMinutes,
    from,
    to,
    busy,
    bookedPerLocalDay,
  });
}

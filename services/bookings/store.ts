/**
 * Bookings in Deno KV.
 *
 * KV keys
 *   ["bookings", bookingId]                          → Booking (id: ULID)
 *   ["bookings_by_learner", learnerId, startMs, id]  → id   a learner's sessions in time order
 *   ["bookings_by_expert", expertId, startMs, id]    → id   an expert's schedule in time order
 *   ["bookings_by_status", status, id]               → id   the admins' filters
 *   ["bookings_by_start", startMs, id]               → id   every session in start
 *                                         order (a day's sessions for admins,
 *                                         the statistics of a period)
 *   ["bookings_by_created", createdMs, id]           → id   every booking in the
 *                                         order it was made (bookings made in
 *                                         a period: the funnel, statistics)
 *   ["booking_cells", expertId, cellStartMs]         → CellClaim   the expert's time,
 *                                         one key per 15-minute cell that a
 *                                         session and its buffers touch
 *   ["learner_cells", learnerId, cellStartMs]        → CellClaim   the learner's
 *                                         time (the session only)
 *   ["booking_day_count", expertId, localDate]       → number   sessions that start
 *                                         on the expert's local date (not cancelled)
 *   ["booking_due", dueAtMs, bookingId]              → "complete" | "release" | reminder
 *                                         background work that falls due then
 *                                         ("complete" when the call's join
 *                                         window closes: completionDueAt)
 *   ["booking_holds", holdId]                        → Hold
 *   ["booking_holds_open", holdId]                   → holdId   holds still to settle
 *   ["booking_events", bookingId, eventId]           → BookingEvent   who did what
 *   ["expert_cancellations", expertId, bookingId]    → ISO time   counted on the
 *                                         expert's record
 *
 * Cells: a booking or a hold claims its time by writing its id into each
 * cell, with `check` on what it read there: an empty cell (versionstamp
 * null) or an expired hold's exact versionstamp. Two claims on overlapping
 * time share a cell, so one of the two commits fails its check: nobody is
 * double-booked, whatever the number of processes. A hold's cells carry its
 * expiry (`until`); after it the cell counts as free, so an expired hold
 * needs no sweep (its keys also expire from KV a day later, to tidy up).
 * Cells are aligned to UTC quarter hours: every zone in use today is offset
 * from UTC by a whole number of quarter hours, so the slot grid (15 minutes
 * on the expert's clock) falls on cell boundaries. Buffers of any length
 * round outward to whole cells, and the slot engine sees other bookings as
 * their whole cells, so what it offers is exactly what the cells accept.
 *
 * Booking ids are ULIDs; a hold's booking takes the hold's id.
 *
 * Indexes: `writeBooking` keeps every index of a booking in the commit that
 * writes it (made, moved, cancelled, settled). Bookings are never deleted
 * (an erased account's stay under its id), so no index entry is removed
 * but a moved session's old start. The two time indexes came later than the
 * bookings: a start-up migration (timeline.ts `backfillBookingTimeIndexes`)
 * adds what older bookings lack, and readers check each entry against the
 * booking it names, so an entry gone stale (a move by a process from before
 * the index) is skipped, never shown.
 */
import {
  type Booking,
  type BookingEvent,
  bookingSchema,
  type CellClaim,
  type Hold,
  holdSchema,
} from "./model.ts";
import { getManyInBatches, newId } from "@/services/platform/kv.ts";
import { joinWindow } from "@/services/calls/mod.ts";

export const CELL_MS = 15 * 60_000;

export const BOOKINGS = "bookings";
export const bookingKey = (id: string): Deno.KvKey => [BOOKINGS, id];
export const holdKey = (id: string): Deno.KvKey => ["booking_holds", id];
export const openHoldKey = (id: string): Deno.KvKey => [
  "booking_holds_open",
  id,
];
export const dayCountKey = (expertId: string, date: string): Deno.KvKey => [
  "booking_day_count",
  expertId,
  date,
];
export const dueKey = (dueAtMs: number, id: string): Deno.KvKey => [
  "booking_due",
  dueAtMs,
  id,
];
export const DUE_PREFIX: Deno.KvKey = ["booking_due"];

/**
 * When a booking's "complete" step falls due: once its call can no longer
 * be joined, so attendance is final (services/calls `joinWindow`).
 */
export function completionDueAt(
  booking: Pick<Booking, "start" | "end">,
): number {
  return joinWindow(booking).closesAt;
}

/** Adds `booking`'s "complete" step to the due work in `op`. */
export function scheduleCompletion(
  op: Deno.AtomicOperation,
  booking: Pick<Booking, "id" | "start" | "end">,
): void {
  op.set(dueKey(completionDueAt(booking), booking.id), "complete");
}

/** Takes `booking`'s "complete" step out of the due work in `op`. */
export function unscheduleCompletion(
  op: Deno.AtomicOperation,
  booking: Pick<Booking, "id" | "start" | "end">,
): void {
  op.delete(dueKey(completionDueAt(booking), booking.id));
}
export const OPEN_HOLDS_PREFIX: Deno.KvKey = ["booking_holds_open"];

/** Every booking by its session's start, then id. */
export const BY_START = "bookings_by_start";
export const byStartKey = (
  booking: Pick<Booking, "id" | "start">,
): Deno.KvKey => [BY_START, Date.parse(booking.start), booking.id];

/** Every booking by when it was made, then id. */
export const BY_CREATED = "bookings_by_created";
export const byCreatedKey = (
  booking: Pick<Booking, "id" | "createdAt">,
): Deno.KvKey => [BY_CREATED, Date.parse(booking.createdAt), booking.id];

/** Whose time a cell belongs to. */
export type CellOwner = "booking_cells" | "learner_cells";

export const cellKey = (
  owner: CellOwner,
  personId: string,
  cellMs: number,
): Deno.KvKey => [owner, personId, cellMs];

/** The cells (their start, epoch ms) that `[startMs, endMs)` touches. */
export function cellsCovering(startMs: number, endMs: number): number[] {
  const cells: number[] = [];
  const first = Math.floor(startMs / CELL_MS) * CELL_MS;
  for (let cell = first; cell < endMs; cell += CELL_MS) cells.push(cell);
  return cells;
}

/** The expert's cells a booking claims: its session and buffers. */
export function expertCellsOf(
  terms: Pick<
    Booking,
    "start" | "end" | "bufferBeforeMinutes" | "bufferAfterMinutes"
  >,
): number[] {
  return cellsCovering(
    Date.parse(terms.start) - terms.bufferBeforeMinutes * 60_000,
    Date.parse(terms.end) + terms.bufferAfterMinutes * 60_000,
  );
}

/** The learner's cells a booking claims: the session itself. */
export function learnerCellsOf(
  terms: Pick<Booking, "start" | "end">,
): number[] {
  return cellsCovering(Date.parse(terms.start), Date.parse(terms.end));
}

/** True when a claim no longer holds its cell: an expired hold. */
export function isExpired(claim: CellClaim, nowMs: number): boolean {
  return claim.until !== undefined && claim.until <= nowMs;
}

/**
 * The stored claims on `personId`'s cells in `[fromMs, toMs)`, by cell
 * start. One range read: absent cells are simply not in the map.
 */
export async function readCells(
  kv: Deno.Kv,
  owner: CellOwner,
  personId: string,
  fromMs: number,
  toMs: number,
): Promise<Map<number, Deno.KvEntry<CellClaim>>> {
  const found = new Map<number, Deno.KvEntry<CellClaim>>();
  for await (
    const entry of kv.list<CellClaim>({
      start: cellKey(owner, personId, fromMs),
      end: cellKey(owner, personId, toMs),
    })
  ) {
    found.set(entry.key[2] as number, entry);
  }
  return found;
}

/** A stored booking read back; null when absent or unreadable. */
export function readBooking(value: unknown): Booking | null {
  const parsed = bookingSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A booking with its versionstamp, for a checked write. */
export async function getBookingEntry(
  kv: Deno.Kv,
  id: string,
): Promise<{ booking: Booking; entry: Deno.KvEntry<unknown> } | null> {
  if (id.length > 64) return null;
  const entry = await kv.get(bookingKey(id));
  const booking = readBooking(entry.value);
  return booking ? { booking, entry: entry as Deno.KvEntry<unknown> } : null;
}

/** Many bookings by id, in the order given (missing ones left out). */
export async function getBookings(
  kv: Deno.Kv,
  ids: string[],
): Promise<Booking[]> {
  const found: Booking[] = [];
  for (const entry of await getManyInBatches(kv, ids.map(bookingKey))) {
    const booking = readBooking(entry.value);
    if (booking) found.push(booking);
  }
  return found;
}

/**
 * Writes `next` (replacing `previous`) with its indexes into `op`. The
 * caller checks `previous`'s versionstamp (or that the key is empty) in the
 * same atomic.
 */
export function writeBooking(
  op: Deno.AtomicOperation,
  next: Booking,
  previous: Booking | null,
): Deno.AtomicOperation {
  const startMs = Date.parse(next.start);
  op.set(bookingKey(next.id), next);
  if (previous && previous.start !== next.start) {
    const before = Date.parse(previous.start);
    op.delete(["bookings_by_learner", previous.learnerId, before, next.id])
      .delete(["bookings_by_expert", previous.expertId, before, next.id])
      .delete(byStartKey(previous));
  }
  op.set(["bookings_by_learner", next.learnerId, startMs, next.id], next.id)
    .set(["bookings_by_expert", next.expertId, startMs, next.id], next.id)
    .set(byStartKey(next), next.id)
    .set(byCreatedKey(next), next.id);
  if (previous && previous.status !== next.status) {
    op.delete(["bookings_by_status", previous.status, next.id]);
  }
  op.set(["bookings_by_status", next.status, next.id], next.id);
  return op;
}

/** Adds an entry to the booking's history in `op`. */
export function addBookingEvent(
  op: Deno.AtomicOperation,
  event: Omit<BookingEvent, "id">,
): BookingEvent {
  const recorded: BookingEvent = { id: newId(), ...event };
  op.set(["booking_events", event.bookingId, recorded.id], recorded);
  return recorded;
}

/** A booking's history, oldest first. */
export async function listBookingEvents(
  kv: Deno.Kv,
  bookingId: string,
): Promise<BookingEvent[]> {
  const events: BookingEvent[] = [];
  for await (
    const entry of kv.list<BookingEvent>({
      prefix: ["booking_events", bookingId],
    })
  ) {
    events.push(entry.value);
  }
  return events;
}

/** Records an expert's cancellation on their record, in `op`. */
export function recordExpertCancellation(
  op: Deno.AtomicOperation,
  booking: Booking,
  at: string,
): void {
  op.set(["expert_cancellations", booking.expertId, booking.id], at);
}

/** How many sessions the expert has cancelled. */
export async function countExpertCancellations(
  kv: Deno.Kv,
  expertId: string,
): Promise<number> {
  let count = 0;
  for await (
    const _ of kv.list({ prefix: ["expert_cancellations", expertId] })
  ) count++;
  return count;
}

/** A stored hold read back; null when absent or unreadable. */
export function readHold(value: unknown): Hold | null {
  const parsed = holdSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export async function getHoldEntry(
  kv: Deno.Kv,
  id: string,
): Promise<{ hold: Hold; entry: Deno.KvEntry<unknown> } | null> {
  if (id.length > 64) return null;
  const entry = await kv.get(holdKey(id));
  const hold = readHold(entry.value);
  return hold ? { hold, entry: entry as Deno.KvEntry<unknown> } : null;
}

/** Sessions per local date of the expert in `[fromDate, toDate]`. */
export async function readDayCounts(
  kv: Deno.Kv,
  expertId: string,
  fromDate: string,
  toDate: string,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for await (
    const entry of kv.list<number>({
      start: dayCountKey(expertId, fromDate),
      end: dayCountKey(expertId, `${toDate}~`),
    })
  ) {
    if (entry.value > 0) counts.set(entry.key[2] as string, entry.value);
  }
  return counts;
}

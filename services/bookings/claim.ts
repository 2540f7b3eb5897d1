/**
 * Claiming time: the one rule every flow that puts a session on the
 * calendar goes through (booking, holding, converting a hold, moving a
 * booking).
 *
 * `planClaim` reads, from fresh data, what a session at `start` would take:
 * the expert's availability (and its versionstamp), the expert's cells its
 * session and buffers cover, the learner's cells, the day's session count
 * and the expert's external busy times. It asks the slot engine whether the
 * start is bookable with the other claims as busy time, and refuses with
 * the first rule that fails: UnbookableError (with the rule's reason),
 * SlotUnavailableError (someone else's booking, live hold or calendar
 * event), LearnerBusyError (the learner's own other session).
 *
 * `addClaim` then adds to the caller's atomic operation a check of each
 * thing read (availability, every cell, the day count) and the writes that
 * claim it. If anything changed in between, the commit fails and the caller
 * plans again from fresh reads (platform/retry.ts `untilCommitted`).
 */
import {
  availabilityKey,
  getAvailabilityEntry,
  isBookableStart,
  localDateOf,
  occupiedSpan,
  type Span,
} from "@/services/availability/mod.ts";
import { busyTimesMs } from "@/services/calendars/mod.ts";
import type { CellClaim } from "./model.ts";
import {
  CELL_MS,
  cellKey,
  type CellOwner,
  cellsCovering,
  dayCountKey,
  isExpired,
  readCells,
} from "./store.ts";
import {
  LearnerBusyError,
  SlotUnavailableError,
  UnbookableError,
} from "./errors.ts";

export interface ClaimRequest {
  expertId: string;
  learnerId: string;
  durationMinutes: number;
  /** UTC ISO instant. */
  start: string;
  /** Now, epoch ms. */
  nowMs: number;
  /**
   * The time the expert's notice and horizon are judged at; default now. A
   * hold converting after payment is judged as of when it was made.
   */
  rulesNowMs?: number;
  /** Claims that count as the caller's own: a hold being converted, a booking being moved. */
  own?: ReadonlySet<string>;
  /** The local date of a session being moved, already counted on its day. */
  movingFromDate?: string;
}

/** What a session at the requested start takes, as read. */
export interface ClaimPlan {
  expertId: string;
  learnerId: string;
  start: string;
  end: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  expertTimeZone: string;
  /** The expert's local date the session starts on. */
  localDate: string;
  availabilityVersionstamp: string | null;
  expertCells: number[];
  learnerCells: number[];
  expertRead: Map<number, Deno.KvEntry<CellClaim>>;
  learnerRead: Map<number, Deno.KvEntry<CellClaim>>;
  day: Deno.KvEntryMaybe<number>;
}

const NO_ONE: ReadonlySet<string> = new Set();

/** True when the claim on a cell belongs to someone else and still holds. */
function heldByOthers(
  entry: Deno.KvEntry<CellClaim> | undefined,
  own: ReadonlySet<string>,
  nowMs: number,
): boolean {
  return entry !== undefined && !own.has(entry.value.id) &&
    !isExpired(entry.value, nowMs);
}

/** Reads and judges a session at `request.start` (see the module comment). */
export async function planClaim(
  kv: Deno.Kv,
  request: ClaimRequest,
): Promise<ClaimPlan> {
  const own = request.own ?? NO_ONE;
  const { availability, versionstamp } = await getAvailabilityEntry(
    kv,
    request.expertId,
  );
  const startMs = Date.parse(request.start);
  const endMs = startMs + request.durationMinutes * 60_000;
  const occupied = occupiedSpan(availability, startMs, endMs);
  const expertCells = cellsCovering(occupied.start, occupied.end);
  const learnerCells = cellsCovering(startMs, endMs);
  const localDate = localDateOf(startMs, availability.timeZone);
  const [expertRead, learnerRead, day, external] = await Promise.all([
    readCells(
      kv,
      "booking_cells",
      request.expertId,
      expertCells[0],
      expertCells[expertCells.length - 1] + CELL_MS,
    ),
    readCells(
      kv,
      "learner_cells",
      request.learnerId,
      learnerCells[0],
      learnerCells[learnerCells.length - 1] + CELL_MS,
    ),
    kv.get<number>(dayCountKey(request.expertId, localDate)),
    busyTimesMs(kv, request.expertId, occupied.start, occupied.end),
  ]);

  const taken: Span[] = expertCells
    .filter((cell) => heldByOthers(expertRead.get(cell), own, request.nowMs))
    .map((cell) => ({ start: cell, end: cell + CELL_MS }));
  const counted = (day.value ?? 0) -
    (request.movingFromDate === localDate ? 1 : 0);
  if (startMs <= request.nowMs) {
    throw new UnbookableError(
      "in_past",
      "That time has already passed; choose a later one.",
    );
  }
  const verdict = isBookableStart({
    availability,
    durationMinutes: request.durationMinutes,
    now: request.rulesNowMs ?? request.nowMs,
    start: startMs,
    busy: [
      ...taken,
      ...external.map(([start, end]) => ({ start, end })),
    ],
    bookedPerLocalDay: new Map([[localDate, Math.max(0, counted)]]),
  });
  if (!verdict.ok) {
    if (verdict.reason === "busy") throw new SlotUnavailableError();
    throw new UnbookableError(verdict.reason, verdict.message);
  }
  if (
    learnerCells.some((cell) =>
      heldByOthers(learnerRead.get(cell), own, request.nowMs)
    )
  ) {
    throw new LearnerBusyError();
  }
  return {
    expertId: request.expertId,
    learnerId: request.learnerId,
    start: verdict.slot.start,
    end: verdict.slot.end,
    bufferBeforeMinutes: availability.bufferBeforeMinutes,
    bufferAfterMinutes: availability.bufferAfterMinutes,
    expertTimeZone: availability.timeZone,
    localDate,
    availabilityVersionstamp: versionstamp,
    expertCells,
    learnerCells,
    expertRead,
    learnerRead,
    day,
  };
}

/** How long a hold's cells stay in KV after it expires (tidying only). */
const HOLD_CELL_GRACE_MS = 24 * 3_600_000;

function claimCells(
  op: Deno.AtomicOperation,
  owner: CellOwner,
  personId: string,
  cells: number[],
  read: Map<number, Deno.KvEntry<CellClaim>>,
  claim: CellClaim,
  nowMs: number,
): void {
  const options = claim.until === undefined
    ? undefined
    : { expireIn: Math.max(0, claim.until - nowMs) + HOLD_CELL_GRACE_MS };
  for (const cell of cells) {
    const key = cellKey(owner, personId, cell);
    op.check({ key, versionstamp: read.get(cell)?.versionstamp ?? null })
      .set(key, claim, options);
  }
}

/**
 * Adds the checks and writes that claim `plan`'s time for `claim` to `op`.
 * `countDay` (every session, never a hold) adds one to the day's count.
 */
export function addClaim(
  op: Deno.AtomicOperation,
  plan: ClaimPlan,
  claim: CellClaim,
  options: { nowMs: number; countDay: boolean },
): Deno.AtomicOperation {
  op.check({
    key: availabilityKey(plan.expertId),
    versionstamp: plan.availabilityVersionstamp,
  });
  claimCells(
    op,
    "booking_cells",
    plan.expertId,
    plan.expertCells,
    plan.expertRead,
    claim,
    options.nowMs,
  );
  claimCells(
    op,
    "learner_cells",
    plan.learnerId,
    plan.learnerCells,
    plan.learnerRead,
    claim,
    options.nowMs,
  );
  if (options.countDay) {
    op.check(plan.day).set(plan.day.key, (plan.day.value ?? 0) + 1);
  }
  return op;
}

/**
 * Adds to `op` the deletes that free cells `cells` of `personId`, except
 * those in `keep` (a moved session's cells that it still covers).
 */
export function freeCells(
  op: Deno.AtomicOperation,
  owner: CellOwner,
  personId: string,
  cells: readonly number[],
  keep: ReadonlySet<number> = new Set(),
): void {
  for (const cell of cells) {
    if (!keep.has(cell)) op.delete(cellKey(owner, personId, cell));
  }
}

/**
 * Adds to `op` one fewer session on the expert's `date`, checked against
 * the count as read now (the caller retries from fresh reads on conflict).
 */
export async function uncountDay(
  kv: Deno.Kv,
  op: Deno.AtomicOperation,
  expertId: string,
  date: string,
): Promise<void> {
  const day = await kv.get<number>(dayCountKey(expertId, date));
  op.check(day).set(day.key, Math.max(0, (day.value ?? 0) - 1));
}

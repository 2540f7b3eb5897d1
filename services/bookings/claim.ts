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
  type Availability,
  type AvailabilityEntry,
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

/**
 * Parsed availability per database and expert, with the versionstamp it was
 * parsed from: a booking reads the stored versionstamp anyway (its commit
 * checks it), and when that is still the one cached, parsing the record
 * again would give the same rules. Bounded; nothing depends on a hit.
 */
const parsedAvailability = new WeakMap<
  Deno.Kv,
  Map<string, AvailabilityEntry>
>();
const CACHED_EXPERTS = 512;

function cachedAvailability(
  kv: Deno.Kv,
  expertId: string,
): AvailabilityEntry | undefined {
  return parsedAvailability.get(kv)?.get(expertId);
}

function rememberAvailability(
  kv: Deno.Kv,
  expertId: string,
  entry: AvailabilityEntry,
): void {
  // Only stored records: the default one follows the profile's zone.
  if (entry.versionstamp === null) return;
  let byExpert = parsedAvailability.get(kv);
  if (!byExpert) parsedAvailability.set(kv, byExpert = new Map());
  byExpert.delete(expertId);
  byExpert.set(expertId, entry);
  if (byExpert.size > CACHED_EXPERTS) {
    byExpert.delete(byExpert.keys().next().value!);
  }
}

/** The keys and cells a session at `startMs` touches under `availability`. */
function footprint(
  availability: Availability,
  request: ClaimRequest,
  startMs: number,
) {
  const endMs = startMs + request.durationMinutes * 60_000;
  const occupied = occupiedSpan(availability, startMs, endMs);
  return {
    endMs,
    occupied,
    expertCells: cellsCovering(occupied.start, occupied.end),
    learnerCells: cellsCovering(startMs, endMs),
    localDate: localDateOf(startMs, availability.timeZone),
  };
}

type Footprint = ReturnType<typeof footprint>;

/** Everything a plan reads besides the availability, for `at`. */
function readAround(kv: Deno.Kv, request: ClaimRequest, at: Footprint) {
  const { expertCells, learnerCells } = at;
  return Promise.all([
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
    busyTimesMs(kv, request.expertId, at.occupied.start, at.occupied.end),
  ]);
}

function sameFootprint(a: Footprint, b: Footprint): boolean {
  return a.localDate === b.localDate &&
    a.expertCells[0] === b.expertCells[0] &&
    a.expertCells.length === b.expertCells.length &&
    a.learnerCells.length === b.learnerCells.length;
}

/**
 * The availability, its footprint for the session and what that covers, in
 * one round of reads when the expert's parsed availability is cached (its
 * cells, day and calendars are read beside the availability's versionstamp;
 * a changed record is read again and, if the session's footprint moved, so
 * is the rest), otherwise in two.
 */
async function readPlanInputs(
  kv: Deno.Kv,
  request: ClaimRequest,
  startMs: number,
) {
  const cached = cachedAvailability(kv, request.expertId);
  if (cached) {
    const guess = footprint(cached.availability, request, startMs);
    const [[stored, day], around] = await Promise.all([
      kv.getMany<[unknown, number]>([
        availabilityKey(request.expertId),
        dayCountKey(request.expertId, guess.localDate),
      ]),
      readAround(kv, request, guess),
    ]);
    if (stored.versionstamp === cached.versionstamp) {
      return { entry: cached, at: guess, day, around };
    }
    const entry = await getAvailabilityEntry(kv, request.expertId);
    rememberAvailability(kv, request.expertId, entry);
    const at = footprint(entry.availability, request, startMs);
    if (sameFootprint(at, guess)) return { entry, at, day, around };
    return { entry, at, ...await readDayAndAround(kv, request, at) };
  }
  const entry = await getAvailabilityEntry(kv, request.expertId);
  rememberAvailability(kv, request.expertId, entry);
  const at = footprint(entry.availability, request, startMs);
  return { entry, at, ...await readDayAndAround(kv, request, at) };
}

async function readDayAndAround(
  kv: Deno.Kv,
  request: ClaimRequest,
  at: Footprint,
) {
  const [day, around] = await Promise.all([
    kv.get<number>(dayCountKey(request.expertId, at.localDate)),
    readAround(kv, request, at),
  ]);
  return { day, around };
}

/** Reads and judges a session at `request.start` (see the module comment). */
export async function planClaim(
  kv: Deno.Kv,
  request: ClaimRequest,
): Promise<ClaimPlan> {
  const own = request.own ?? NO_ONE;
  const startMs = Date.parse(request.start);
  const { entry, at, day, around } = await readPlanInputs(
    kv,
    request,
    startMs,
  );
  const { availability, versionstamp } = entry;
  const { expertCells, learnerCells, localDate } = at;
  const [expertRead, learnerRead, external] = around;

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

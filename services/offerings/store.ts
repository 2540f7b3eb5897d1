/**
 * Offerings in Deno KV: reads, and the one write every change goes through.
 *
 * KV keys
 *   ["offerings", expertId, offeringId] → Offering   offeringId is a ULID, so
 *                                                    key order is creation order
 *   ["offerings_version", expertId]     → { changedAt }   rewritten by every
 *                                         offering write, so a write that
 *                                         derived something from the whole
 *                                         list (the approval's hourly rate)
 *                                         can check nothing changed meanwhile
 *   ["offerings_frozen", expertId]      → { reason }   present while the
 *                                         expert's offerings must hold still
 *                                         (an application in review); every
 *                                         offering write checks it, so a
 *                                         freeze and a change can't interleave
 *
 * Once an expert is approved its public profile shows an hourly rate derived
 * from the offerings (`hourlyRateFromOfferings`); every offering write
 * updates it in the same atomic() as the offering.
 */
import { isIdShaped } from "@/services/platform/model.ts";
import { categoryParents } from "@/services/categories/mod.ts";
import { ConflictError } from "@/services/platform/errors.ts";
import {
  type ExpertProfile,
  queueNextFreeRefresh,
  sameStartingPrice,
  stageExpertPageChange,
  stageExpertWrite,
  startingPriceFromOfferings,
} from "@/services/experts/mod.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  hourlyRateFromOfferings,
  type LoadedOffering,
  type Offering,
} from "./model.ts";
import { stagePublicChange } from "@/services/platform/public_version.ts";

/**
 * A stored offering as read: records older than package options get none,
 * and those older than the recording flag do not offer recording. The
 * retired `sessions` field (null on every session type) is dropped; records
 * of the retired package kind are converted at start-up (legacy.ts).
 */
function readOffering(value: Offering): LoadedOffering {
  const { sessions: _retired, ...offering } = value as Offering & {
    sessions?: unknown;
  };
  return {
    ...offering,
    recordingOffered: offering.recordingOffered ?? false,
    packageOptions: offering.packageOptions ?? [],
  };
}

function offeringKey(expertId: string, offeringId: string): Deno.KvKey {
  return ["offerings", expertId, offeringId];
}

export function offeringsVersionKey(expertId: string): Deno.KvKey {
  return ["offerings_version", expertId];
}

export function offeringsFrozenKey(expertId: string): Deno.KvKey {
  return ["offerings_frozen", expertId];
}

/**
 * Stages freezing (with the `reason` writes are refused with) or, with
 * null, thawing the expert's offerings into `op`. The caller (an
 * application being sent for review or decided) owns the atomic.
 */
export function stageOfferingsFrozen(
  op: Deno.AtomicOperation,
  expertId: string,
  reason: string | null,
): void {
  if (reason === null) op.delete(offeringsFrozenKey(expertId));
  else op.set(offeringsFrozenKey(expertId), { reason });
}

/** Why the expert's offerings can't be changed now, or null when they can. */
export async function offeringsFrozenReason(
  kv: Deno.Kv,
  expertId: string,
): Promise<string | null> {
  const entry = await kv.get<{ reason: string }>(offeringsFrozenKey(expertId));
  return entry.value?.reason ?? null;
}

/** An expert's offerings, oldest first; active ones only unless asked. */
export async function listOfferings(
  kv: Deno.Kv,
  expertId: string,
  opts: { includeInactive?: boolean } = {},
): Promise<LoadedOffering[]> {
  const offerings: LoadedOffering[] = [];
  for await (
    const entry of kv.list<Offering>({ prefix: ["offerings", expertId] })
  ) {
    if (opts.includeInactive || entry.value.active) {
      offerings.push(readOffering(entry.value));
    }
  }
  return offerings;
}

/** One offering of this expert (active or not), or null. */
export async function getOffering(
  kv: Deno.Kv,
  expertId: string,
  offeringId: string,
): Promise<LoadedOffering | null> {
  if (!isIdShaped(offeringId)) return null;
  const { value } = await kv.get<Offering>(offeringKey(expertId, offeringId));
  return value && readOffering(value);
}

/**
 * Writes `offering` (new when `previous` is null), and when the expert has a
 * public profile, its new hourly rate, all in one atomic. Retries when
 * another write to the same expert's offerings or profile got in first;
 * `build` is called again with fresh data each time and may throw to refuse;
 * it also gets the record exactly as stored (for migrations). ConflictError,
 * with the reason, while the offerings are frozen, unless `evenWhenFrozen`
 * (a start-up migration that changes how an offering is stored, not what
 * it sells, must not wait for a review to end).
 */
export async function writeOffering(
  kv: Deno.Kv,
  expertId: string,
  offeringId: string,
  build: (
    previous: LoadedOffering | null,
    all: Offering[],
    expert: ExpertProfile | null,
    stored: unknown,
  ) => LoadedOffering,
  options: { evenWhenFrozen?: boolean } = {},
): Promise<LoadedOffering> {
  const written = await untilCommitted(async () => {
    const key = offeringKey(expertId, offeringId);
    const [entry, expertEntry, versionEntry, frozenEntry] = await kv
      .getMany<[Offering, ExpertProfile, unknown, { reason: string }]>([
        key,
        ["experts", expertId],
        offeringsVersionKey(expertId),
        offeringsFrozenKey(expertId),
      ]);
    if (frozenEntry.value && !options.evenWhenFrozen) {
      throw new ConflictError(frozenEntry.value.reason);
    }
    const all = await listOfferings(kv, expertId, { includeInactive: true });
    const previous = entry.value && readOffering(entry.value);
    const offering = build(previous, all, expertEntry.value, entry.value);
    const op = kv.atomic()
      .check(entry, expertEntry, versionEntry, frozenEntry)
      .set(key, offering)
      .set(offeringsVersionKey(expertId), {
        changedAt: new Date().toISOString(),
      });
    stagePublicChange(op);
    // The profile shows its offerings: the sitemap dates the page by this.
    stageExpertPageChange(op, expertId);
    const expert = expertEntry.value;
    if (expert !== null) {
      const current = [
        ...all.filter((other) => other.id !== offering.id),
        offering,
      ];
      // With nothing active the last rate stays: a rate is required, and
      // the completeness checklist tells the expert to add an offering.
      const rate = hourlyRateFromOfferings(current) ?? expert.hourlyRate;
      // The "from" price cards show and browse filters on, kept in step
      // with the offerings in the same commit.
      const start = startingPriceFromOfferings(current);
      if (
        rate.amountMinor !== expert.hourlyRate.amountMinor ||
        rate.currency !== expert.hourlyRate.currency ||
        !sameStartingPrice(start, expert.startingPrice)
      ) {
        stageExpertWrite(op, {
          ...expert,
          hourlyRate: rate,
          startingPrice: start,
        }, {
          previous: expert,
          parents: await categoryParents(kv),
        });
      }
    }
    return (await op.commit()).ok ? offering : RETRY;
  }, {
    attempts: CONTENDED_ATTEMPTS,
    conflictMessage: "The offerings changed meanwhile; reload and try again.",
  });
  await queueNextFreeRefresh(kv, expertId);
  return written;
}

/**
 * Attempts before an offering write gives up: enough that dozens of edits
 * of one expert's offerings at once all land (each retry pauses a little
 * longer, jittered), so only a change that keeps winning is a conflict.
 */
const CONTENDED_ATTEMPTS = 30;

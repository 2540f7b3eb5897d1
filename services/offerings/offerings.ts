/**
 * Offerings: what learners book from an expert. A session type (title,
 * duration, price) or a package (a bundle of N sessions of one length at a
 * total price).
 *
 * KV keys
 *   ["offerings", expertId, offeringId] → Offering   offeringId is a ULID, so
 *                                                    key order is creation order
 *   ["offerings_version", expertId]     → { changedAt }   rewritten by every
 *                                         offering write, so a write that
 *                                         derived something from the whole
 *                                         list (the approval's hourly rate)
 *                                         can check nothing changed meanwhile
 *
 * Deleting is soft (`active: false`): bookings will refer to offerings, and a
 * booking must still be able to show what was bought. Inactive offerings
 * are hidden from learners and can be switched on again.
 *
 * Once an expert is approved its public profile shows an hourly rate derived
 * from the offerings (`hourlyRateFromOfferings`); every offering write
 * updates it in the same atomic() as the offering.
 */
import { z } from "zod";
import { categoryParents } from "@/services/categories/mod.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import {
  type ExpertProfile,
  stageExpertWrite,
} from "@/services/experts/mod.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import {
  type Currency,
  currencySchema,
  type Money,
  toUsdMinor,
} from "@/services/platform/money.ts";
import { multiLine, singleLine } from "@/services/platform/plain_text.ts";

export const OFFERING_KINDS = ["session", "package"] as const;
export type OfferingKind = typeof OFFERING_KINDS[number];
export const SESSION_DURATIONS = [15, 30, 45, 60, 90] as const;
/**
 * Lowest price of a session or a package: 1.00 in a two-decimal currency.
 * Below that a price is a typo, not an offer (the same rule for every
 * supported currency keeps it simple; ₹1.00 and $1.00 are both floors).
 */
export const MIN_PRICE_MINOR = 100;
/** Highest price of one session: 10,000.00 in a two-decimal currency. */
export const MAX_SESSION_PRICE_MINOR = 1_000_000;
/** Highest price of a package. */
export const MAX_PACKAGE_PRICE_MINOR = 10_000_000;
/** More offerings than this is a catalogue, not a profile. */
export const MAX_OFFERINGS_PER_EXPERT = 30;

export interface Offering {
  id: string;
  expertId: string;
  kind: OfferingKind;
  title: string;
  description: string;
  durationMinutes: number;
  priceMinor: number;
  currency: Currency;
  /** Sessions in a package; null for a single session. */
  sessions: number | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

const offeringFieldShape = {
  kind: z.enum(OFFERING_KINDS, 'Choose "session" or "package".'),
  title: singleLine(3, 80),
  description: multiLine(0, 1000),
  durationMinutes: z.number("Give the length in minutes.").int().refine(
    (minutes) => (SESSION_DURATIONS as readonly number[]).includes(minutes),
    `Choose ${SESSION_DURATIONS.join(", ")} minutes.`,
  ),
  priceMinor: z.number("Give the price in minor units (cents).").int(
    "Give the price in whole minor units (cents).",
  ).min(
    MIN_PRICE_MINOR,
    `The price must be at least ${MIN_PRICE_MINOR} minor units (1.00).`,
  ),
  currency: currencySchema,
  sessions: z.number().int().min(2, "A package has at least 2 sessions.")
    .max(20, "A package has at most 20 sessions.").nullable(),
  active: z.boolean(),
};

/** The whole offering, checked together: limits depend on the kind. */
const offeringFieldsSchema = z.strictObject(offeringFieldShape).superRefine(
  (offering, context) => {
    const max = offering.kind === "package"
      ? MAX_PACKAGE_PRICE_MINOR
      : MAX_SESSION_PRICE_MINOR;
    if (offering.priceMinor > max) {
      context.addIssue({
        code: "custom",
        path: ["priceMinor"],
        message: `A ${offering.kind} costs at most ${max} minor units.`,
      });
    }
    if (offering.kind === "package" && offering.sessions === null) {
      context.addIssue({
        code: "custom",
        path: ["sessions"],
        message: "Say how many sessions the package holds (2–20).",
      });
    }
    if (offering.kind === "session" && offering.sessions !== null) {
      context.addIssue({
        code: "custom",
        path: ["sessions"],
        message: "Only packages hold several sessions.",
      });
    }
  },
);

type OfferingFields = z.output<typeof offeringFieldsSchema>;

/** What `createOffering` accepts. */
export const offeringInputSchema = z.strictObject({
  ...offeringFieldShape,
  description: offeringFieldShape.description.default(""),
  sessions: offeringFieldShape.sessions.optional(),
  active: offeringFieldShape.active.default(true),
});
export type OfferingInput = z.input<typeof offeringInputSchema>;

/**
 * What `updateOffering` accepts: any of the fields. `kind` may be sent (the
 * edit form posts every field) but must match the stored one: a package
 * silently turned into a session would change what learners already bought.
 */
export const offeringPatchSchema = z.strictObject(offeringFieldShape).partial();
export type OfferingPatch = z.input<typeof offeringPatchSchema>;

const INVALID = "The offering is invalid.";

function offeringKey(expertId: string, offeringId: string): Deno.KvKey {
  return ["offerings", expertId, offeringId];
}

export function offeringsVersionKey(expertId: string): Deno.KvKey {
  return ["offerings_version", expertId];
}

/** Validates a whole offering's fields; packages without `sessions` are refused. */
function validateFields(fields: unknown): OfferingFields {
  return parseInput(offeringFieldsSchema, fields, INVALID);
}

/**
 * The hourly rate a profile shows: the cheapest active session scaled to 60
 * minutes, else the cheapest package session scaled the same way; null when
 * nothing is active. Offerings in different currencies are compared in US
 * dollars at the reference rates search uses (`toUsdMinor`).
 */
export function hourlyRateFromOfferings(
  offerings: readonly Offering[],
): Money | null {
  const hourly = (offering: Offering) =>
    Math.round(
      (offering.priceMinor / (offering.sessions ?? 1)) * 60 /
        offering.durationMinutes,
    );
  for (const kind of OFFERING_KINDS) {
    const candidates = offerings.filter((offering) =>
      offering.active && offering.kind === kind
    );
    if (candidates.length === 0) continue;
    const inUsd = (offering: Offering) =>
      toUsdMinor({
        amountMinor: hourly(offering),
        currency: offering.currency,
      });
    const cheapest = candidates.reduce((best, offering) =>
      inUsd(offering) < inUsd(best) ? offering : best
    );
    return {
      amountMinor: Math.max(1, hourly(cheapest)),
      currency: cheapest.currency,
    };
  }
  return null;
}

/** An expert's offerings, oldest first; active ones only unless asked. */
export async function listOfferings(
  kv: Deno.Kv,
  expertId: string,
  opts: { includeInactive?: boolean } = {},
): Promise<Offering[]> {
  const offerings: Offering[] = [];
  for await (
    const entry of kv.list<Offering>({ prefix: ["offerings", expertId] })
  ) {
    if (opts.includeInactive || entry.value.active) offerings.push(entry.value);
  }
  return offerings;
}

/** One offering of this expert (active or not), or null. */
export async function getOffering(
  kv: Deno.Kv,
  expertId: string,
  offeringId: string,
): Promise<Offering | null> {
  return (await kv.get<Offering>(offeringKey(expertId, offeringId))).value;
}

/**
 * A published profile must stay bookable: withdrawing the expert's last
 * active offering would leave it public with a stale hourly rate and
 * nothing to book. ConflictError then; unpublished experts may withdraw
 * everything.
 */
function refuseWithdrawingLastOffering(
  expert: ExpertProfile | null,
  all: readonly Offering[],
  offeringId: string,
): void {
  if (!expert?.published) return;
  const othersActive = all.some((offering) =>
    offering.id !== offeringId && offering.active
  );
  if (othersActive) return;
  throw new ConflictError(
    "This is the last offering on your public profile, so learners would have nothing to book. Add another offering first, or ask an admin to unpublish your profile.",
  );
}

/**
 * Writes `offering` (new when `previous` is null), and when the expert has a
 * public profile, its new hourly rate, all in one atomic. Retries when
 * another write to the same expert's offerings or profile got in first;
 * `build` is called again with fresh data each time.
 */
async function writeOffering(
  kv: Deno.Kv,
  expertId: string,
  offeringId: string,
  build: (
    previous: Offering | null,
    all: Offering[],
    expert: ExpertProfile | null,
  ) => Offering,
): Promise<Offering> {
  return await withLockRetry(async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const key = offeringKey(expertId, offeringId);
      const [entry, expertEntry, versionEntry] = await kv.getMany<
        [Offering, ExpertProfile, unknown]
      >([key, ["experts", expertId], offeringsVersionKey(expertId)]);
      const all = await listOfferings(kv, expertId, { includeInactive: true });
      const offering = build(entry.value, all, expertEntry.value);
      const op = kv.atomic().check(entry, expertEntry, versionEntry)
        .set(key, offering)
        .set(offeringsVersionKey(expertId), {
          changedAt: new Date().toISOString(),
        });
      const expert = expertEntry.value;
      if (expert !== null) {
        const others = all.filter((other) => other.id !== offering.id);
        const rate = hourlyRateFromOfferings([...others, offering]);
        // With nothing active the last rate stays: a rate is required, and
        // the completeness checklist tells the expert to add an offering.
        if (
          rate !== null &&
          (rate.amountMinor !== expert.hourlyRate.amountMinor ||
            rate.currency !== expert.hourlyRate.currency)
        ) {
          stageExpertWrite(op, { ...expert, hourlyRate: rate }, {
            previous: expert,
            parents: await categoryParents(kv),
          });
        }
      }
      if ((await op.commit()).ok) return offering;
    }
    throw new ConflictError(
      "The offerings changed meanwhile; reload and try again.",
    );
  });
}

/**
 * Adds an offering for `expertId`. Throws ValidationError (field errors
 * under the field names) for bad input, ConflictError past
 * MAX_OFFERINGS_PER_EXPERT.
 */
export async function createOffering(
  kv: Deno.Kv,
  expertId: string,
  input: OfferingInput,
): Promise<Offering> {
  const parsed = parseInput(offeringInputSchema, input, INVALID);
  const fields = validateFields({
    ...parsed,
    sessions: parsed.sessions ?? null,
  });
  const id = newId();
  return await writeOffering(kv, expertId, id, (previous, all) => {
    if (previous !== null) throw new ConflictError("Offering id collision.");
    if (all.length >= MAX_OFFERINGS_PER_EXPERT) {
      throw new ConflictError(
        `You can have at most ${MAX_OFFERINGS_PER_EXPERT} offerings; edit or reuse one.`,
      );
    }
    const at = new Date().toISOString();
    return { id, expertId, ...fields, createdAt: at, updatedAt: at };
  });
}

/**
 * Changes some fields of an offering; the result is validated as a whole.
 * The kind is fixed at creation (ValidationError under `kind` when the
 * patch names another). NotFoundError when the expert has no such
 * offering; ConflictError when it would withdraw a published expert's last
 * active offering.
 */
export async function updateOffering(
  kv: Deno.Kv,
  expertId: string,
  offeringId: string,
  patch: OfferingPatch,
): Promise<Offering> {
  const changes = parseInput(offeringPatchSchema, patch, INVALID);
  return await writeOffering(
    kv,
    expertId,
    offeringId,
    (previous, all, expert) => {
      if (previous === null) throw new NotFoundError("No such offering.");
      if (changes.kind !== undefined && changes.kind !== previous.kind) {
        throw new ValidationError(INVALID, {
          kind: [
            `A ${previous.kind} can't become a ${changes.kind}; add a new offering instead.`,
          ],
        });
      }
      const {
        id: _id,
        expertId: _expert,
        createdAt,
        updatedAt: _u,
        ...current
      } = previous;
      const fields = validateFields({ ...current, ...changes });
      if (previous.active && !fields.active) {
        refuseWithdrawingLastOffering(expert, all, offeringId);
      }
      return {
        id: offeringId,
        expertId,
        ...fields,
        createdAt,
        updatedAt: new Date().toISOString(),
      };
    },
  );
}

/**
 * Withdraws an offering (soft delete: `active` becomes false, so bookings
 * that refer to it keep their details). NotFoundError when it does not
 * exist; ConflictError when it is a published expert's last active one.
 */
export async function deleteOffering(
  kv: Deno.Kv,
  expertId: string,
  offeringId: string,
): Promise<Offering> {
  return await updateOffering(kv, expertId, offeringId, { active: false });
}

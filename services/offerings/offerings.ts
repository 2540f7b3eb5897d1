/**
 * What an expert does with their offerings: add, change, withdraw.
 *
 * Deleting is soft (`active: false`): bookings will refer to offerings, and a
 * booking must still be able to show what was bought. Inactive offerings
 * are hidden from learners and can be switched on again.
 */
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import type { ExpertProfile } from "@/services/experts/mod.ts";
import { newId } from "@/services/platform/kv.ts";
import { isIdShaped } from "@/services/platform/model.ts";
import {
  INVALID_OFFERING,
  type LoadedOffering,
  MAX_OFFERINGS_PER_EXPERT,
  type Offering,
  type OfferingFields,
  offeringFieldsSchema,
  type OfferingInput,
  offeringInputSchema,
  type OfferingPatch,
  offeringPatchSchema,
  type PackageOption,
  type PackageOptionInput,
} from "./model.ts";
import { writeOffering } from "./store.ts";

/**
 * Validates a whole offering's fields. Package options come back complete:
 * new ones get an id, and the offering's currency where none was sent.
 */
function validateFields(
  fields: Omit<OfferingFields, "packageOptions"> & {
    packageOptions: PackageOptionInput[];
  },
  known: readonly PackageOption[],
): OfferingFields & {
  packageOptions: PackageOption[];
  recordingOffered: boolean;
} {
  const unknown: Record<string, string[]> = {};
  fields.packageOptions.forEach((option, index) => {
    if (option.id !== undefined && !known.some((old) => old.id === option.id)) {
      unknown[`packageOptions.${index}.id`] = [
        "This offering has no package option with this id; leave the id out to add a new option.",
      ];
    }
  });
  if (Object.keys(unknown).length > 0) {
    throw new ValidationError(INVALID_OFFERING, unknown);
  }
  const parsed = parseInput(offeringFieldsSchema, fields, INVALID_OFFERING);
  return {
    ...parsed,
    recordingOffered: parsed.recordingOffered ?? false,
    packageOptions: parsed.packageOptions.map((option) => ({
      id: option.id ?? newId(),
      sessions: option.sessions,
      priceMinor: option.priceMinor,
      currency: option.currency ?? parsed.currency,
    })),
  };
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
 * Adds an offering for `expertId`. Throws ValidationError (field errors
 * under the field names) for bad input, ConflictError past
 * MAX_OFFERINGS_PER_EXPERT.
 */
export async function createOffering(
  kv: Deno.Kv,
  expertId: string,
  input: OfferingInput,
): Promise<LoadedOffering> {
  // `sessions` (retired, always null here) is not stored.
  const { sessions: _sessions, ...parsed } = parseInput(
    offeringInputSchema,
    input,
    INVALID_OFFERING,
  );
  const fields = validateFields({
    ...parsed,
    // A new offering's options are new, whatever ids were sent.
    packageOptions: parsed.packageOptions.map(({ id: _id, ...option }) =>
      option
    ),
  }, []);
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
 * The offering as read may be sent back whole: the ids must be the
 * offering's own (ValidationError under the field when the patch names
 * another). NotFoundError when the expert has no such offering;
 * ConflictError when it would withdraw a published expert's last active
 * offering.
 */
export async function updateOffering(
  kv: Deno.Kv,
  expertId: string,
  offeringId: string,
  patch: OfferingPatch,
): Promise<LoadedOffering> {
  // An id no offering can have (too long for a key, say) is simply unknown.
  if (!isIdShaped(offeringId)) throw new NotFoundError("No such offering.");
  const {
    id: sentId,
    expertId: sentExpertId,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    sessions: _sessions,
    ...changes
  } = parseInput(offeringPatchSchema, patch, INVALID_OFFERING);
  return await writeOffering(
    kv,
    expertId,
    offeringId,
    (previous, all, expert) => {
      if (previous === null) throw new NotFoundError("No such offering.");
      const fixed: Record<string, string[]> = {};
      if (sentId !== undefined && sentId !== offeringId) {
        fixed.id = ["This is another offering's id; ids can't be changed."];
      }
      if (sentExpertId !== undefined && sentExpertId !== expertId) {
        fixed.expertId = ["An offering stays with the expert who made it."];
      }
      if (Object.keys(fixed).length > 0) {
        throw new ValidationError(INVALID_OFFERING, fixed);
      }
      const {
        id: _id,
        expertId: _expert,
        createdAt,
        updatedAt: _u,
        ...current
      } = previous;
      const fields = validateFields(
        { ...current, ...changes },
        current.packageOptions ?? [],
      );
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
): Promise<LoadedOffering> {
  return await updateOffering(kv, expertId, offeringId, { active: false });
}

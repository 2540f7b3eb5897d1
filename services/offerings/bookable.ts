/**
 * What a learner may buy at all, before any time is looked at: an active
 * session offering of a published expert whose account is not suspended,
 * and not the learner's own. Booking a session and buying one of its
 * packages (services/bookings, services/packages) both go through this one
 * rule. Each refusal is a ValidationError naming the field to change.
 */
import { getUser } from "@/services/auth/mod.ts";
import { type ExpertProfile, getExpert } from "@/services/experts/mod.ts";
import { type LoadedOffering, offeringSchema } from "./model.ts";
import { getOffering } from "./store.ts";
import { ValidationError } from "@/services/platform/errors.ts";

const INVALID = "The booking is invalid.";

function refuse(field: string, message: string): never {
  throw new ValidationError(INVALID, { [field]: [message] });
}

/**
 * The offering with this id, wherever it is. Offerings are stored under
 * their expert; without the expert's id this scans them all, so callers
 * that know the expert (the booking widget does) should say so.
 */
async function findOffering(
  kv: Deno.Kv,
  offeringId: string,
): Promise<LoadedOffering | null> {
  for await (const entry of kv.list({ prefix: ["offerings"] })) {
    if (entry.key[2] !== offeringId) continue;
    const parsed = offeringSchema.safeParse(entry.value);
    return parsed.success
      ? {
        ...parsed.data,
        recordingOffered: parsed.data.recordingOffered ?? false,
        packageOptions: parsed.data.packageOptions ?? [],
      }
      : null;
  }
  return null;
}

/** A session offering the learner may book, with its expert. */
export async function loadBookable(
  kv: Deno.Kv,
  learnerId: string,
  offeringId: string,
  expertId?: string,
): Promise<{ offering: LoadedOffering; expert: ExpertProfile }> {
  // With the expert known, the three reads go side by side.
  const [offering, expertRead, accountRead] = expertId === undefined
    ? [await findOffering(kv, offeringId), undefined, undefined]
    : await Promise.all([
      getOffering(kv, expertId, offeringId),
      getExpert(kv, expertId),
      getUser(kv, expertId),
    ]);
  if (!offering || !offering.active) {
    refuse("offeringId", "This offering is not on offer; choose another one.");
  }
  if (offering.expertId === learnerId) {
    refuse("offeringId", "You cannot book a session with yourself.");
  }
  const [expert, account] = expertRead === undefined
    ? await Promise.all([
      getExpert(kv, offering.expertId),
      getUser(kv, offering.expertId),
    ])
    : [expertRead, accountRead];
  if (
    !expert || !expert.published || expert.hiddenWhileSuspended ||
    account?.status === "suspended"
  ) {
    refuse("offeringId", "This expert is not taking bookings at the moment.");
  }
  return { offering, expert };
}

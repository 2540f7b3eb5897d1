/**
 * Admin review: approve (which publishes the profile), reject or ask for
 * changes on a pending application, and unpublish or republish an approved
 * expert. Every decision is one atomic() with a versionstamp check on the
 * application (so of two admins deciding at once exactly one wins), records
 * a reviewer note and an audit event, and emails the expert.
 */
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { getUser, type RequestMeta } from "@/services/auth/mod.ts";
import { categoryParents } from "@/services/categories/mod.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
} from "@/services/platform/errors.ts";
import {
  type ExpertProfile,
  expertProfileSchema,
  stageExpertWrite,
  startingPriceFromOfferings,
} from "@/services/experts/mod.ts";
import {
  hourlyRateFromOfferings,
  listOfferings,
  type Offering,
  offeringsVersionKey,
  stageOfferingsFrozen,
} from "@/services/offerings/mod.ts";
import {
  type Application,
  type ApplicationStatus,
  type ApplicationView,
  MAX_REVIEWER_NOTES,
  optionalNoteSchema,
  requiredNoteSchema,
  REVIEW_EVENT_TYPES,
  type ReviewDecision,
} from "./model.ts";
import { decisionEmail, sendDecision } from "./review_emails.ts";
import { commitApplicationChange, expertPhotoUrl, toView } from "./store.ts";

/** The city part of an IANA zone, e.g. "Europe/New_York" → "New York". */
function cityOfTimeZone(timeZone: string): string {
  const city = timeZone.split("/").pop()?.replaceAll("_", " ").trim();
  return city || "Remote";
}

/**
 * The public profile approval creates, from the application and the user.
 * Throws ConflictError when no offering gives it an hourly rate.
 */
function profileFromApplication(
  application: Application,
  user: { id: string; name: string; timeZone: string },
  offerings: Offering[],
  previous: ExpertProfile | null,
): ExpertProfile {
  const hourlyRate = hourlyRateFromOfferings(offerings);
  if (hourlyRate === null) {
    throw new ConflictError(
      "The expert has no active offering, so the profile would have no price.",
    );
  }
  return parseInput(
    expertProfileSchema,
    {
      id: user.id,
      name: user.name,
      headline: application.headline,
      bio: application.bio,
      photoUrl: application.photoFileKey
        ? expertPhotoUrl(application.photoFileKey)
        : null,
      photoFileKey: application.photoFileKey,
      linkedinOrWebsite: application.linkedinOrWebsite,
      categoryIds: application.categoryIds,
      skills: application.skills,
      languages: application.languages,
      yearsExperience: application.yearsExperience,
      hourlyRate,
      startingPrice: startingPriceFromOfferings(offerings),
      rating: previous?.rating ?? { average: 0, count: 0 },
      location: application.location ?? cityOfTimeZone(user.timeZone),
      timeZone: user.timeZone,
      published: true,
      createdAt: previous?.createdAt ?? new Date().toISOString(),
    },
    "The application cannot be published.",
  );
}

/** A decision as the caller words it, and what it does. */
interface DecisionPlan {
  decision: ReviewDecision;
  /**
   * Whether the reviewer must explain the decision: "required" notes are
   * 1–2000 characters, "optional" ones may be left out or blank.
   */
  note: "required" | "optional";
  /** Statuses the application must be in. */
  from: ApplicationStatus[];
  to: ApplicationStatus;
  /** Stage the public profile change, if any, into the same atomic. */
  stageProfile?: (
    kv: Deno.Kv,
    userId: string,
    op: Deno.AtomicOperation,
    application: Application,
  ) => Promise<void>;
}

/** A decision as callers make it; the note's type follows the plan's rule. */
type Decision<Plan extends DecisionPlan> = (
  kv: Deno.Kv,
  adminId: string,
  userId: string,
  input: Plan["note"] extends "required" ? { note: string } : { note?: string },
  meta: RequestMeta,
) => Promise<ApplicationView>;

/** The decision `plan` describes, as a function of who decides on whom. */
function decision<const Plan extends DecisionPlan>(
  plan: Plan,
): Decision<Plan> {
  return (kv, adminId, userId, input, meta) =>
    decide(kv, adminId, userId, input, meta, plan);
}

async function decide(
  kv: Deno.Kv,
  adminId: string,
  userId: string,
  input: { note?: string },
  meta: RequestMeta,
  plan: DecisionPlan,
): Promise<ApplicationView> {
  const note = plan.note === "required"
    ? parseInput(requiredNoteSchema, input, "Add a note.").note
    : parseInput(optionalNoteSchema, input, "The note is invalid.").note ||
      null;
  const user = await getUser(kv, userId);
  // Seeded demo experts have applications but no accounts: admins may still
  // hide and show them; there is simply nobody to email.
  const accountless = plan.decision === "unpublished" ||
    plan.decision === "republished";
  if (user === null && !accountless) {
    throw new NotFoundError("No such application.");
  }
  if (plan.decision === "approved" && !user?.emailVerified) {
    throw new ConflictError(
      "The expert hasn't confirmed their email address yet, so the profile can't go public. Ask for changes, or wait until they confirm it.",
    );
  }
  const decided = await commitApplicationChange(
    kv,
    userId,
    async (current, op, exists) => {
      if (!exists) throw new NotFoundError("No such application.");
      if (!plan.from.includes(current.status)) {
        throw new ConflictError(
          `This application is ${
            current.status.replace("_", " ")
          }; it can't be ${plan.decision.replace("_", " ")} now.`,
        );
      }
      await plan.stageProfile?.(kv, userId, op, current);
      // A decision on a pending application lets its offerings move again.
      if (current.status === "pending") stageOfferingsFrozen(op, userId, null);
      const at = new Date().toISOString();
      const next: Application = {
        ...current,
        status: plan.to,
        decidedAt: at,
        updatedAt: at,
        reviewerNotes: [
          ...current.reviewerNotes,
          { at, by: adminId, decision: plan.decision, note },
        ].slice(-MAX_REVIEWER_NOTES),
      };
      addSecurityEvent(op, {
        type: REVIEW_EVENT_TYPES[plan.decision],
        actorId: adminId,
        userId,
        details: note ? { note: note.slice(0, 500) } : {},
      }, meta);
      return { next, result: next };
    },
  );
  if (user) {
    await sendDecision(
      kv,
      userId,
      plan.decision,
      decisionEmail(
        user.email,
        user.name,
        userId,
        plan.decision,
        note,
        meta.baseUrl,
      ),
    );
  }
  return await toView(kv, decided);
}

/**
 * Stages the approved profile (id = the user's id) from the application,
 * the account and the offerings, checking the profile and the offerings in
 * the same atomic so a change meanwhile retries the decision.
 */
async function stageApproval(
  kv: Deno.Kv,
  userId: string,
  op: Deno.AtomicOperation,
  application: Application,
): Promise<void> {
  const user = await getUser(kv, userId);
  if (user === null) throw new NotFoundError("No such application.");
  const [expertEntry, versionEntry] = await kv.getMany<
    [ExpertProfile, unknown]
  >([["experts", userId], offeringsVersionKey(userId)]);
  const offerings = await listOfferings(kv, userId);
  const profile = profileFromApplication(
    application,
    user,
    offerings,
    expertEntry.value,
  );
  op.check(expertEntry, versionEntry);
  stageExpertWrite(op, profile, {
    previous: expertEntry.value,
    parents: await categoryParents(kv),
  });
}

/** Shows (`published`) or hides the approved expert's public profile. */
function stagePublished(published: boolean) {
  return async (kv: Deno.Kv, userId: string, op: Deno.AtomicOperation) => {
    const entry = await kv.get<ExpertProfile>(["experts", userId]);
    if (entry.value === null) throw new NotFoundError("No such expert.");
    if (entry.value.published === published) {
      throw new ConflictError(
        published
          ? "The expert is already public."
          : "The expert is already unpublished.",
      );
    }
    op.check(entry);
    stageExpertWrite(op, { ...entry.value, published }, {
      previous: entry.value,
      parents: await categoryParents(kv),
    });
  };
}

/**
 * Approves a pending application and publishes the expert's profile (id =
 * the user's id) in the same atomic: searchable at once. The note is
 * optional. ConflictError unless pending (so of two admins approving at
 * once exactly one wins) or when the expert has no active offering.
 */
export const approveApplication = decision({
  decision: "approved",
  note: "optional",
  from: ["pending"],
  to: "approved",
  stageProfile: stageApproval,
});

/** Rejects a pending application; `note` (1–2000 characters) is required. */
export const rejectApplication = decision({
  decision: "rejected",
  note: "required",
  from: ["pending"],
  to: "rejected",
});

/**
 * Sends a pending application back to the expert for edits; `note`
 * (1–2000 characters) says what to change.
 */
export const requestChanges = decision({
  decision: "changes_requested",
  note: "required",
  from: ["pending"],
  to: "changes_requested",
});

/**
 * Hides an approved expert from every listing at once (e.g. after
 * complaints); `note` is required. The application stays approved.
 */
export const unpublishExpert = decision({
  decision: "unpublished",
  note: "required",
  from: ["approved"],
  to: "approved",
  stageProfile: stagePublished(false),
});

/** Shows an unpublished approved expert again; the note is optional. */
export const republishExpert = decision({
  decision: "republished",
  note: "optional",
  from: ["approved"],
  to: "approved",
  stageProfile: stagePublished(true),
});

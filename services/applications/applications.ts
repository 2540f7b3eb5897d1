/**
 * Expert applications: an expert account fills in its profile, expertise,
 * offerings and credentials step by step, submits, and an admin approves
 * (which publishes the profile), rejects or asks for changes.
 *
 * KV keys
 *   ["applications", userId]                           → Application
 *   ["applications_by_status", status, statusEntryId]  → userId
 *       statusEntryId is a ULID made at each status change, so within a
 *       status the key order is "longest waiting first" (the review queue).
 *       Rewritten in the same atomic() as every status change.
 *
 * Files: credentials at `applications/<userId>/<documentId>` and photos at
 * `experts/<userId>/photos/<photoId>` in the FileStore (services/storage).
 *
 * Status flow:
 *   draft ─submit→ pending ─approve→ approved
 *                         ├reject→ rejected
 *                         └request changes→ changes_requested ─submit→ pending
 * Only draft and changes_requested may be edited. Every decision is made with
 * a versionstamp check on the application, so two admins deciding at once
 * cannot both win.
 *
 * An approved expert's public profile lives in services/experts.ts under the
 * same id as the user; after approval it is edited with `updateExpertProfile`.
 */
import { z } from "zod";
import { addSecurityEvent } from "@/services/platform/audit.ts";
import { deliver } from "@/services/auth/mod.ts";
import type { RequestMeta } from "@/services/auth/mod.ts";
import { getUser } from "@/services/auth/mod.ts";
import {
  activeCategoryIds,
  categoryParents,
  categorySlugSchema,
} from "@/services/categories/mod.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import {
  type ExpertProfile,
  expertProfileSchema,
  stageExpertWrite,
} from "@/services/experts/mod.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import { languageCodeSchema } from "@/services/platform/model.ts";
import {
  hourlyRateFromOfferings,
  listOfferings,
  type Offering,
  offeringsVersionKey,
} from "@/services/offerings/mod.ts";
import {
  httpsUrlSchema,
  multiLine,
  singleLine,
} from "@/services/platform/plain_text.ts";
import {
  acceptUpload,
  type FileStore,
  getFileStore,
} from "@/services/storage/mod.ts";
import type { StoredFile } from "@/services/storage/mod.ts";

export const APPLICATION_STATUSES = [
  "draft",
  "pending",
  "approved",
  "rejected",
  "changes_requested",
] as const;
export type ApplicationStatus = typeof APPLICATION_STATUSES[number];

export const APPLICATION_STEPS = [
  "profile",
  "expertise",
  "offerings",
  "credentials",
] as const;
export type ApplicationStep = typeof APPLICATION_STEPS[number];

export const MAX_DOCUMENTS = 10;
/** Reviewer notes kept on an application (oldest dropped first). */
const MAX_REVIEWER_NOTES = 20;
/** Largest profile photo: 5 MiB. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export interface ApplicationDocument {
  id: string;
  fileKey: string;
  /** The uploader's file name, for display only. */
  name: string;
  contentType: string;
  size: number;
  uploadedAt: string;
}

export type ReviewDecision =
  | "approved"
  | "rejected"
  | "changes_requested"
  | "unpublished"
  | "republished";

export interface ReviewerNote {
  at: string;
  /** The admin's user id. */
  by: string;
  decision: ReviewDecision;
  note: string | null;
}

const languageCode = languageCodeSchema;

function unique<T>(values: T[], keyOf: (value: T) => string = String) {
  return new Set(values.map(keyOf)).size === values.length;
}

/** The step fields, each validated on its own. */
export const applicationFieldsSchema = z.strictObject({
  headline: singleLine(10, 120),
  bio: multiLine(50, 2000),
  yearsExperience: z.number("Give a whole number of years.").int(
    "Give a whole number of years.",
  ).min(0).max(60, "At most 60 years."),
  languages: z.array(languageCode).min(1, "Choose at least one language.")
    .max(10, "Choose at most 10 languages.").refine(
      (codes) => unique(codes),
      "List each language once.",
    ),
  linkedinOrWebsite: httpsUrlSchema.nullable(),
  photoFileKey: z.string().max(200).nullable(),
  /** Where the expert is, shown on the profile; the time zone's city when absent. */
  location: singleLine(1, 100).nullable(),
  categoryIds: z.array(categorySlugSchema).min(
    1,
    "Choose at least one category.",
  ).max(10, "Choose at most 10 categories.").refine(
    (ids) => unique(ids),
    "List each category once.",
  ),
  skills: z.array(singleLine(1, 40)).min(1, "Add at least one skill.").max(
    15,
    "Add at most 15 skills.",
  ).refine(
    (skills) => unique(skills, (skill) => skill.toLowerCase()),
    "List each skill once.",
  ),
});

export type ApplicationFields = z.output<typeof applicationFieldsSchema>;

/** What `saveApplication` accepts: any subset of the step fields. */
export const applicationPatchSchema = applicationFieldsSchema.partial();
export type ApplicationPatch = z.input<typeof applicationPatchSchema>;

/** Fields each step needs before it counts as complete (others are optional). */
const STEP_FIELDS: Record<
  "profile" | "expertise",
  (keyof ApplicationFields)[]
> = {
  profile: ["headline", "bio", "yearsExperience", "languages"],
  expertise: ["categoryIds", "skills"],
};

/** The stored application. Step fields are null until saved. */
export type Application =
  & { [K in keyof ApplicationFields]: ApplicationFields[K] | null }
  & {
    userId: string;
    status: ApplicationStatus;
    /** The ULID of its `applications_by_status` key; null until first saved. */
    statusEntryId: string | null;
    documents: ApplicationDocument[];
    reviewerNotes: ReviewerNote[];
    createdAt: string;
    updatedAt: string;
    submittedAt: string | null;
    decidedAt: string | null;
  };

/** An application as callers see it: with each step's completeness. */
export type ApplicationView = Application & {
  steps: Record<ApplicationStep, boolean>;
  /** How many active offerings the expert has (the offerings step). */
  activeOfferings: number;
};

function applicationKey(userId: string): Deno.KvKey {
  return ["applications", userId];
}

function statusKey(status: ApplicationStatus, entryId: string): Deno.KvKey {
  return ["applications_by_status", status, entryId];
}

function blankApplication(userId: string): Application {
  const at = new Date().toISOString();
  return {
    userId,
    status: "draft",
    statusEntryId: null,
    headline: null,
    bio: null,
    yearsExperience: null,
    languages: null,
    linkedinOrWebsite: null,
    photoFileKey: null,
    location: null,
    categoryIds: null,
    skills: null,
    documents: [],
    reviewerNotes: [],
    createdAt: at,
    updatedAt: at,
    submittedAt: null,
    decidedAt: null,
  };
}

function stepsOf(
  application: Application,
  activeOfferings: number,
): Record<ApplicationStep, boolean> {
  const filled = (fields: (keyof ApplicationFields)[]) =>
    fields.every((field) => application[field] !== null);
  return {
    profile: filled(STEP_FIELDS.profile),
    expertise: filled(STEP_FIELDS.expertise),
    offerings: activeOfferings > 0,
    credentials: application.documents.length > 0,
  };
}

async function toView(
  kv: Deno.Kv,
  application: Application,
): Promise<ApplicationView> {
  const activeOfferings = (await listOfferings(kv, application.userId)).length;
  return {
    ...application,
    steps: stepsOf(application, activeOfferings),
    activeOfferings,
  };
}

/** Only expert accounts apply. */
async function requireExpertUser(kv: Deno.Kv, userId: string) {
  const user = await getUser(kv, userId);
  if (user === null || user.role !== "expert") {
    throw new NotFoundError("No expert account with this id.");
  }
  return user;
}

/**
 * The expert's application, or a blank draft (not stored) when they have not
 * started one. NotFoundError when the user is not an expert.
 */
export async function getApplication(
  kv: Deno.Kv,
  userId: string,
): Promise<ApplicationView> {
  const stored = (await kv.get<Application>(applicationKey(userId))).value;
  if (stored === null) await requireExpertUser(kv, userId);
  return await toView(kv, stored ?? blankApplication(userId));
}

function refuseEditing(status: ApplicationStatus): never {
  const reasons: Record<string, string> = {
    pending:
      "Your application is waiting for review and can't be changed now. If an admin asks for changes, you can edit it again.",
    approved: "Your application was approved: edit your live profile instead.",
    rejected: "Your application was rejected and can no longer be changed.",
  };
  throw new ConflictError(reasons[status] ?? "The application is locked.");
}

function isEditable(status: ApplicationStatus): boolean {
  return status === "draft" || status === "changes_requested";
}

/**
 * Checks the category ids a profile newly chooses exist and are not retired.
 * `alreadyChosen` ones (a live profile's current categories) may be retired.
 */
async function assertChoosableCategories(
  kv: Deno.Kv,
  categoryIds: readonly string[],
  alreadyChosen: readonly string[] = [],
): Promise<void> {
  const active = await activeCategoryIds(kv);
  const refused = categoryIds.filter((id) =>
    !active.has(id) && !alreadyChosen.includes(id)
  );
  if (refused.length > 0) {
    throw new ValidationError("The application is invalid.", {
      categoryIds: [
        `Unknown or retired categories: ${refused.join(", ")}.`,
      ],
    });
  }
}

/** Photos must be this user's, uploaded through `uploadExpertPhoto`. */
async function assertOwnPhoto(
  store: FileStore,
  userId: string,
  photoFileKey: string | null | undefined,
): Promise<void> {
  if (photoFileKey === null || photoFileKey === undefined) return;
  const ownPrefix = `experts/${userId}/photos/`;
  const valid = photoFileKey.startsWith(ownPrefix) &&
    /^[0-9A-Z]{26}$/.test(photoFileKey.slice(ownPrefix.length)) &&
    (await store.head(photoFileKey)) !== null;
  if (!valid) {
    throw new ValidationError("The application is invalid.", {
      photoFileKey: ["Upload the photo first, then use the key it returned."],
    });
  }
}

/**
 * Reads the application, lets `change` produce the next version (plus extra
 * mutations for the same atomic), and commits it with a versionstamp check,
 * moving the status index entry when the status changes. Retries a few
 * times when another write got in first; `change` sees fresh data each time
 * and may throw to refuse.
 */
async function commitApplicationChange<T>(
  kv: Deno.Kv,
  userId: string,
  change: (
    current: Application,
    op: Deno.AtomicOperation,
    exists: boolean,
  ) => Promise<{ next: Application; result: T }>,
): Promise<T> {
  return await withLockRetry(async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const entry = await kv.get<Application>(applicationKey(userId));
      const current = entry.value ?? blankApplication(userId);
      const op = kv.atomic().check(entry);
      const { next, result } = await change(current, op, entry.value !== null);
      const statusChanged = next.status !== current.status ||
        current.statusEntryId === null;
      if (statusChanged) {
        if (current.statusEntryId !== null) {
          op.delete(statusKey(current.status, current.statusEntryId));
        }
        next.statusEntryId = newId();
        op.set(statusKey(next.status, next.statusEntryId), userId);
      }
      op.set(applicationKey(userId), next);
      if ((await op.commit()).ok) return result;
    }
    throw new ConflictError(
      "The application changed meanwhile; reload and try again.",
    );
  });
}

/**
 * Saves any subset of the step fields (null clears an optional one). Every
 * field is validated first; on any error nothing is stored and a
 * ValidationError names the fields. Editing is allowed in `draft` and
 * `changes_requested` only (ConflictError otherwise).
 */
export async function saveApplication(
  kv: Deno.Kv,
  userId: string,
  patch: ApplicationPatch,
): Promise<ApplicationView> {
  const changes = parseInput(
    applicationPatchSchema,
    patch,
    "The application is invalid.",
  );
  await requireExpertUser(kv, userId);
  if (changes.categoryIds) {
    await assertChoosableCategories(kv, changes.categoryIds);
  }
  await assertOwnPhoto(getFileStore(kv), userId, changes.photoFileKey);
  const saved = await commitApplicationChange(kv, userId, (current) => {
    if (!isEditable(current.status)) refuseEditing(current.status);
    const next: Application = {
      ...current,
      ...changes,
      updatedAt: new Date().toISOString(),
    };
    return Promise.resolve({ next, result: next });
  });
  return await toView(kv, saved);
}

/**
 * Stores a credential document (PDF, PNG or JPEG up to 10 MB, type checked
 * from its bytes) and lists it on the application. A refused file
 * (ValidationError under `file`) stores nothing. ConflictError when the
 * application is not editable or already holds MAX_DOCUMENTS.
 */
export async function addApplicationDocument(
  kv: Deno.Kv,
  userId: string,
  file: Blob & { name?: string },
): Promise<ApplicationDocument> {
  await requireExpertUser(kv, userId);
  const checkRoom = (application: Application) => {
    if (!isEditable(application.status)) refuseEditing(application.status);
    if (application.documents.length >= MAX_DOCUMENTS) {
      throw new ConflictError(
        `An application holds at most ${MAX_DOCUMENTS} documents; remove one first.`,
      );
    }
  };
  const before = (await kv.get<Application>(applicationKey(userId))).value;
  checkRoom(before ?? blankApplication(userId));
  const accepted = await acceptUpload(file);

  const store = getFileStore(kv);
  const id = newId();
  const fileKey = `applications/${userId}/${id}`;
  const stored = await store.put(fileKey, file.stream(), {
    contentType: accepted.contentType,
    size: accepted.size,
  });
  const document: ApplicationDocument = {
    id,
    fileKey,
    name: accepted.name,
    contentType: stored.contentType,
    size: stored.size,
    uploadedAt: stored.createdAt,
  };
  try {
    return await commitApplicationChange(kv, userId, (current) => {
      checkRoom(current);
      const next = {
        ...current,
        documents: [...current.documents, document],
        updatedAt: new Date().toISOString(),
      };
      return Promise.resolve({ next, result: document });
    });
  } catch (error) {
    // The file is not listed anywhere: don't leave it behind.
    await store.delete(fileKey);
    throw error;
  }
}

/** Removes a document from an editable application and deletes its file. */
export async function removeApplicationDocument(
  kv: Deno.Kv,
  userId: string,
  documentId: string,
): Promise<void> {
  const removed = await commitApplicationChange(
    kv,
    userId,
    (current, _op, exists) => {
      const document = current.documents.find((doc) => doc.id === documentId);
      if (!exists || !document) throw new NotFoundError("No such document.");
      if (!isEditable(current.status)) refuseEditing(current.status);
      const next = {
        ...current,
        documents: current.documents.filter((doc) => doc.id !== documentId),
        updatedAt: new Date().toISOString(),
      };
      return Promise.resolve({ next, result: document });
    },
  );
  await getFileStore(kv).delete(removed.fileKey);
}

/**
 * A document of this user's application and a stream of its contents, or
 * null. Who may read it (the owner and admins) is the HTTP layer's check.
 */
export async function getApplicationDocument(
  kv: Deno.Kv,
  userId: string,
  documentId: string,
): Promise<
  {
    document: ApplicationDocument;
    file: StoredFile;
    body: ReadableStream<Uint8Array>;
  } | null
> {
  const application = (await kv.get<Application>(applicationKey(userId)))
    .value;
  const document = application?.documents.find((doc) => doc.id === documentId);
  if (!document) return null;
  const found = await getFileStore(kv).get(document.fileKey);
  return found ? { document, ...found } : null;
}

/**
 * Stores a profile photo (PNG or JPEG, up to 5 MB) and sets it on the
 * expert's application, or on the live profile once approved. Returns the
 * photo's storage key. The old photo file is kept: a profile being shown
 * may still point at it.
 */
export async function uploadExpertPhoto(
  kv: Deno.Kv,
  userId: string,
  file: Blob & { name?: string },
): Promise<{ photoFileKey: string; photoUrl: string }> {
  await requireExpertUser(kv, userId);
  const application = await getApplication(kv, userId);
  if (application.status !== "approved" && !isEditable(application.status)) {
    refuseEditing(application.status);
  }
  const accepted = await acceptUpload(file, {
    allowed: ["image/png", "image/jpeg"],
    maxBytes: MAX_PHOTO_BYTES,
  });
  const photoFileKey = `experts/${userId}/photos/${newId()}`;
  const store = getFileStore(kv);
  await store.put(photoFileKey, file.stream(), {
    contentType: accepted.contentType,
    size: accepted.size,
  });
  try {
    if (application.status === "approved") {
      await updateExpertProfile(kv, userId, { photoFileKey });
    } else {
      await saveApplication(kv, userId, { photoFileKey });
    }
  } catch (error) {
    await store.delete(photoFileKey);
    throw error;
  }
  return { photoFileKey, photoUrl: expertPhotoUrl(photoFileKey) };
}

/**
 * The public URL of an expert photo: `/experts/<userId>/photo/<photoId>`.
 * The HTTP layer serves it with `getExpertPhoto`.
 */
export function expertPhotoUrl(photoFileKey: string): string {
  const [, userId, , photoId] = photoFileKey.split("/");
  return `/experts/${userId}/photo/${photoId}`;
}

/**
 * A photo for `/experts/<userId>/photo/<photoId>`: served to anyone when it
 * is the current photo of a published expert; with `includePrivate` (the
 * owner or an admin) also an application's photo. Null otherwise.
 */
export async function getExpertPhoto(
  kv: Deno.Kv,
  userId: string,
  photoId: string,
  opts: { includePrivate?: boolean } = {},
): Promise<{ file: StoredFile; body: ReadableStream<Uint8Array> } | null> {
  const key = `experts/${userId}/photos/${photoId}`;
  const [expert, application] = await kv.getMany<
    [ExpertProfile, Application]
  >([["experts", userId], applicationKey(userId)]);
  const isPublic = expert.value?.published === true &&
    expert.value.photoFileKey === key;
  const isPrivate = opts.includePrivate === true &&
    (expert.value?.photoFileKey === key ||
      application.value?.photoFileKey === key);
  if (!isPublic && !isPrivate) return null;
  return await getFileStore(kv).get(key);
}

/**
 * Sends the application for review. Throws a ValidationError naming every
 * missing step and field (nothing changes), ConflictError when it is not in
 * draft or changes_requested.
 */
export async function submitApplication(
  kv: Deno.Kv,
  userId: string,
): Promise<ApplicationView> {
  await requireExpertUser(kv, userId);
  const activeOfferings = (await listOfferings(kv, userId)).length;
  const active = await activeCategoryIds(kv);
  const submitted = await commitApplicationChange(kv, userId, (current) => {
    if (!isEditable(current.status)) refuseEditing(current.status);
    const fieldErrors: Record<string, string[]> = {};
    const missingSteps = new Set<ApplicationStep>();
    for (const step of ["profile", "expertise"] as const) {
      for (const field of STEP_FIELDS[step]) {
        if (current[field] === null) {
          fieldErrors[field] = ["Required before you submit."];
          missingSteps.add(step);
        }
      }
    }
    const retired = (current.categoryIds ?? []).filter((id) => !active.has(id));
    if (retired.length > 0) {
      fieldErrors.categoryIds = [
        `These categories are no longer offered: ${retired.join(", ")}.`,
      ];
      missingSteps.add("expertise");
    }
    if (activeOfferings === 0) {
      fieldErrors.offerings = ["Add at least one active offering."];
      missingSteps.add("offerings");
    }
    if (current.documents.length === 0) {
      fieldErrors.documents = ["Upload at least one document."];
      missingSteps.add("credentials");
    }
    if (missingSteps.size > 0) {
      throw new ValidationError(
        `Complete these steps before submitting: ${
          APPLICATION_STEPS.filter((step) => missingSteps.has(step)).join(", ")
        }.`,
        fieldErrors,
      );
    }
    const at = new Date().toISOString();
    const next: Application = {
      ...current,
      status: "pending",
      submittedAt: at,
      updatedAt: at,
    };
    return Promise.resolve({ next, result: next });
  });
  return await toView(kv, submitted);
}

// ---------------------------------------------------------------------------
// Admin review

const requiredNoteSchema = z.strictObject({ note: multiLine(1, 2000) });
const optionalNoteSchema = z.strictObject({
  note: multiLine(0, 2000).optional(),
});

/**
 * Audit event types for review decisions. services/platform/audit.ts lists the
 * security event types; these are recorded through the same log.
 */
export const REVIEW_EVENT_TYPES = {
  approved: "expert_application_approved",
  rejected: "expert_application_rejected",
  changes_requested: "expert_application_changes_requested",
  unpublished: "expert_unpublished",
  republished: "expert_republished",
} as const satisfies Record<ReviewDecision, string>;

function decisionEmail(
  to: string,
  name: string,
  userId: string,
  decision: ReviewDecision,
  note: string | null,
  baseUrl: string,
) {
  const base = baseUrl.replace(/\/+$/, "");
  const noteText = note ? `\n\nNote from the reviewer:\n${note}` : "";
  const messages: Record<ReviewDecision, [string, string]> = {
    approved: [
      "Your TapTime expert application was approved",
      `Your profile is now public at ${base}/experts/${userId}`,
    ],
    rejected: [
      "Your TapTime expert application was not approved",
      "After review we are not able to approve your application.",
    ],
    changes_requested: [
      "Changes requested on your TapTime expert application",
      `Please update your application and submit it again: ${base}/expert/application`,
    ],
    unpublished: [
      "Your TapTime profile was unpublished",
      "Your expert profile is no longer shown to learners.",
    ],
    republished: [
      "Your TapTime profile is public again",
      "Your expert profile is shown to learners again.",
    ],
  };
  const [subject, body] = messages[decision];
  return {
    to,
    subject,
    text: `Hi ${name},\n\n${body}${noteText}\n\n— TapTime`,
  };
}

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
    op: Deno.AtomicOperation,
    application: Application,
  ) => Promise<void>;
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
      await plan.stageProfile?.(op, current);
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
    await deliver(
      kv,
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
 * Approves a pending application and publishes the expert's profile (id =
 * the user's id) in the same atomic: searchable at once. The note is
 * optional. ConflictError unless pending (so of two admins approving at
 * once exactly one wins) or when the expert has no active offering.
 */
export async function approveApplication(
  kv: Deno.Kv,
  adminId: string,
  userId: string,
  input: { note?: string },
  meta: RequestMeta,
): Promise<ApplicationView> {
  return await decide(kv, adminId, userId, input, meta, {
    decision: "approved",
    note: "optional",
    from: ["pending"],
    to: "approved",
    stageProfile: async (op, application) => {
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
    },
  });
}

/** Rejects a pending application; `note` (1–2000 characters) is required. */
export async function rejectApplication(
  kv: Deno.Kv,
  adminId: string,
  userId: string,
  input: { note: string },
  meta: RequestMeta,
): Promise<ApplicationView> {
  return await decide(kv, adminId, userId, input, meta, {
    decision: "rejected",
    note: "required",
    from: ["pending"],
    to: "rejected",
  });
}

/**
 * Sends a pending application back to the expert for edits; `note`
 * (1–2000 characters) says what to change.
 */
export async function requestChanges(
  kv: Deno.Kv,
  adminId: string,
  userId: string,
  input: { note: string },
  meta: RequestMeta,
): Promise<ApplicationView> {
  return await decide(kv, adminId, userId, input, meta, {
    decision: "changes_requested",
    note: "required",
    from: ["pending"],
    to: "changes_requested",
  });
}

function stagePublished(kv: Deno.Kv, userId: string, published: boolean) {
  return async (op: Deno.AtomicOperation) => {
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
 * Hides an approved expert from every listing at once (e.g. after
 * complaints); `note` is required. The application stays approved.
 */
export async function unpublishExpert(
  kv: Deno.Kv,
  adminId: string,
  userId: string,
  input: { note: string },
  meta: RequestMeta,
): Promise<ApplicationView> {
  return await decide(kv, adminId, userId, input, meta, {
    decision: "unpublished",
    note: "required",
    from: ["approved"],
    to: "approved",
    stageProfile: stagePublished(kv, userId, false),
  });
}

/** Shows an unpublished approved expert again; the note is optional. */
export async function republishExpert(
  kv: Deno.Kv,
  adminId: string,
  userId: string,
  input: { note?: string },
  meta: RequestMeta,
): Promise<ApplicationView> {
  return await decide(kv, adminId, userId, input, meta, {
    decision: "republished",
    note: "optional",
    from: ["approved"],
    to: "approved",
    stageProfile: stagePublished(kv, userId, true),
  });
}

const listSchema = z.strictObject({
  status: z.enum(APPLICATION_STATUSES).default("pending"),
  cursor: z.string().regex(/^[0-9A-Z]{26}$/, "Invalid cursor.").optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** One row of the review queue. */
export type ApplicationListItem = ApplicationView & {
  applicant: { name: string; email: string } | null;
};

/**
 * Applications in one status (default `pending`), longest waiting first,
 * for the admin queue. `nextCursor` continues the list; null at the end.
 */
export async function listApplications(
  kv: Deno.Kv,
  filters: { status?: ApplicationStatus; cursor?: string; limit?: number } = {},
): Promise<{ applications: ApplicationListItem[]; nextCursor: string | null }> {
  const { status, cursor, limit } = parseInput(
    listSchema,
    filters,
    "The filters are invalid.",
  );
  const userIds: string[] = [];
  let lastEntryId: string | null = null;
  let more = false;
  const selector: Deno.KvListSelector = cursor
    ? {
      start: [...statusKey(status, cursor), ""],
      end: ["applications_by_status", status, "\u{10ffff}"],
    }
    : { prefix: ["applications_by_status", status] };
  for await (const entry of kv.list<string>(selector, { limit: limit + 1 })) {
    if (userIds.length === limit) {
      more = true;
      break;
    }
    userIds.push(entry.value);
    lastEntryId = entry.key[2] as string;
  }
  const applications: ApplicationListItem[] = [];
  for (const userId of userIds) {
    const application = (await kv.get<Application>(applicationKey(userId)))
      .value;
    if (application === null || application.status !== status) continue;
    const user = await getUser(kv, userId);
    applications.push({
      ...(await toView(kv, application)),
      applicant: user ? { name: user.name, email: user.email } : null,
    });
  }
  return { applications, nextCursor: more ? lastEntryId : null };
}

// ---------------------------------------------------------------------------
// The live profile of an approved expert

/** The public fields an approved expert edits (validated as in the application). */
export const profilePatchSchema = applicationFieldsSchema.pick({
  headline: true,
  bio: true,
  languages: true,
  skills: true,
  categoryIds: true,
  yearsExperience: true,
  photoFileKey: true,
  linkedinOrWebsite: true,
  location: true,
}).partial();
export type ProfilePatch = z.input<typeof profilePatchSchema>;

/**
 * Edits an approved expert's public profile; the change shows in search at
 * once (one atomic via stageExpertWrite). New categories must exist and not
 * be retired; retired ones already on the profile may stay. ConflictError
 * when the expert is not approved or the profile changed meanwhile.
 */
export async function updateExpertProfile(
  kv: Deno.Kv,
  userId: string,
  patch: ProfilePatch,
): Promise<ExpertProfile> {
  const changes = parseInput(
    profilePatchSchema,
    patch,
    "The profile is invalid.",
  );
  await assertOwnPhoto(getFileStore(kv), userId, changes.photoFileKey);
  return await withLockRetry(async () => {
    const entry = await kv.get<ExpertProfile>(["experts", userId]);
    if (entry.value === null) {
      throw new ConflictError(
        "Your profile is not public yet: edit your application instead.",
      );
    }
    if (changes.categoryIds) {
      await assertChoosableCategories(
        kv,
        changes.categoryIds,
        entry.value.categoryIds,
      );
    }
    const { location, photoFileKey, ...rest } = changes;
    const updated = parseInput(expertProfileSchema, {
      ...entry.value,
      ...rest,
      ...(location !== undefined
        ? { location: location ?? entry.value.location }
        : {}),
      ...(photoFileKey !== undefined
        ? {
          photoFileKey,
          photoUrl: photoFileKey ? expertPhotoUrl(photoFileKey) : null,
        }
        : {}),
    }, "The profile is invalid.");
    const result = await stageExpertWrite(kv.atomic().check(entry), updated, {
      previous: entry.value,
      parents: await categoryParents(kv),
    }).commit();
    if (!result.ok) {
      throw new ConflictError("Your profile changed meanwhile; try again.");
    }
    return updated;
  });
}

/**
 * Applications in Deno KV and their files in the FileStore: the key design,
 * reads, and the one write every change of an application goes through.
 *
 * KV keys
 *   ["applications", userId]                           → Application
 *   ["applications_by_status", status, statusEntryId]  → userId
 *       statusEntryId is a ULID made at each status change, so within a
 *       status the key order is "longest waiting first" (the review queue).
 *       Rewritten in the same atomic() as every status change.
 *
 * FileStore keys (services/storage)
 *   applications/<userId>/<documentId>   a credential document
 *   experts/<userId>/photos/<photoId>    a profile photo (ids are ULIDs)
 *
 * Every change is made with a versionstamp check on the application, so two
 * admins deciding at once cannot both win.
 *
 * An approved expert's public profile lives in services/experts under the
 * same id as the user.
 */
import { newId } from "@/services/platform/kv.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import { listOfferings } from "@/services/offerings/mod.ts";
import type {
  Application,
  ApplicationStatus,
  ApplicationView,
} from "./model.ts";
import { stepsOf } from "./model.ts";

export function applicationKey(userId: string): Deno.KvKey {
  return ["applications", userId];
}

export function statusKey(
  status: ApplicationStatus,
  entryId: string,
): Deno.KvKey {
  return ["applications_by_status", status, entryId];
}

export function documentFileKey(userId: string, documentId: string): string {
  return `applications/${userId}/${documentId}`;
}

export function photoFileKeyOf(userId: string, photoId: string): string {
  return `experts/${userId}/photos/${photoId}`;
}

/** True when `key` names a photo of this user's, as `photoFileKeyOf` makes them. */
export function isOwnPhotoKey(userId: string, key: string): boolean {
  const ownPrefix = photoFileKeyOf(userId, "");
  return key.startsWith(ownPrefix) &&
    /^[0-9A-Z]{26}$/.test(key.slice(ownPrefix.length));
}

/**
 * The public URL of an expert photo: `/experts/<userId>/photo/<photoId>`.
 * The HTTP layer serves it with `getExpertPhoto`.
 */
export function expertPhotoUrl(photoFileKey: string): string {
  const [, userId, , photoId] = photoFileKey.split("/");
  return `/experts/${userId}/photo/${photoId}`;
}

/** What a user who has not started an application sees (not stored). */
export function blankApplication(userId: string): Application {
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

/** The stored application, or null. */
export async function readApplication(
  kv: Deno.Kv,
  userId: string,
): Promise<Application | null> {
  return (await kv.get<Application>(applicationKey(userId))).value;
}

/** The application with its steps' completeness, as callers see it. */
export async function toView(
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

/**
 * Reads the application, lets `change` produce the next version (plus extra
 * mutations for the same atomic), and commits it with a versionstamp check,
 * moving the status index entry when the status changes. Retries with a
 * jittered back-off when another write got in first; `change` sees fresh
 * data each time and may throw to refuse.
 */
export async function commitApplicationChange<T>(
  kv: Deno.Kv,
  userId: string,
  change: (
    current: Application,
    op: Deno.AtomicOperation,
    exists: boolean,
  ) => Promise<{ next: Application; result: T }>,
): Promise<T> {
  return await untilCommitted(async () => {
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
    return (await op.commit()).ok ? result : RETRY;
  }, {
    attempts: CONTENDED_ATTEMPTS,
    conflictMessage: "The application changed meanwhile; reload and try again.",
  });
}

/**
 * Attempts before a write to one application gives up: enough that a burst
 * of parallel uploads by one expert (each retry pausing a little longer,
 * jittered) all land, so only a change that keeps winning is a conflict.
 */
const CONTENDED_ATTEMPTS = 30;

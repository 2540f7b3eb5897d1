/**
 * The checks several use cases share: who may apply, when an application
 * may no longer be edited, and which categories and photos a profile may
 * name.
 */
import { getUser } from "@/services/auth/mod.ts";
import { activeCategoryIds } from "@/services/categories/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import type { FileStore } from "@/services/storage/mod.ts";
import type { ApplicationStatus } from "./model.ts";
import { isOwnPhotoKey } from "./store.ts";

/** Only expert accounts apply. */
export async function requireExpertUser(kv: Deno.Kv, userId: string) {
  const user = await getUser(kv, userId);
  if (user === null || user.role !== "expert") {
    throw new NotFoundError("No expert account with this id.");
  }
  return user;
}

/** Throws the ConflictError that says why an application in `status` is locked. */
export function refuseEditing(status: ApplicationStatus): never {
  const reasons: Record<string, string> = {
    pending:
      "Your application is waiting for review and can't be changed now. If an admin asks for changes, you can edit it again.",
    approved: "Your application was approved: edit your live profile instead.",
    rejected: "Your application was rejected and can no longer be changed.",
  };
  throw new ConflictError(reasons[status] ?? "The application is locked.");
}

/**
 * Why an application can't be sent (nor approved) before the expert has
 * confirmed their email address: a public profile must reach its owner.
 */
export const UNVERIFIED_EMAIL =
  "Confirm your email address first: open the link we emailed you, or send a new one from your account page.";

/**
 * Why offerings are frozen while the application is in review: the admin
 * decides on what was sent, not on a moving target.
 */
export const OFFERINGS_IN_REVIEW =
  "Your application is waiting for review, so your offerings can't be changed now. You can change them again once an admin has decided or asks for changes.";

/**
 * Checks the category ids a profile newly chooses exist and are not retired.
 * `alreadyChosen` ones (those it holds now) may be retired: sending back
 * what was read never fails on a category retired since.
 */
export async function assertChoosableCategories(
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
export async function assertOwnPhoto(
  store: FileStore,
  userId: string,
  photoFileKey: string | null | undefined,
): Promise<void> {
  if (photoFileKey === null || photoFileKey === undefined) return;
  const valid = isOwnPhotoKey(userId, photoFileKey) &&
    (await store.head(photoFileKey)) !== null;
  if (!valid) {
    throw new ValidationError("The application is invalid.", {
      photoFileKey: ["Upload the photo first, then use the key it returned."],
    });
  }
}

/**
 * The application wizard: an expert account reads its application (a blank
 * draft until it saves one) and fills in the profile and expertise steps,
 * any fields at a time. The offerings step is services/offerings; the
 * credentials step is documents.ts.
 */
import { parseInput } from "@/services/platform/errors.ts";
import { getFileStore } from "@/services/storage/mod.ts";
import {
  type Application,
  APPLICATION_FIXED_FIELDS,
  type ApplicationPatch,
  applicationPatchSchema,
  type ApplicationView,
  isEditable,
  refuseChanged,
} from "./model.ts";
import {
  assertChoosableCategories,
  assertOwnPhoto,
  refuseEditing,
  requireExpertUser,
} from "./rules.ts";
import {
  blankApplication,
  commitApplicationChange,
  readApplication,
  toView,
} from "./store.ts";

const INVALID = "The application is invalid.";

/**
 * The expert's application, or a blank draft (not stored) when they have not
 * started one. NotFoundError when the user is not an expert.
 */
export async function getApplication(
  kv: Deno.Kv,
  userId: string,
): Promise<ApplicationView> {
  const stored = await readApplication(kv, userId);
  if (stored === null) await requireExpertUser(kv, userId);
  return await toView(kv, stored ?? blankApplication(userId));
}

/**
 * Saves any subset of the step fields (null clears one). Every field is
 * validated first; on any error nothing is stored and a ValidationError
 * names the fields. The application as read may be sent back whole: its
 * `userId` and `status` must be the current ones, the other fields the
 * service keeps are ignored, and categories it already holds may since have
 * been retired. Editing is allowed in `draft` and `changes_requested` only
 * (ConflictError otherwise).
 */
export async function saveApplication(
  kv: Deno.Kv,
  userId: string,
  patch: ApplicationPatch,
): Promise<ApplicationView> {
  const {
    userId: sentUserId,
    status: sentStatus,
    statusEntryId: _statusEntryId,
    documents: _documents,
    reviewerNotes: _reviewerNotes,
    createdAt: _createdAt,
    updatedAt: _updatedAt,
    submittedAt: _submittedAt,
    decidedAt: _decidedAt,
    steps: _steps,
    activeOfferings: _activeOfferings,
    ...changes
  } = parseInput(applicationPatchSchema, patch, INVALID);
  await requireExpertUser(kv, userId);
  if (changes.categoryIds) {
    const held = (await readApplication(kv, userId))?.categoryIds ?? [];
    await assertChoosableCategories(kv, changes.categoryIds, held);
  }
  await assertOwnPhoto(getFileStore(kv), userId, changes.photoFileKey);
  const fixed = { userId: sentUserId, status: sentStatus };
  const saved = await commitApplicationChange(kv, userId, (current) => {
    if (!isEditable(current.status)) refuseEditing(current.status);
    refuseChanged(fixed, current, APPLICATION_FIXED_FIELDS, INVALID);
    const next: Application = {
      ...current,
      ...changes,
      updatedAt: new Date().toISOString(),
    };
    return Promise.resolve({ next, result: next });
  });
  return await toView(kv, saved);
}

/**
 * Sending an application for review: every step must be complete, and the
 * application moves to `pending`, the back of the review queue.
 */
import { activeCategoryIds } from "@/services/categories/mod.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import {
  listOfferings,
  stageOfferingsFrozen,
} from "@/services/offerings/mod.ts";
import {
  type Application,
  APPLICATION_STEPS,
  type ApplicationStep,
  type ApplicationView,
  isEditable,
  STEP_FIELDS,
} from "./model.ts";
import {
  OFFERINGS_IN_REVIEW,
  refuseEditing,
  requireExpertUser,
  UNVERIFIED_EMAIL,
} from "./rules.ts";
import { commitApplicationChange, toView } from "./store.ts";

/**
 * Sends the application for review, freezing its offerings until an admin
 * decides. Throws a ValidationError naming every
 * missing step and field, and an email address not yet verified (under
 * `email`; nothing changes), ConflictError when it is not in
 * draft or changes_requested.
 */
export async function submitApplication(
  kv: Deno.Kv,
  userId: string,
): Promise<ApplicationView> {
  const user = await requireExpertUser(kv, userId);
  const activeOfferings = (await listOfferings(kv, userId)).length;
  const active = await activeCategoryIds(kv);
  const submitted = await commitApplicationChange(kv, userId, (current, op) => {
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
    if (!user.emailVerified) {
      // Approval makes the profile public: the address must be the expert's.
      fieldErrors.email = [UNVERIFIED_EMAIL];
    }
    if (missingSteps.size > 0) {
      throw new ValidationError(
        `Complete these steps before submitting: ${
          APPLICATION_STEPS.filter((step) => missingSteps.has(step)).join(", ")
        }.`,
        fieldErrors,
      );
    }
    if (fieldErrors.email) {
      throw new ValidationError(UNVERIFIED_EMAIL, fieldErrors);
    }
    // The offerings hold still until an admin decides.
    stageOfferingsFrozen(op, userId, OFFERINGS_IN_REVIEW);
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

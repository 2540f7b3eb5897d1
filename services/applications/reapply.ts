/**
 * Applying again after a rejection. A rejected application stays as it was
 * (its notes are the record of the decision) until the expert may apply
 * again, REAPPLY_AFTER_DAYS after the decision; then reopening it turns it
 * back into a draft with the same fields, to improve and submit anew.
 * (After "changes requested" the application is editable at once.)
 */
import { ConflictError } from "@/services/platform/errors.ts";
import { now } from "@/services/platform/clock.ts";
import type { Application, ApplicationView } from "./model.ts";
import { commitApplicationChange, toView } from "./store.ts";

/** Days after a rejection before the expert may apply again. */
export const REAPPLY_AFTER_DAYS = 30;

const DAY_MS = 86_400_000;

/**
 * When this application's expert may apply again: for a rejected one, the
 * decision plus REAPPLY_AFTER_DAYS; null for any other status (a draft or
 * "changes requested" is editable now; pending and approved ones are not
 * re-applied for).
 */
export function reapplyFrom(
  application: Pick<Application, "status" | "decidedAt" | "updatedAt">,
): Date | null {
  if (application.status !== "rejected") return null;
  const decided = Date.parse(application.decidedAt ?? application.updatedAt);
  return new Date(decided + REAPPLY_AFTER_DAYS * DAY_MS);
}

/** "2030-01-31": a date in words users and emails share. */
export function reapplyDateText(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Turns a rejected application back into a draft (fields, documents and
 * reviewer notes kept) once `reapplyFrom` has passed. ConflictError, saying
 * when, before that, and for an application that isn't rejected.
 */
export async function reopenApplication(
  kv: Deno.Kv,
  userId: string,
): Promise<ApplicationView> {
  const reopened = await commitApplicationChange(
    kv,
    userId,
    (current) => {
      const from = reapplyFrom(current);
      if (from === null) {
        throw new ConflictError(
          "Only a rejected application can be started again.",
        );
      }
      if (now().getTime() < from.getTime()) {
        throw new ConflictError(
          `You can apply again from ${reapplyDateText(from)}.`,
        );
      }
      const next: Application = {
        ...current,
        status: "draft",
        submittedAt: null,
        updatedAt: now().toISOString(),
      };
      return Promise.resolve({ next, result: next });
    },
  );
  return await toView(kv, reopened);
}

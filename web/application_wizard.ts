/**
 * The expert application wizard's steps and what its step routes share:
 * the steps and their addresses, where a returning expert resumes, reading
 * the application, the notices after a save, and the photo's address.
 */
import {
  type ApplicationStatus,
  type ApplicationStep,
  type ApplicationView,
  expertPhotoUrl,
  getApplication,
} from "@/services/applications/mod.ts";
import type { AppState } from "@/state.ts";
import { seeOther } from "./navigation.ts";
import { requireUser } from "./user.ts";

/** The wizard's pages in order; "review" is the last, where it is submitted. */
export const WIZARD_STEPS: ReadonlyArray<
  { id: ApplicationStep | "review"; label: string }
> = [
  { id: "profile", label: "Profile" },
  { id: "expertise", label: "Expertise" },
  { id: "offerings", label: "Offerings" },
  { id: "credentials", label: "Credentials" },
  { id: "review", label: "Review & submit" },
];

export type WizardStep = typeof WIZARD_STEPS[number]["id"];

export function stepHref(step: WizardStep): string {
  return `/expert/application/${step}`;
}

/** The step's label, e.g. "Review & submit". */
export function stepLabel(step: WizardStep): string {
  return WIZARD_STEPS.find((candidate) => candidate.id === step)!.label;
}

/** The step after `step` (the review page after the last one). */
export function nextStep(step: WizardStep): WizardStep {
  const index = WIZARD_STEPS.findIndex((candidate) => candidate.id === step);
  return WIZARD_STEPS[Math.min(index + 1, WIZARD_STEPS.length - 1)].id;
}

/** Where a returning expert resumes: the first incomplete step, else review. */
export function resumeStep(application: ApplicationView): WizardStep {
  if (!isEditable(application.status)) return "review";
  return WIZARD_STEPS.find((step) =>
    step.id !== "review" && !application.steps[step.id]
  )?.id ?? "review";
}

export function isEditable(status: ApplicationStatus): boolean {
  return status === "draft" || status === "changes_requested";
}

export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  draft: "Draft",
  pending: "Pending review",
  changes_requested: "Changes requested",
  approved: "Approved",
  rejected: "Rejected",
};

/** The signed-in expert's application (a blank draft before the first save). */
export async function loadApplication(
  ctx: { state: AppState },
): Promise<ApplicationView> {
  return await getApplication(ctx.state.kv, requireUser(ctx.state).id);
}

/** After a step saved: on to the next step, which says so. */
export function toNextStep(step: WizardStep): Response {
  return seeOther(`${stepHref(nextStep(step))}?saved=${step}`);
}

/** The notice a step page shows after the previous one saved (`?saved=`). */
export function savedNotice(
  url: URL,
): { tone: "success"; text: string } | null {
  const saved = url.searchParams.get("saved");
  return saved
    ? { tone: "success", text: "Saved. On to the next step." }
    : null;
}

/** The application photo's address for the owner's own pages, or null. */
export function applicationPhotoUrl(
  application: ApplicationView,
): string | null {
  return application.photoFileKey
    ? expertPhotoUrl(application.photoFileKey)
    : null;
}

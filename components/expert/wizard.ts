/**
 * What the wizard's step routes share: reading the application, the notices
 * after a save, and the answer when a step is posted while the application
 * is locked (pending, approved or rejected).
 */
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import {
  type ApplicationView,
  getApplication,
} from "@/services/applications/mod.ts";
import { expertPhotoUrl } from "@/services/applications/mod.ts";
import { seeOther } from "@/components/account/navigation.ts";
import { nextStep, stepHref, type WizardStep } from "./application.tsx";

/** The signed-in expert's application (a blank draft before the first save). */
export async function loadApplication(
  ctx: FreshContext<AppState>,
): Promise<ApplicationView> {
  return await getApplication(ctx.state.kv, ctx.state.user!.id);
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

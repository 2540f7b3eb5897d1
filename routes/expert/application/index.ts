import type { Handlers } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";
import { seeOther } from "@/components/account/navigation.ts";
import { resumeStep, stepHref } from "@/components/expert/application.tsx";
import { loadApplication } from "@/components/expert/wizard.ts";

/** The application's entry: resumes at the first step still to do. */
export const handler: Handlers<unknown, AppState> = {
  async GET(_req, ctx) {
    return seeOther(stepHref(resumeStep(await loadApplication(ctx))));
  },
};

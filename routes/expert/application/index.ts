import { define } from "@/web/define.ts";
import { seeOther } from "@/web/navigation.ts";
import {
  loadApplication,
  resumeStep,
  stepHref,
} from "@/web/application_wizard.ts";

/** The application's entry: resumes at the first step still to do. */
export const handler = define.handlers({
  async GET(_req, ctx) {
    return seeOther(stepHref(resumeStep(await loadApplication(ctx))));
  },
});

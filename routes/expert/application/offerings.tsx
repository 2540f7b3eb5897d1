import { define } from "@/web/define.ts";
import type { ApplicationView } from "@/services/applications/mod.ts";
import { listOfferings, type Offering } from "@/services/offerings/mod.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { readForm } from "@/web/forms.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { seeOther } from "@/web/navigation.ts";
import { ApplicationFrame } from "@/components/expert/application.tsx";
import {
  type OfferingFailure,
  OfferingsManager,
} from "@/components/expert/OfferingsManager.tsx";
import { OFFERING_DONE, runOfferingAction } from "@/web/offering_form.ts";
import { Notice } from "@/components/Notice.tsx";
import {
  isEditable,
  loadApplication,
  savedNotice,
  stepHref,
} from "@/web/application_wizard.ts";
import { requireUser } from "@/web/user.ts";

interface OfferingsStepData {
  application: ApplicationView;
  offerings: Offering[];
  failure: OfferingFailure | null;
}

export const handler = define.handlers<OfferingsStepData>({
  async GET(_req, ctx) {
    return ctx.render({
      application: await loadApplication(ctx),
      offerings: await listOfferings(ctx.state.kv, requireUser(ctx.state).id),
      failure: null,
    });
  },

  async POST(req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const application = await loadApplication(ctx);
    if (!isEditable(application.status)) {
      return ctx.render({
        application,
        offerings: await listOfferings(kv, user.id),
        failure: null,
      }, { status: 409 });
    }
    const result = await runOfferingAction(kv, user.id, await readForm(req));
    if (result.ok) {
      return seeOther(`/expert/application/offerings?done=${result.done}`);
    }
    return ctx.render({
      application,
      offerings: await listOfferings(kv, user.id),
      failure: result,
    }, { status: result.status });
  },
});

/** Step 3: the session types and packages learners will book. */
export default define.page<typeof handler>(function OfferingsStep(
  { data, state, url },
) {
  const { application, offerings, failure } = data;
  const done = OFFERING_DONE[url.searchParams.get("done") ?? ""];
  const editable = isEditable(application.status);
  return (
    <ApplicationFrame
      pathname={url.pathname}
      siteUrl={state.siteUrl}
      application={application}
      current="offerings"
      notice={done ? { tone: "success", text: done } : savedNotice(url)}
    >
      <Card title="Your offerings" id="offerings">
        <p class="text-sm text-slate-700">
          Session lengths are 15, 30, 45, 60 or 90 minutes. A package bundles 2
          to 20 sessions of one length at a total price.
        </p>
        {!editable && (
          <Notice tone="error">
            Offerings can't be changed while the application is locked.
          </Notice>
        )}
        <OfferingsManager
          offerings={offerings}
          action="/expert/application/offerings"
          failure={failure}
          editable={editable}
        />
        {offerings.length > 0 && (
          <ButtonLink href={stepHref("credentials")}>
            Continue to credentials
          </ButtonLink>
        )}
      </Card>
    </ApplicationFrame>
  );
});

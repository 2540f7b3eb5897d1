import { define } from "@/web/define.ts";
import {
  type ApplicationView,
  getApplication,
} from "@/services/applications/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { AccountStatus } from "@/components/account/AccountStatus.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { ApplicationStatusBanner } from "@/components/expert/application.tsx";
import { resumeStep, stepHref } from "@/web/application_wizard.ts";
import { requireUser } from "@/web/user.ts";

interface ExpertHomeData {
  application: ApplicationView;
  /** The live profile's state: an admin can unpublish an approved expert. */
  profilePublished: boolean;
}

export const handler = define.handlers<ExpertHomeData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    return ctx.render({
      application: await getApplication(kv, user.id),
      profilePublished: (await getExpert(kv, user.id))?.published ?? false,
    });
  },
});

/** The expert's home: where the application stands and what to do next. */
export default define.page<typeof handler>(function ExpertHome(
  { data, state },
) {
  const user = requireUser(state);
  const { application, profilePublished } = data;
  return (
    <>
      <AccountStatus user={user} />
      <Card title="Your application" id="next-steps">
        <ApplicationStatusBanner
          application={application}
          profilePublished={profilePublished}
        />
        {application.status === "approved"
          ? (
            <div class="flex flex-wrap gap-3">
              <ButtonLink href="/expert/profile">Edit your profile</ButtonLink>
              <ButtonLink href="/expert/offerings" variant="secondary">
                Manage offerings
              </ButtonLink>
            </div>
          )
          : (
            <ButtonLink href={stepHref(resumeStep(application))}>
              {application.status === "draft" &&
                  application.updatedAt === application.createdAt
                ? "Start your application"
                : "Open your application"}
            </ButtonLink>
          )}
        <p>
          <a
            href="/how-it-works#experts"
            class="font-semibold text-brand-800 underline"
          >
            How teaching on TapTime works
          </a>
        </p>
      </Card>
    </>
  );
});

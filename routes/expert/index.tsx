/**
 * The expert's home: where the application stands and what to do next,
 * then, once approved, the business of the last twelve months from the
 * records themselves (earnings net of commission per currency, sessions
 * and hours, the rating trend, returning students, profile views turned
 * into bookings), the next sessions, and CSV downloads for any period.
 */
import { define } from "@/web/define.ts";
import {
  type ApplicationView,
  getApplication,
} from "@/services/applications/mod.ts";
import { bookingsPaused } from "@/services/availability/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";
import {
  type ExpertOverview,
  expertOverview,
  exportPeriod,
} from "@/services/expert_stats/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { Notice } from "@/components/Notice.tsx";
import { AccountStatus } from "@/components/account/AccountStatus.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { ApplicationStatusBanner } from "@/components/expert/application.tsx";
import { personNames } from "@/components/bookings/names.ts";
import {
  EarningsCharts,
  RatingAndRepeat,
  SessionCharts,
  ViewsToBookings,
} from "@/components/expert_home/BusinessCharts.tsx";
import {
  ExportForm,
  type ExportPeriod,
  UpcomingSessions,
} from "@/components/expert_home/Schedule.tsx";
import { resumeStep, stepHref } from "@/web/application_wizard.ts";
import { requireUser } from "@/web/user.ts";

interface Business {
  overview: ExpertOverview;
  /** Bookings are paused (as every new expert's are until they open them). */
  bookingsPaused: boolean;
  names: Record<string, string>;
  period: ExportPeriod;
  /** Why the export's period was refused (an export sends it back here). */
  periodProblem: string | null;
}

interface ExpertHomeData {
  application: ApplicationView;
  /** The live profile's state: an admin can unpublish an approved expert. */
  profilePublished: boolean;
  /** The figures, once the expert is approved. */
  business: Business | null;
}

export const handler = define.handlers<ExpertHomeData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const user = requireUser(ctx.state);
    const [application, profile] = await Promise.all([
      getApplication(kv, user.id),
      getExpert(kv, user.id),
    ]);
    const profilePublished = profile?.published ?? false;
    let business: Business | null = null;
    if (application.status === "approved") {
      const [overview, paused] = await Promise.all([
        expertOverview(kv, user.id, user.timeZone),
        bookingsPaused(kv, user.id),
      ]);
      const names = Object.fromEntries(
        await personNames(
          kv,
          overview.upcoming.map((session) => session.learnerId),
        ),
      );
      const asked = {
        from: ctx.url.searchParams.get("from") ?? undefined,
        to: ctx.url.searchParams.get("to") ?? undefined,
      };
      const now = clockFor(kv).now();
      let period: ExportPeriod;
      let periodProblem: string | null = null;
      try {
        const found = exportPeriod(asked, user.timeZone, now);
        period = { from: found.fromDate, to: found.toDate };
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const fallback = exportPeriod({}, user.timeZone, now);
        period = {
          from: asked.from ?? fallback.fromDate,
          to: asked.to ?? fallback.toDate,
        };
        periodProblem = Object.values(error.fieldErrors)[0]?.[0] ??
          error.message;
      }
      business = {
        overview,
        bookingsPaused: paused,
        names,
        period,
        periodProblem,
      };
    }
    return ctx.render({ application, profilePublished, business });
  },
});

/** The expert's home: the application, then the business in figures. */
export default define.page<typeof handler>(function ExpertHome(
  { data, state },
) {
  const user = requireUser(state);
  const { application, profilePublished, business } = data;
  return (
    <>
      <AccountStatus user={user} />
      {business?.bookingsPaused && profilePublished && (
        <Notice tone="info" title="Bookings are paused">
          Learners can't book you: your profile offers no free times. (New
          experts start paused, so nobody is booked at hours they never chose.)
          {" "}
          <a
            href="/expert/availability"
            class="font-semibold text-brand-800 underline"
          >
            Check your hours and untick “Pause bookings”
          </a>
          .
        </Notice>
      )}
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
              <ButtonLink href="/expert/students" variant="secondary">
                Your students
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
      {business && (
        <>
          <UpcomingSessions
            sessions={business.overview.upcoming}
            names={business.names}
            zone={user.timeZone}
          />
          <EarningsCharts overview={business.overview} />
          <SessionCharts overview={business.overview} />
          <RatingAndRepeat overview={business.overview} />
          <ViewsToBookings overview={business.overview} />
          {business.periodProblem && (
            <Notice tone="error" title="Choose other dates">
              {business.periodProblem}
            </Notice>
          )}
          <ExportForm period={business.period} zone={user.timeZone} />
        </>
      )}
    </>
  );
});

/**
 * The pieces of the expert application wizard: the progress indicator, the
 * status banner, and the frame every step page shares (inside the expert
 * area's layout). The steps themselves are web/application_wizard.ts.
 */
import type { ComponentChildren } from "preact";
import type { ApplicationView } from "@/services/applications/mod.ts";
import { Notice } from "@/components/Notice.tsx";
import { PrivatePageSeo } from "@/components/Seo.tsx";
import {
  stepHref,
  stepLabel,
  WIZARD_STEPS,
  type WizardStep,
} from "@/web/application_wizard.ts";

/**
 * The progress indicator: an ordered list of the steps, each a link marked
 * complete or not, the current one with aria-current="step".
 */
export function ApplicationProgress(
  { application, current }: {
    application: ApplicationView;
    current: WizardStep;
  },
) {
  return (
    <nav aria-label="Application steps">
      <ol class="grid gap-2 sm:grid-cols-5">
        {WIZARD_STEPS.map((step, index) => {
          const done = step.id === "review"
            ? application.status !== "draft" &&
              application.status !== "changes_requested"
            : application.steps[step.id];
          const isCurrent = step.id === current;
          return (
            <li key={step.id}>
              <a
                href={stepHref(step.id)}
                aria-current={isCurrent ? "step" : undefined}
                class={`flex items-center gap-2 rounded-lg border px-3 py-2 text-sm font-medium ${
                  isCurrent
                    ? "border-brand-700 bg-brand-50 text-brand-900"
                    : "border-slate-200 bg-white text-slate-800 hover:bg-slate-50"
                }`}
              >
                <span
                  aria-hidden="true"
                  class={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-bold ${
                    done
                      ? "bg-emerald-700 text-white"
                      : "bg-slate-200 text-slate-800"
                  }`}
                >
                  {done ? "✓" : index + 1}
                </span>
                <span>
                  {step.label}
                  <span class="sr-only">
                    {done ? " (complete)" : " (not complete)"}
                  </span>
                </span>
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/**
 * What the status means for the expert, and the reviewer's latest note.
 * An approved application says nothing about today's profile (an admin may
 * have unpublished it since), so `profilePublished` carries the live
 * profile's state; when it is not known the banner doesn't claim either.
 */
export function ApplicationStatusBanner(
  { application, profilePublished }: {
    application: ApplicationView;
    profilePublished?: boolean;
  },
) {
  const latest = application.reviewerNotes.at(-1);
  const note = latest?.note
    ? (
      <p class="mt-2">
        <strong>Reviewer's note:</strong>{" "}
        <span class="whitespace-pre-line">{latest.note}</span>
      </p>
    )
    : null;
  switch (application.status) {
    case "draft":
      return (
        <Notice tone="info" title="Status: Draft">
          Complete each step; your answers are saved as you go, so you can leave
          and come back.
        </Notice>
      );
    case "pending":
      return (
        <Notice tone="info" title="Status: Pending review">
          Thanks! Your application is waiting for review, so it can't be edited
          now. We'll email you when an admin has decided.
        </Notice>
      );
    case "changes_requested":
      return (
        <Notice tone="error" title="Status: Changes requested">
          An admin asked for changes. Edit the steps, then submit again.
          {note}
        </Notice>
      );
    case "approved":
      if (profilePublished === false) {
        return (
          <Notice
            tone="error"
            title="Status: Approved — your profile is hidden"
          >
            An admin unpublished your profile, so learners can't find or book
            you. You can still edit{" "}
            <a class="underline" href="/expert/profile">your profile</a>; reply
            to the admin's email if you have questions.
            {note}
          </Notice>
        );
      }
      return (
        <Notice tone="success" title="Status: Approved">
          {profilePublished ? "Your profile is public. " : ""}Edit it any time
          from <a class="underline" href="/expert/profile">your profile</a>.
          {note}
        </Notice>
      );
    case "rejected":
      return (
        <Notice tone="error" title="Status: Rejected">
          Your application was not accepted. You can apply again after a waiting
          period; the review step says from when.
          {note}
        </Notice>
      );
  }
}

/** The frame of every wizard page: title, status, progress, then the step. */
export function ApplicationFrame(
  {
    pathname,
    siteUrl,
    application,
    profilePublished,
    current,
    notice,
    children,
  }: {
    pathname: string;
    siteUrl: string;
    application: ApplicationView;
    /** Whether the live profile is public; see ApplicationStatusBanner. */
    profilePublished?: boolean;
    current: WizardStep;
    notice?: { tone: "success" | "error"; text: string } | null;
    children: ComponentChildren;
  },
) {
  const title = `Application: ${stepLabel(current)}`;
  return (
    <>
      <PrivatePageSeo title={title} siteUrl={siteUrl} path={pathname} />
      <h2 class="text-2xl font-bold tracking-tight text-slate-900">{title}</h2>
      <ApplicationStatusBanner
        application={application}
        profilePublished={profilePublished}
      />
      <ApplicationProgress application={application} current={current} />
      {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
      {children}
    </>
  );
}

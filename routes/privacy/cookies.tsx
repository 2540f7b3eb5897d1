/**
 * Cookie choices: the page behind the footer's "Cookie choices" link when
 * JavaScript is off (with it, the link reopens the banner). A plain form
 * sets the same first-party cookie the banner does, so a visitor without
 * JavaScript can record a choice too; nothing is tracked without the
 * script anyway. Rendered per visitor (it shows their current choice), so
 * it is not one of the shared cached pages.
 */
import { define } from "@/web/define.ts";
import { readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { isHttpsRequest } from "@/auth/request_meta.ts";
import { Button } from "@/components/Button.tsx";
import { FormCard } from "@/components/form/FormCard.tsx";
import { RadioCards } from "@/components/form/inputs.tsx";
import { Container, PageHeader } from "@/components/Layout.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Seo } from "@/components/Seo.tsx";
import {
  choiceCookies,
  CONSENT_CHOICES,
  type ConsentChoice,
  consentFrom,
  COOKIE_CHOICES_PATH,
  PRIVACY_INFO_PATH,
} from "@/web/consent.ts";

interface CookieChoicesData {
  choice: ConsentChoice | null;
  saved: boolean;
  error: string | null;
}

const OPTIONS = [
  {
    value: "allow",
    label: "Allow anonymous usage statistics",
    description:
      "We count page and profile views on our own servers, with a random id for this browser.",
  },
  {
    value: "decline",
    label: "Decline",
    description: "Nothing is counted, and any id for this browser is removed.",
  },
] as const;

export const handler = define.handlers<CookieChoicesData>({
  GET(req, ctx) {
    return ctx.render({
      choice: consentFrom(req.headers.get("cookie")),
      saved: ctx.url.searchParams.get("saved") === "1",
      error: null,
    });
  },

  async POST(req, ctx) {
    const choice = (await readForm(req)).get("choice");
    if (!(CONSENT_CHOICES as readonly unknown[]).includes(choice)) {
      return ctx.render({
        choice: consentFrom(req.headers.get("cookie")),
        saved: false,
        error: "Choose Allow or Decline, then save.",
      }, { status: 400 });
    }
    const headers = new Headers();
    const secure = isHttpsRequest(req, ctx.state.config.trustProxy);
    for (const cookie of choiceCookies(choice as ConsentChoice, secure)) {
      headers.append("set-cookie", cookie);
    }
    return seeOther(`${COOKIE_CHOICES_PATH}?saved=1`, headers);
  },
});

export default define.page<typeof handler>(function CookieChoicesPage(
  { data, state },
) {
  const current = data.choice === "allow"
    ? "You allow anonymous usage statistics."
    : data.choice === "decline"
    ? "You declined usage statistics."
    : "You have not chosen yet, so nothing is counted.";
  return (
    <>
      <Seo
        title="Cookie choices"
        description="Choose whether TapTime may count anonymous usage statistics in this browser."
        siteUrl={state.siteUrl}
        path={COOKIE_CHOICES_PATH}
        noindex
      />
      <PageHeader
        eyebrow="Privacy"
        title="Cookie choices"
        intro="TapTime uses no third-party trackers. With your permission we count page views, profile views and bookings started, on our own servers, to see what helps learners find experts."
      />
      <Container width="narrow" class="space-y-6 py-10">
        {data.saved && (
          <Notice tone="success" title="Saved">
            Your choice is remembered in this browser for 12 months.
          </Notice>
        )}
        {data.error && (
          <Notice tone="error" title="Not saved">{data.error}</Notice>
        )}
        <p class="text-slate-800">{current}</p>
        <FormCard action={COOKIE_CHOICES_PATH} labelledBy="choice-heading">
          <h2 id="choice-heading" class="text-lg font-semibold text-slate-900">
            Usage statistics in this browser
          </h2>
          <RadioCards
            name="choice"
            legend="Allow anonymous usage statistics?"
            value={data.choice ?? ""}
            options={OPTIONS}
            error={data.error ?? undefined}
          />
          <Button>Save my choice</Button>
        </FormCard>
        <p class="text-sm text-slate-700">
          Signing in, paying and booking use cookies that are strictly necessary
          and are not affected by this choice.{" "}
          <a
            href={PRIVACY_INFO_PATH}
            class="font-medium text-brand-800 underline hover:text-brand-950"
          >
            Read the privacy policy
          </a>
        </p>
      </Container>
    </>
  );
});

/**
 * The terms of use: the rules of the marketplace as the product applies
 * them (booking, payment, cancellation, reviews, conduct, accounts). Their
 * version is POLICY_VERSION, shared with the privacy policy.
 */
import { define } from "@/web/define.ts";
import { PageHeader, Section } from "@/components/Layout.tsx";
import { Seo } from "@/components/Seo.tsx";
import { DELETION_GRACE_DAYS, POLICY_VERSION } from "@/services/privacy/mod.ts";

const prose = "max-w-3xl space-y-4 text-base leading-7 text-slate-800";

export default define.page(function TermsPage({ state }) {
  return (
    <>
      <Seo
        title="Terms of use"
        description="The rules of TapTime for learners and experts: booking, payment, cancellation, reviews and accounts."
        siteUrl={state.siteUrl}
        path="/terms"
      />
      <PageHeader
        eyebrow="Terms"
        title="Terms of use"
        intro={`Version ${POLICY_VERSION}. The rules for learners and experts on TapTime.`}
      />
      <Section id="accounts" title="Your account">
        <div class={prose}>
          <p>
            You need an account to book or to teach. Keep your password to
            yourself; turn on two-factor authentication for extra protection.
            Experts are reviewed by a person before their profile goes live, and
            we may suspend accounts that break these terms.
          </p>
        </div>
      </Section>
      <Section id="bookings" tone="muted" title="Bookings and payment">
        <div class={prose}>
          <p>
            Sessions are paid in advance from your wallet. The price is held
            until the session is over, then paid to the expert after a short
            window in which you can report a problem. The platform keeps a
            commission shown to experts before they publish.
          </p>
          <p>
            Cancelling follows the cancellation policy shown when you book: in
            time, you get your money back to your wallet; an expert who cancels
            or does not show up refunds you in full.
          </p>
        </div>
      </Section>
      <Section id="conduct" title="Reviews and conduct">
        <div class={prose}>
          <p>
            Reviews must describe a real session honestly. Messages and reviews
            that harass, deceive or share others' personal data may be hidden by
            our moderators, and anyone can report them.
          </p>
        </div>
      </Section>
      <Section id="leaving" tone="muted" title="Leaving TapTime">
        <div class={prose}>
          <p>
            You can delete your account at any time from your{" "}
            <a
              href="/account/privacy"
              class="font-semibold text-brand-800 underline"
            >
              privacy page
            </a>, once no sessions are still booked and no money is waiting for
            you. The deletion takes effect after {DELETION_GRACE_DAYS}{" "}
            days. See the{" "}
            <a href="/privacy" class="font-semibold text-brand-800 underline">
              privacy policy
            </a>{" "}
            for what is kept and for how long.
          </p>
        </div>
      </Section>
    </>
  );
});

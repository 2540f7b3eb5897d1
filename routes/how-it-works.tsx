import { define } from "@/web/define.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { PageHeader, Section } from "@/components/Layout.tsx";
import { Seo } from "@/components/Seo.tsx";
import { Steps } from "@/components/Steps.tsx";
import { EXPERT_APPLICATION_HREF } from "@/web/site.ts";

export default define.page(function HowItWorksPage(
  { state },
) {
  return (
    <>
      <Seo
        title="How it works"
        description="How TapTime works for learners (find, book, meet) and for experts (apply, get approved, teach, get paid)."
        siteUrl={state.siteUrl}
        path="/how-it-works"
      />
      <PageHeader
        eyebrow="How it works"
        title="From question to answer in one session"
        intro="Whether you're here to learn or to teach, here is what to expect."
      >
        <nav aria-label="On this page" class="mt-6 flex flex-wrap gap-3">
          <ButtonLink href="#learners" variant="secondary">
            For learners
          </ButtonLink>
          <ButtonLink href="#experts" variant="secondary">
            For experts
          </ButtonLink>
        </nav>
      </PageHeader>

      <Section
        id="learners"
        title="For learners"
        intro="Get focused help from someone who has done it before."
      >
        <Steps
          steps={[
            {
              title: "Find the right expert",
              body:
                "Browse by category or search for a skill. Compare experience, languages and the sessions each expert offers, with their prices.",
            },
            {
              title: "Book and prepare",
              body:
                "Choose a time in your own time zone and pay with credits from your wallet, bought by card. Add a note when you book so your expert can prepare.",
            },
            {
              title: "Meet, or change plans",
              body:
                "Join the video call from your booking, right in your browser, from 10 minutes before the start, with chat and screen sharing; message your expert before and after it. If plans change, cancel or reschedule from your bookings under the policy shown when you booked; if something went wrong, open a dispute. Afterwards, rate the session and leave a review for the next learner.",
            },
          ]}
        />
        <div class="mt-8">
          <ButtonLink href="/experts">Browse experts</ButtonLink>
        </div>
      </Section>

      <Section
        id="experts"
        tone="muted"
        title="For experts"
        intro="Share your experience and get paid for your time."
      >
        <Steps
          tone="muted"
          steps={[
            {
              title: "Apply and get approved",
              body:
                "Tell us about your experience and what you'd teach. Our team reviews every application personally.",
            },
            {
              title: "Publish your profile",
              body:
                "Set the sessions you offer and their prices, your languages and the hours you're available. Learners can then find and book you.",
            },
            {
              title: "Teach and get paid",
              body:
                "Meet learners in a call in your browser at the times they book, and message them before and after. Earnings from completed sessions build up on your Earnings page; withdraw them to your bank account, each withdrawal approved by our team.",
            },
          ]}
        />
        <div class="mt-8 flex flex-wrap gap-3">
          <ButtonLink href="/join">Learn about joining</ButtonLink>
          <ButtonLink href={EXPERT_APPLICATION_HREF} variant="secondary">
            Apply now
          </ButtonLink>
        </div>
      </Section>

      <Section id="more" title="Still have questions?">
        <p class="text-lg text-slate-800">
          Our{" "}
          <a href="/faq" class="font-semibold text-brand-800 underline">
            frequently asked questions
          </a>{" "}
          cover payments, sessions and safety, or you can{" "}
          <a href="/contact" class="font-semibold text-brand-800 underline">
            contact us
          </a>.
        </p>
      </Section>
    </>
  );
});

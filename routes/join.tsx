import { define } from "@/web/define.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { PageHeader, Section } from "@/components/Layout.tsx";
import { Seo } from "@/components/Seo.tsx";
import { FeatureList, Steps } from "@/components/Steps.tsx";
import { QuestionList } from "@/components/QuestionList.tsx";
import { EXPERT_APPLICATION_HREF } from "@/web/site.ts";
import { getSettings } from "@/services/settings/mod.ts";
import { commissionOf } from "@/services/ledger/mod.ts";
import { formatMoney } from "@/services/platform/money.ts";

/** A worked example of the fee, so the percentage means something concrete. */
const EXAMPLE_PRICE_MINOR = 100_00;

interface JoinData {
  /** The commission in force: what the page promises is what a booking records. */
  feePercent: number;
}

export const handler = define.handlers<JoinData>({
  async GET(_req, ctx) {
    const { commissionPercent } = await getSettings(ctx.state.kv);
    return ctx.render({ feePercent: commissionPercent });
  },
});

export default define.page<typeof handler>(function JoinPage(
  { state, data },
) {
  const { feePercent } = data;
  const exampleRate = formatMoney({
    amountMinor: EXAMPLE_PRICE_MINOR,
    currency: "USD",
  });
  const exampleFee = formatMoney({
    amountMinor: commissionOf(EXAMPLE_PRICE_MINOR, feePercent),
    currency: "USD",
  });
  const examplePayout = formatMoney({
    amountMinor: EXAMPLE_PRICE_MINOR -
      commissionOf(EXAMPLE_PRICE_MINOR, feePercent),
    currency: "USD",
  });

  return (
    <>
      <Seo
        title="Join as an expert"
        description="Share what you know in paid one-to-one sessions. Set your own prices and hours; TapTime brings the learners and handles payments."
        siteUrl={state.siteUrl}
        path="/join"
      />
      <PageHeader
        eyebrow="For experts"
        title="Teach what you know, on your terms"
        intro="TapTime connects experienced practitioners with people who want focused, one-to-one help. You bring the expertise; we bring the learners, the bookings and the payments."
      >
        <div class="mt-8 flex flex-wrap gap-3">
          <ButtonLink href={EXPERT_APPLICATION_HREF} size="lg">
            Apply to become an expert
          </ButtonLink>
          <ButtonLink href="#earnings" size="lg" variant="secondary">
            See what you earn
          </ButtonLink>
        </div>
      </PageHeader>

      <Section id="benefits" title="Why experts choose TapTime">
        <FeatureList
          features={[
            {
              icon: "💸",
              title: "Your prices, your rules",
              body:
                "Price each kind of session yourself, in your own currency: a quick 15-minute question, a full hour, a package of several. Change prices whenever you like.",
            },
            {
              icon: "🗓️",
              title: "Work when it suits you",
              body:
                "Offer sessions only in the hours you choose, in your own time zone.",
            },
            {
              icon: "🎯",
              title: "Motivated learners",
              body:
                "People come with a specific question and pay when they book, so sessions are focused.",
            },
            {
              icon: "📅",
              title: "Bookings handled for you",
              body:
                "Learners book your open times themselves; you meet them in a call in your browser at the booked time and can message them before and after. Cancellations and reschedules follow the policy they see when they book.",
            },
            {
              icon: "🔒",
              title: "Paid reliably",
              body:
                "Learners pay when they book. Your earnings build up in your balance, ready to withdraw.",
            },
            {
              icon: "🧭",
              title: "Found where learners look",
              body:
                "Your public profile is listed in the categories you teach and in search.",
            },
          ]}
        />
      </Section>

      <Section
        id="who"
        tone="muted"
        title="Who we look for"
        intro="We keep the bar high so learners can book with confidence."
      >
        <ul class="grid gap-4 text-slate-800 md:grid-cols-2">
          {[
            "At least two years of hands-on experience in your field, doing the work you'd teach.",
            "Clear, specific skills: “React performance” rather than “web stuff”.",
            "A knack for explaining things and listening before answering.",
            "Reliability: you show up on time and prepared, every time.",
            "Fluency in at least one language you'll teach in.",
            "A professional presence we can verify, such as a portfolio, a public profile or references.",
          ].map((criterion) => (
            <li key={criterion} class="flex gap-3 rounded-lg bg-white p-4">
              <span aria-hidden="true" class="font-bold text-brand-700">✓</span>
              <span>{criterion}</span>
            </li>
          ))}
        </ul>
      </Section>

      <Section
        id="approval"
        title="How approval works"
        intro="Three steps, usually done within a week."
      >
        <Steps
          steps={[
            {
              title: "Apply",
              body:
                "Tell us about your experience, the topics you'd teach and the sessions you'd offer, with their prices. It takes about ten minutes.",
            },
            {
              title: "Review",
              body:
                "Our team checks your background and may ask you for changes before approving.",
            },
            {
              title: "Publish",
              body:
                "Once approved, your profile goes live in the categories you teach, and learners can find you.",
            },
          ]}
        />
      </Section>

      <Section
        id="earnings"
        tone="muted"
        title="What you earn"
        intro="One simple fee, no subscription, nothing to pay upfront."
      >
        <div class="grid gap-8 lg:grid-cols-2">
          <div class="space-y-4 text-lg text-slate-800">
            <p>
              You keep <strong>{100 - feePercent}%</strong>{" "}
              of every session. TapTime's{" "}
              {feePercent}% service fee covers payment processing, support and
              bringing learners to your profile.
            </p>
            <p>
              Each kind of session you offer has the price you set for it. There
              is no fee to apply and no monthly charge.
            </p>
          </div>
          <div class="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            <h3 class="font-semibold text-slate-900">
              Example: a session priced at {exampleRate}
            </h3>
            <dl class="mt-4 space-y-2">
              <div class="flex justify-between">
                <dt class="text-slate-700">Learner pays</dt>
                <dd class="font-medium text-slate-900">{exampleRate}</dd>
              </div>
              <div class="flex justify-between">
                <dt class="text-slate-700">
                  TapTime fee ({feePercent}%)
                </dt>
                <dd class="font-medium text-slate-900">−{exampleFee}</dd>
              </div>
              <div class="flex justify-between border-t border-slate-200 pt-2 text-lg">
                <dt class="font-semibold text-slate-900">You earn</dt>
                <dd class="font-bold text-brand-800">{examplePayout}</dd>
              </div>
            </dl>
          </div>
        </div>
      </Section>

      <Section id="questions" title="Good to know">
        <QuestionList
          questions={[
            {
              question: "Can I teach more than one topic?",
              answer:
                "Yes. List every category you're qualified in; each is reviewed as part of your application.",
            },
            {
              question: "What if a learner cancels?",
              answer:
                "Learners can cancel or reschedule ahead of time. Late cancellations follow the cancellation policy shown when they book, so the time you set aside is protected.",
            },
            {
              question: "How do I get paid?",
              answer:
                "Earnings from completed sessions go to your TapTime balance, which you can withdraw to your bank account.",
            },
            {
              question: "Can I pause or leave?",
              answer:
                "Any time. Pause new bookings on your availability page while you're busy, or ask us to close your account. There is no contract or notice period.",
            },
          ]}
        />
      </Section>

      <Section tone="brand">
        <div class="flex flex-col items-start justify-between gap-6 md:flex-row md:items-center">
          <div>
            <h2 class="text-2xl font-bold tracking-tight sm:text-3xl">
              Ready to apply?
            </h2>
            <p class="mt-3 text-lg text-brand-100">
              Send us a short note about your experience and we'll take it from
              there.
            </p>
          </div>
          <ButtonLink
            href={EXPERT_APPLICATION_HREF}
            variant="inverse"
            size="lg"
          >
            Apply to become an expert
          </ButtonLink>
        </div>
      </Section>
    </>
  );
});

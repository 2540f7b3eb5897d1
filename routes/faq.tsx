import { define } from "@/web/define.ts";
import { PageHeader, Section } from "@/components/Layout.tsx";
import { type Question, QuestionList } from "@/components/QuestionList.tsx";
import { JsonLd, Seo } from "@/components/Seo.tsx";
import { faqJsonLd } from "@/components/seo/json_ld.tsx";
import { getSettings, type Settings } from "@/services/settings/mod.ts";
import { majorMoney } from "@/web/money_forms.ts";

const LINK = "font-medium text-brand-800 underline";

/** What the money answers depend on: the settings in force and the processor. */
interface FaqData {
  settings: Settings;
  /** Whether card payments go through Stripe, or are simulated (test mode). */
  stripe: boolean;
}

export const handler = define.handlers<FaqData>({
  async GET(_req, ctx) {
    return ctx.render({
      settings: await getSettings(ctx.state.kv),
      stripe: ctx.state.providers.payments.name === "stripe",
    });
  },
});

/** The questions, with the numbers in force (fee, refund window, minimum). */
function faqGroups(
  { settings, stripe }: FaqData,
): { id: string; title: string; questions: Question[] }[] {
  return [
    {
      id: "learners",
      title: "For learners",
      questions: [
        {
          question: "What is a TapTime session?",
          answer:
            "A private one-to-one session with an expert you choose, booked and paid for on TapTime, about whatever you want to work on: a code review, a portfolio critique, interview practice, a business plan.",
        },
        {
          question: "How are experts vetted?",
          answer:
            "Every expert applies and is reviewed by our team, who check their experience and the topics they want to teach before their profile is published.",
        },
        {
          question: "How much does a session cost?",
          answer:
            "Each expert sets their own prices, shown on their profile and in search results. There is no subscription: sessions are paid from the credits in your wallet.",
        },
        {
          question: "How do credits work?",
          answer:
            "Credits are money in your TapTime wallet, always shown with their amount (for example “$120.00 in credits”). Buy a pack (larger packs include bonus credits) or an amount of your choice by card from your wallet; each top-up has a receipt.",
        },
        {
          question: "Can I get unused credits back?",
          answer:
            `Yes. Within ${settings.refundWindowDays} days of a top-up you can send its unused credits back to your card from your wallet. The bonus credits that came with it leave your wallet too.`,
        },
        {
          question: "Where does the session take place?",
          answer:
            "On TapTime, in your browser: open the booking and join its call with your camera and microphone, from 10 minutes before the start until 15 minutes after the end. You and your expert can message each other before and after the session, under Messages.",
        },
        {
          question: "Can I cancel or reschedule?",
          answer:
            "Yes, from your bookings, under the cancellation policy shown when you book. If a session went wrong, you can open a dispute from the booking.",
        },
      ],
    },
    {
      id: "experts",
      title: "For experts",
      questions: [
        {
          question: "How do I become an expert?",
          answer: (
            <>
              Read about{" "}
              <a href="/join" class={LINK}>joining TapTime</a>, then send us
              your application. We review every one personally.
            </>
          ),
        },
        {
          question: "What does TapTime charge experts?",
          answer:
            `A ${settings.commissionPercent}% service fee on each completed session. There is no fee to apply and no monthly charge.`,
        },
        {
          question: "How do I get paid?",
          answer:
            `Earnings from completed sessions show on your Earnings page. ${
              stripe
                ? "Set up payouts with Stripe"
                : "Add your bank account (IBAN)"
            }, then ask for a withdrawal of at least ${
              majorMoney(settings.minimumWithdrawal, "USD")
            } (or the same amount in your currency). Our team approves each withdrawal, and you get an email at every step.`,
        },
        {
          question: "Can I choose when I'm available?",
          answer:
            "Yes. You decide the hours you offer, in your own time zone, and can pause new bookings on your availability page whenever you need to.",
        },
      ],
    },
    {
      id: "trust",
      title: "Payments, privacy and safety",
      questions: [
        {
          question: "Is my payment secure?",
          answer: stripe
            ? "Card payments are handled by Stripe, an established card payment provider; TapTime never stores your card number."
            : "This site runs in test mode: payments are simulated with test card numbers, no money moves, and no card number is stored.",
        },
        {
          question: "Are sessions recorded?",
          answer: "No. TapTime does not record sessions.",
        },
        {
          question: "What if something goes wrong?",
          answer: (
            <>
              <a href="/contact" class={LINK}>Contact us</a>{" "}
              and tell us what happened. We read every message and will help put
              it right.
            </>
          ),
        },
      ],
    },
  ];
}

export default define.page<typeof handler>(function FaqPage(
  { data, state },
) {
  const groups = faqGroups(data);
  return (
    <>
      <Seo
        title="Frequently asked questions"
        description="Answers about TapTime sessions, prices, how experts are vetted, payments and privacy."
        siteUrl={state.siteUrl}
        path="/faq"
      />
      <JsonLd
        data={faqJsonLd(groups.flatMap((group) => group.questions))}
      />
      <PageHeader
        eyebrow="Help"
        title="Frequently asked questions"
        intro={
          <>
            Can't find your answer?{" "}
            <a href="/contact" class={LINK}>Send us a message</a>.
          </>
        }
      >
        <nav aria-label="Question groups" class="mt-6">
          <ul class="flex flex-wrap gap-x-6 gap-y-2">
            {groups.map((group) => (
              <li key={group.id}>
                <a href={`#${group.id}`} class={LINK}>{group.title}</a>
              </li>
            ))}
          </ul>
        </nav>
      </PageHeader>
      {groups.map((group, index) => (
        <Section
          key={group.id}
          id={group.id}
          title={group.title}
          tone={index % 2 === 1 ? "muted" : "white"}
        >
          <div class="max-w-3xl">
            <QuestionList questions={group.questions} />
          </div>
        </Section>
      ))}
    </>
  );
});

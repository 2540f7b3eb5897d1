import { define } from "@/web/define.ts";
import { PageHeader, Section } from "@/components/Layout.tsx";
import { type Question, QuestionList } from "@/components/QuestionList.tsx";
import { Seo } from "@/components/Seo.tsx";
import { PLATFORM_FEE_PERCENT } from "@/web/site.ts";

const LINK = "font-medium text-brand-800 underline";

const FAQ_GROUPS: { id: string; title: string; questions: Question[] }[] = [
  {
    id: "learners",
    title: "For learners",
    questions: [
      {
        question: "What is a TapTime session?",
        answer:
          "A private one-to-one video call with an expert you choose, about whatever you want to work on: a code review, a portfolio critique, interview practice, a business plan.",
      },
      {
        question: "How are experts vetted?",
        answer:
          "Every expert applies and is reviewed by our team, who check their experience and the topics they want to teach before their profile is published.",
      },
      {
        question: "How much does a session cost?",
        answer:
          "Each expert sets their own hourly rate, shown on their profile and in search results. You pay that rate for the length of the session you book, with no subscription.",
      },
      {
        question: "Do I need to install anything?",
        answer:
          "No. Sessions run in a modern web browser on a laptop or phone. A microphone is enough; a camera is optional.",
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
            <a href="/join" class={LINK}>joining TapTime</a>, then send us your
            application. We review every one personally.
          </>
        ),
      },
      {
        question: "What does TapTime charge experts?",
        answer:
          `A ${PLATFORM_FEE_PERCENT}% service fee on each completed session. There is no fee to apply and no monthly charge.`,
      },
      {
        question: "Can I choose when I'm available?",
        answer:
          "Yes. You decide the hours you offer, in your own time zone, and can pause your profile whenever you need to.",
      },
    ],
  },
  {
    id: "trust",
    title: "Payments, privacy and safety",
    questions: [
      {
        question: "Is my payment secure?",
        answer:
          "Payments are handled by an established card payment provider; TapTime never stores your card number.",
      },
      {
        question: "Are sessions recorded?",
        answer:
          "Not unless both you and your expert agree to it before the session starts.",
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

export default define.page(function FaqPage(
  { state },
) {
  return (
    <>
      <Seo
        title="Frequently asked questions"
        description="Answers about TapTime sessions, prices, how experts are vetted, payments and privacy."
        siteUrl={state.siteUrl}
        path="/faq"
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
            {FAQ_GROUPS.map((group) => (
              <li key={group.id}>
                <a href={`#${group.id}`} class={LINK}>{group.title}</a>
              </li>
            ))}
          </ul>
        </nav>
      </PageHeader>
      {FAQ_GROUPS.map((group, index) => (
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

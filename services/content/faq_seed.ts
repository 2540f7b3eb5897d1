/**
 * The questions /faq answered before its entries were editable, written to
 * KV the first time the entries are read (faq.ts), so nothing was lost in
 * the move. Numbers that follow the settings are {tokens}.
 */
const RECORDING_ANSWER =
  "Only if the expert offers recording for that kind of session and you agree when you book it. Both of you then see that the session may be recorded, and a “Recording” sign while it is. Only the two of you can play the recording, from the booking page, and it is deleted after {recordingRetentionDays} days.";

/**
 * Answers first seeded wrong, put right in databases where an admin has not
 * changed them since (faq.ts applies each once): the answer `was` becomes
 * `now`.
 */
export const FAQ_SEED_CORRECTIONS: readonly {
  id: string;
  question: string;
  was: string;
  now: string;
}[] = [{
  // Recording became a feature after this answer was written.
  id: "recording",
  question: "Are sessions recorded?",
  was: "No. TapTime does not record sessions.",
  now: RECORDING_ANSWER,
}];

export const FAQ_SEED: readonly {
  section: "learners" | "experts" | "trust";
  question: string;
  answerMarkdown: string;
}[] = [
  {
    section: "learners",
    question: "What is a TapTime session?",
    answerMarkdown:
      "A private one-to-one session with an expert you choose, booked and paid for on TapTime, about whatever you want to work on: a code review, a portfolio critique, interview practice, a business plan.",
  },
  {
    section: "learners",
    question: "How are experts vetted?",
    answerMarkdown:
      "Every expert applies and is reviewed by our team, who check their experience and the topics they want to teach before their profile is published.",
  },
  {
    section: "learners",
    question: "How much does a session cost?",
    answerMarkdown:
      "Each expert sets their own prices, shown on their profile and in search results. There is no subscription: sessions are paid from the credits in your wallet.",
  },
  {
    section: "learners",
    question: "How do credits work?",
    answerMarkdown:
      "Credits are money in your TapTime wallet, always shown with their amount (for example “$120.00 in credits”). Buy a pack (larger packs include bonus credits) or an amount of your choice by card from your wallet; each top-up has a receipt.",
  },
  {
    section: "learners",
    question: "Can I get unused credits back?",
    answerMarkdown:
      "Yes. Within {refundWindowDays} days of a top-up you can send its unused credits back to your card from your wallet. The bonus credits that came with it leave your wallet too.",
  },
  {
    section: "learners",
    question: "Where does the session take place?",
    answerMarkdown:
      "On TapTime, in your browser: open the booking and join its call with your camera and microphone, from 10 minutes before the start until 15 minutes after the end. You and your expert can message each other before and after the session, under Messages.",
  },
  {
    section: "learners",
    question: "Can I cancel or reschedule?",
    answerMarkdown:
      "Yes, from your bookings, under the cancellation policy shown when you book. If a session went wrong, you can open a dispute from the booking.",
  },
  {
    section: "experts",
    question: "How do I become an expert?",
    answerMarkdown:
      "Read about [joining TapTime](/join), then send us your application. We review every one personally.",
  },
  {
    section: "experts",
    question: "What does TapTime charge experts?",
    answerMarkdown:
      "A {commissionPercent}% service fee on each completed session. There is no fee to apply and no monthly charge.",
  },
  {
    section: "experts",
    question: "How do I get paid?",
    answerMarkdown:
      "Earnings from completed sessions show on your Earnings page. {payoutSetup}, then ask for a withdrawal of at least {minimumWithdrawal} (or the same amount in your currency). Our team approves each withdrawal, and you get an email at every step.",
  },
  {
    section: "experts",
    question: "Can I choose when I'm available?",
    answerMarkdown:
      "Yes. You decide the hours you offer, in your own time zone, and can pause new bookings on your availability page whenever you need to.",
  },
  {
    section: "trust",
    question: "Is my payment secure?",
    answerMarkdown: "{paymentSecurity}",
  },
  {
    section: "trust",
    question: "Are sessions recorded?",
    answerMarkdown: RECORDING_ANSWER,
  },
  {
    section: "trust",
    question: "What if something goes wrong?",
    answerMarkdown:
      "[Contact us](/contact) and tell us what happened. We read every message and will help put it right.",
  },
];

/** The five demo blog posts, in Markdown. */
import type { BlogPostInput } from "@/services/content/mod.ts";

export const DEMO_POSTS: BlogPostInput[] = [
  {
    slug: "get-the-most-from-a-30-minute-session",
    title: "How to get the most from a 30-minute session with an expert",
    excerpt:
      "Thirty minutes goes quickly. A little preparation turns a pleasant chat into a session that changes what you do next week.",
    author: "The TapTime team",
    tags: ["sessions", "tips"],
    publishedAt: "2025-03-04T09:00:00.000Z",
    bodyMarkdown:
      `Thirty minutes sounds short, and it is. But experts who run hundreds of sessions a year will tell you the same thing: most of the value is decided before the call starts. Here is how to make half an hour count.

## Before the session

**Write down one question, not five.** The most common reason a session feels unsatisfying is that it tried to cover everything. Pick the decision you are stuck on, or the problem that costs you the most time, and put it in one sentence. If you have more questions, book a second session or ask them at the end if there is time.

**Share context in advance.** Most experts on TapTime read the notes you add to a booking. A short paragraph works wonders:

- what you are trying to achieve,
- what you have already tried,
- what "a good outcome" from this call looks like for you.

If your question is about a document, a design or a piece of code, send a link the day before. Reading it cold in the first ten minutes of a thirty-minute call is a poor use of everyone's time.

**Check your setup.** Test your camera and microphone five minutes early. Close the tabs you do not need. If you are in a noisy place, headphones make a bigger difference than a better webcam.

## During the session

**Start with the outcome.** Open with the sentence you wrote down: "By the end of this call, I'd like to know whether to rewrite our billing service or patch it." It gives the expert permission to steer.

**Let them ask questions.** Good experts will interrupt your explanation to ask something that seems unrelated. Answer it. They are usually testing an assumption you did not know you were making.

**Take notes on decisions, not on everything.** You will not remember the whole conversation, and you do not need to. Capture:

1. what you decided,
2. what you will do first,
3. anything the expert offered to send afterwards.

**Watch the clock at the 20-minute mark.** Use the last ten minutes to summarise what you heard and check you understood it. Experts often add their most useful advice in response to a summary that is slightly wrong.

## After the session

Send a short thank-you message with your summary. It helps the expert remember you if you book again, and writing it fixes the advice in your own head.

Then **do the first step within 48 hours.** Advice decays quickly. If you cannot act on it within two days, the session probably tackled the wrong question — which is worth knowing too.

Finally, leave a review. Honest, specific reviews ("helped me decide between two database designs and explained the trade-offs clearly") help other learners choose, and help experts understand what people value.

## A quick checklist

- One question, written as a single sentence
- Context and links shared a day ahead
- Camera, microphone and headphones tested
- Notes focused on decisions and next steps
- A summary sent afterwards, and the first step taken

If you are looking for someone to talk to, [browse the experts](/experts) and filter by the skill you need. Thirty well-prepared minutes can save you weeks.`,
  },
  {
    slug: "mentor-or-coach",
    title: "Choosing between a mentor and a coach",
    excerpt:
      "Mentors share what worked for them; coaches help you find what will work for you. Knowing the difference saves time and money.",
    author: "Rebecca Stein",
    tags: ["career", "coaching"],
    publishedAt: "2025-02-11T10:30:00.000Z",
    bodyMarkdown:
      `People often use "mentor" and "coach" as if they meant the same thing. They overlap, but they are different tools, and picking the wrong one is a common reason people feel a series of sessions "didn't really go anywhere".

## What a mentor does

A mentor is someone who has walked a path you want to walk. Their value comes from **experience**: they have made the decisions you are facing, seen how they turned out and can tell you which mistakes are expensive.

A good mentor will:

- tell you what they would do in your position, and why,
- introduce you to people and ideas you would not have found alone,
- help you understand the unwritten rules of a field or company.

Mentoring works best when your situation resembles theirs. A senior engineer who grew up in start-ups is a great mentor for a start-up engineer, and a less useful one for someone navigating a large bank.

## What a coach does

A coach's value comes from **method**, not from having done your job. Coaches are trained to ask questions that help you see your situation clearly, decide what you want and follow through.

A good coach will:

- help you set goals you actually care about,
- notice patterns in how you think and act,
- hold you accountable to what you said you would do.

A coach may never have worked in your industry. That can be an advantage: they are not tempted to hand you their own answers.

## Which one do you need?

Ask yourself what is missing.

**If you are missing knowledge, find a mentor.** You want to know how promotions really work at a large tech company, how to price your first consulting contract, or what a good system design interview answer looks like. Someone who has been there will save you months.

**If you are missing clarity or follow-through, find a coach.** You know roughly what you should do but keep not doing it. You are torn between two paths. You have a new team and feel overwhelmed. Advice will not help much here; better questions will.

Many people need both at different times. A new manager might work with a coach on confidence and delegation, and with a mentor on the practical details of performance reviews.

## Getting started

Whichever you choose, be explicit about it in your first session. Say "I'd like your advice on…" to a mentor, or "I'd like help deciding…" to a coach. Good experts adapt, but they cannot read minds.

Try one or two sessions before committing to a series. You should leave each one with something concrete: a decision, a next step or a better question. If you do not, try someone else — fit matters more than credentials.

On TapTime you can find both in our [career coaching](/experts?category=career-coaching) category. Look at the headline and bio: mentors usually describe the roles they have held, coaches the way they work.

## In short

| | Mentor | Coach |
|---|---|---|
| Brings | Experience | Method |
| Best for | Knowledge gaps | Clarity and follow-through |
| Typical session | Advice and stories | Questions and commitments |

Neither is better. The right one is the one that matches what is missing for you right now.`,
  },
  {
    slug: "preparing-for-a-system-design-interview",
    title: "Preparing for a system design interview: a four-week plan",
    excerpt:
      "System design interviews reward structured thinking more than memorised architectures. Here is a plan that builds it.",
    author: "Mateus Ferreira",
    tags: ["interviews", "engineering"],
    publishedAt: "2025-01-20T08:00:00.000Z",
    bodyMarkdown:
      `System design interviews make experienced engineers nervous, and with reason: the question is vague, the time is short and there is no single right answer. The good news is that interviewers are not looking for a perfect architecture. They are looking for **how you think**. That can be practised.

## What interviewers actually assess

Most companies score some version of these:

1. **Clarifying the problem.** Do you ask about users, scale and constraints before drawing boxes?
2. **A reasonable high-level design.** Can you sketch something that works end to end?
3. **Depth where it matters.** Can you go deep on the hardest part — the data model, the hot path, consistency?
4. **Trade-offs.** Do you explain why you chose one option over another?
5. **Communication.** Can the interviewer follow you?

Notice what is missing: knowing the name of every database.

## Week 1: fundamentals

Refresh the building blocks. For each, be able to explain when you would use it and what it costs:

- load balancers and horizontal scaling,
- caching (and cache invalidation),
- relational versus key-value stores, and indexes,
- queues and asynchronous processing,
- replication, partitioning and the consistency trade-offs they bring.

Do back-of-the-envelope estimates every day: requests per second, storage per year, bandwidth. They anchor your designs in reality.

## Week 2: a framework

Adopt a simple structure and use it every time:

1. Requirements (functional and non-functional), 5 minutes
2. Estimates, 3 minutes
3. API and data model, 7 minutes
4. High-level design, 10 minutes
5. Deep dive on one or two components, 15 minutes
6. Bottlenecks, failure modes and wrap-up, 5 minutes

Practise classic problems with it: a URL shortener, a news feed, a chat system, a rate limiter. Talk out loud, even alone. It feels silly and it works.

## Week 3: mock interviews

Reading about design is not the same as doing it under pressure. Book at least three mock interviews with people who run real ones. Ask for blunt feedback on:

- where you lost the interviewer,
- which trade-offs you skipped,
- whether your time management left room for depth.

Record the sessions if your interviewer agrees. Watching yourself is uncomfortable and very instructive.

## Week 4: depth and polish

Pick two areas where you felt weakest and go deep: read an engineering blog post or a paper on each. Then do two more mocks focused on those areas.

In the last few days, rest. Tired candidates forget to ask clarifying questions, which is the most common reason good engineers fail these interviews.

## On the day

- Repeat the problem back in your own words.
- Write requirements and numbers where the interviewer can see them.
- Say "I'm choosing X because…" often.
- When you do not know something, say so and reason about it.

If you want a realistic mock, our [system design](/experts?category=system-design) experts run them every week. Good luck — and remember that a calm, structured conversation beats a clever diagram.`,
  },
  {
    slug: "how-we-vet-experts",
    title: "How we vet the experts on TapTime",
    excerpt:
      "Every expert on TapTime goes through an application, a check of their experience and a trial session. Here is what we look for.",
    author: "The TapTime team",
    tags: ["trust", "company"],
    publishedAt: "2024-12-02T12:00:00.000Z",
    bodyMarkdown:
      `When you book someone on TapTime, you are trusting us that they know what they are talking about and that they will treat your time with respect. This post explains how we earn that trust.

## The application

Experts apply with a profile that describes their experience in their own words, the topics they want to help with and examples of their work. We ask for specifics:

- roles held and for how long,
- projects, publications, recordings or portfolios we can look at,
- any certifications relevant to regulated fields such as law, finance or nutrition.

About a third of applications are accepted. The most common reason for a "not yet" is a profile that promises help in too many unrelated areas.

## Checking experience

A reviewer who knows the field reads every application. For regulated professions we check registrations with the relevant body. For everything else we look for evidence — a public portfolio, open-source work, published writing, references — that matches what the applicant claims.

We do not require famous employers or degrees. Some of our best-reviewed experts are self-taught musicians and engineers. We care about whether someone can **do** the thing and **explain** it.

## The trial session

Shortlisted applicants run a trial session with a member of our team, who plays a realistic learner. We look at:

1. **Listening.** Did they understand the actual question before answering?
2. **Clarity.** Could a non-expert follow the explanation?
3. **Honesty.** Did they say "I don't know" when that was the true answer?
4. **Respect for time.** Did the session start on time and end with clear next steps?

## After approval

Vetting does not stop at approval. We watch reviews, response times and cancellations. Experts whose ratings fall below our bar get feedback and support first; if things do not improve, their profile is unpublished.

You can help. If a session falls short, leave an honest review or [contact us](/contact). We read every message.

## What vetting cannot do

No process is perfect. Vetting tells you an expert is qualified and professional; it cannot guarantee they are the right fit for you. Read bios closely, look at reviews that mention situations like yours, and treat a first session as a chance to find out.

We think this balance — a careful filter up front, and transparent reviews after — is what lets you book a stranger with confidence. If you have ideas for how we could vet better, we would love to hear them.`,
  },
  {
    slug: "learning-a-language-with-a-tutor",
    title: "Learning a language with a tutor: what actually works",
    excerpt:
      "Apps are great for vocabulary. Speaking comes from speaking. Here is how to use sessions with a tutor to get there faster.",
    author: "Camila Herrera",
    tags: ["languages", "learning"],
    publishedAt: "2025-03-18T15:00:00.000Z",
    bodyMarkdown:
      `I have taught Spanish to hundreds of adults, and the question I hear most is: "How long until I can actually speak?" The honest answer depends less on talent than on how you use your practice time. Here is what I have seen work.

## Use apps for input, tutors for output

Language apps are excellent at vocabulary and listening. They are poor at the one thing that makes you feel fluent: **producing sentences under mild pressure**. That is exactly what a session with a tutor is for.

So divide the work:

- **On your own:** vocabulary, listening, reading, grammar drills.
- **With a tutor:** speaking, getting corrected, and asking "how would a native say this?"

If you spend your lesson doing grammar exercises you could do alone, you are paying for the wrong thing.

## Short and frequent beats long and rare

Two 30-minute sessions a week will move you faster than one two-hour session every fortnight. Speaking is a skill like a sport; regular practice builds it, cramming does not.

Between sessions, spend ten minutes a day:

1. reviewing the corrections from your last lesson,
2. saying three new sentences out loud that use them,
3. writing down one thing you wanted to say this week but could not.

That last list is gold. Bring it to your next session.

## Ask for the right kind of correction

Some learners want every mistake corrected; others freeze if they are interrupted. Tell your tutor which you prefer. A common approach that works well:

- during conversation, the tutor notes mistakes without interrupting,
- in the last ten minutes, you go through the notes together.

Ask for corrections to be written in the chat so you can review them later.

## Talk about your real life

The fastest progress comes when lessons are built around situations you actually face: a meeting with colleagues in Madrid, a trip to Oaxaca, a conversation with your partner's family. Vocabulary you need sticks; vocabulary from a textbook chapter on farm animals usually does not.

## Set a goal you can measure

"Become fluent" is not a goal. These are:

- order a meal and chat with the waiter without switching to English,
- give a five-minute update at work in Spanish,
- pass the DELE B1 exam in June.

A clear goal lets your tutor plan backwards from it, and lets you see progress.

## Finding a tutor

Look for someone who teaches the variety of the language you need and whose lessons are conversation-first. A trial lesson is the best test: you should speak for most of it. You can [browse language tutors](/experts?category=languages) and filter by the language you are learning.

¡Mucho ánimo! Everyone sounds awkward at first. The learners who succeed are simply the ones who keep talking.`,
  },
];

import { define } from "@/web/define.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { PageHeader, Section } from "@/components/Layout.tsx";
import { Seo } from "@/components/Seo.tsx";
import { FeatureList } from "@/components/Steps.tsx";

export default define.page(function AboutPage(
  { state },
) {
  return (
    <>
      <Seo
        title="About us"
        description="TapTime exists so anyone can learn directly from people who do the work: short, focused one-to-one sessions with vetted experts."
        siteUrl={state.siteUrl}
        path="/about"
      />
      <PageHeader
        eyebrow="About TapTime"
        title="Learning from people who do the work"
        intro="The fastest way past a hard problem is often a conversation with someone who has solved it before. TapTime makes that conversation easy to find and easy to book."
      />

      <Section id="story" title="Why we started">
        <div class="max-w-3xl space-y-4 text-lg leading-8 text-slate-800">
          <p>
            Courses are great for foundations, and search engines for facts. But
            when you're stuck on your own codebase, your own portfolio or your
            own career decision, what helps is someone experienced looking at
            your situation and telling you what they'd do.
          </p>
          <p>
            Those people exist, and many of them enjoy teaching — they just
            aren't easy to reach. TapTime gives them a simple way to offer their
            time, and gives learners a trustworthy place to find them.
          </p>
        </div>
      </Section>

      <Section id="values" tone="muted" title="What we care about">
        <FeatureList
          features={[
            {
              icon: "🧭",
              title: "Real expertise",
              body:
                "Every expert is reviewed by a person before their profile goes live.",
            },
            {
              icon: "🤝",
              title: "Fairness for both sides",
              body:
                "Clear prices for learners, a single transparent fee for experts.",
            },
            {
              icon: "♿",
              title: "Open to everyone",
              body:
                "The site works with a keyboard, a screen reader and a slow phone connection.",
            },
            {
              icon: "🔐",
              title: "Privacy first",
              body:
                "Sessions are private. We only collect what we need to run the service.",
            },
            {
              icon: "🌍",
              title: "Global by default",
              body:
                "Experts teach from many countries, in many languages and time zones.",
            },
            {
              icon: "💬",
              title: "Listening",
              body:
                "We read every message and every piece of feedback, and act on it.",
            },
          ]}
        />
      </Section>

      <Section id="get-in-touch" title="Get in touch">
        <p class="max-w-3xl text-lg text-slate-800">
          Questions, ideas, or want to teach on TapTime? We'd love to hear from
          you.
        </p>
        <div class="mt-6 flex flex-wrap gap-3">
          <ButtonLink href="/contact">Contact us</ButtonLink>
          <ButtonLink href="/join" variant="secondary">
            Join as an expert
          </ButtonLink>
        </div>
      </Section>
    </>
  );
});

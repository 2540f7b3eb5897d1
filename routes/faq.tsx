/**
 * The public FAQ: the entries admins manage (/admin/faq), by section, with
 * the numbers they quote ({tokens}) filled in from the settings in force.
 * Answers are Markdown through the blog's sanitising renderer.
 */
import { define } from "@/web/define.ts";
import { PageHeader, Section } from "@/components/Layout.tsx";
import { type Question, QuestionList } from "@/components/QuestionList.tsx";
import { JsonLd, Seo } from "@/components/Seo.tsx";
import { faqJsonLd } from "@/components/seo/json_ld.tsx";
import { getSettings } from "@/services/settings/mod.ts";
import {
  faqBySection,
  fillFaqTokens,
  renderMarkdown,
} from "@/services/content/mod.ts";
import { faqTokenValues } from "@/web/faq_tokens.ts";

const LINK = "font-medium text-brand-800 underline";

interface FaqGroup {
  id: string;
  title: string;
  /** Each answer as sanitised HTML. */
  questions: { question: string; answerHtml: string }[];
}

export const handler = define.handlers<{ groups: FaqGroup[] }>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const [sections, settings] = await Promise.all([
      faqBySection(kv),
      getSettings(kv),
    ]);
    const tokens = faqTokenValues(
      settings,
      ctx.state.providers.payments.name === "stripe",
    );
    return ctx.render({
      groups: sections.map((section) => ({
        id: section.id,
        title: section.title,
        questions: section.entries.map((entry) => ({
          question: entry.question,
          answerHtml: renderMarkdown(
            fillFaqTokens(entry.answerMarkdown, tokens),
          ),
        })),
      })),
    });
  },
});

/** An answer's HTML (sanitised by renderMarkdown) as page content. */
function answerOf(html: string): Question["answer"] {
  return (
    <div
      class="prose"
      // deno-lint-ignore react-no-danger
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

export default define.page<typeof handler>(function FaqPage(
  { data, state },
) {
  const groups = data.groups.map((group) => ({
    ...group,
    questions: group.questions.map((item) => ({
      question: item.question,
      answer: answerOf(item.answerHtml),
    })),
  }));
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

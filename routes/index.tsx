import { define } from "@/web/define.ts";
import {
  type CategoryWithChildren,
  listCategories,
} from "@/services/categories/mod.ts";
import {
  countPublishedExperts,
  type ExpertProfile,
  expertsByCategoryCount,
  featuredExperts,
} from "@/services/experts/mod.ts";
import { ButtonLink } from "@/components/Button.tsx";
import {
  CATEGORIES_INDEX_HREF,
  CategoryGrid,
} from "@/components/CategoryCard.tsx";
import { ExpertGrid } from "@/components/ExpertCard.tsx";
import { Container, Section } from "@/components/Layout.tsx";
import { JsonLd, Seo } from "@/components/Seo.tsx";
import { homeJsonLd } from "@/components/seo/json_ld.tsx";
import { Steps } from "@/components/Steps.tsx";
import { formatCount } from "@/web/format.ts";
import { EXPERT_APPLICATION_HREF } from "@/web/site.ts";

const FEATURED_EXPERTS = 6;

interface HomeData {
  featured: ExpertProfile[];
  categories: CategoryWithChildren[];
  countsByCategory: Record<string, number>;
  expertCount: number;
}

export const handler = define.handlers<HomeData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const [featured, categories, countsByCategory, expertCount] = await Promise
      .all([
        featuredExperts(kv, FEATURED_EXPERTS),
        listCategories(kv),
        expertsByCategoryCount(kv),
        countPublishedExperts(kv),
      ]);
    return ctx.render({ featured, categories, countsByCategory, expertCount });
  },
});

export default define.page<typeof handler>(function HomePage(
  { data, state },
) {
  const { featured, categories, countsByCategory, expertCount } = data;
  const subcategoryCount = categories.reduce(
    (sum, category) => sum + category.subcategories.length,
    0,
  );
  return (
    <>
      <Seo
        title="Learn from vetted experts, one session at a time"
        description="TapTime connects you with vetted experts in software, design, business, languages and more for paid one-to-one sessions. Browse profiles, compare prices and book a time that suits you."
        siteUrl={state.siteUrl}
        path="/"
      />
      <JsonLd data={homeJsonLd(state.siteUrl)} />

      <div class="bg-gradient-to-b from-brand-50 to-white">
        <Container class="py-16 sm:py-24">
          <div class="max-w-3xl">
            <h1 class="text-4xl font-extrabold tracking-tight text-slate-900 sm:text-5xl">
              Get unstuck with an expert,{" "}
              <span class="text-brand-800">one to one.</span>
            </h1>
            <p class="mt-6 text-lg text-slate-700 sm:text-xl">
              Book a paid one-to-one session with a vetted practitioner — a
              senior engineer, a designer, a founder, a tutor — and get answers
              that fit your situation, not a generic course.
            </p>
            <div class="mt-8 flex flex-wrap gap-3">
              <ButtonLink href="/experts" size="lg">Browse experts</ButtonLink>
              <ButtonLink href="/join" size="lg" variant="secondary">
                Become an expert
              </ButtonLink>
            </div>
          </div>
        </Container>
      </div>

      <section
        aria-label="TapTime in numbers"
        class="border-y border-slate-200 bg-white"
      >
        <Container class="py-8">
          <dl class="grid grid-cols-2 gap-6 text-center md:grid-cols-4">
            <Stat
              value={formatCount(expertCount)}
              label="vetted experts"
            />
            <Stat
              value={formatCount(categories.length + subcategoryCount)}
              label="topics and specialities"
            />
            <Stat value="1:1" label="private sessions" />
            <Stat value="100%" label="of experts reviewed by our team" />
          </dl>
        </Container>
      </section>

      <Section
        id="featured"
        title="Featured experts"
        intro="A few of the vetted experts you can book today."
      >
        {featured.length > 0
          ? <ExpertGrid experts={featured} />
          : (
            <p class="text-slate-700">
              Our first experts are being reviewed right now. Check back soon.
            </p>
          )}
        <div class="mt-8">
          <ButtonLink href="/experts" variant="secondary">
            See all experts <span aria-hidden="true">→</span>
          </ButtonLink>
        </div>
      </Section>

      <Section
        id="categories"
        tone="muted"
        title="Explore by category"
        intro="From code reviews to career moves, find the right person for your question."
      >
        <CategoryGrid categories={categories} counts={countsByCategory} />
        <div class="mt-8">
          <ButtonLink href={CATEGORIES_INDEX_HREF} variant="secondary">
            All categories <span aria-hidden="true">→</span>
          </ButtonLink>
        </div>
      </Section>

      <Section
        id="how-it-works"
        title="How it works"
        intro="Three steps from question to answer."
      >
        <Steps
          steps={[
            {
              title: "Find your expert",
              body:
                "Filter by topic, price and language. Every profile shows real experience, skills and the sessions on offer with their prices.",
            },
            {
              title: "Book a session",
              body:
                "Choose a session and one of the expert's open times, and pay for it from your credits when you book.",
            },
            {
              title: "Meet, or change plans",
              body:
                "At the booked time, open your booking and join its call right in your browser, with your camera and microphone. Add a booking note so your expert can prepare, and message each other before and after. If plans change, cancel or reschedule under the policy shown when you book.",
            },
          ]}
        />
        <p class="mt-8">
          <a
            href="/how-it-works"
            class="font-semibold text-brand-800 underline hover:text-brand-950"
          >
            Read more about how TapTime works
          </a>
        </p>
      </Section>

      <Section tone="brand">
        <div class="flex flex-col items-start justify-between gap-6 md:flex-row md:items-center">
          <div class="max-w-2xl">
            <h2 class="text-2xl font-bold tracking-tight sm:text-3xl">
              Know your craft? Teach it on TapTime.
            </h2>
            <p class="mt-3 text-lg text-brand-100">
              Set your own prices, choose your hours, and help people who are
              ready to learn.
            </p>
          </div>
          <div class="flex flex-wrap gap-3">
            <ButtonLink href="/join" variant="inverse" size="lg">
              Become an expert
            </ButtonLink>
            <a
              href={EXPERT_APPLICATION_HREF}
              class="rounded-md px-3 py-3 font-semibold text-white underline hover:text-brand-100"
            >
              Apply now
            </a>
          </div>
        </div>
      </Section>
    </>
  );
});

function Stat({ value, label }: { value: string; label: string }) {
  return (
    <div class="flex flex-col-reverse">
      <dt class="mt-1 text-sm text-slate-700">{label}</dt>
      <dd class="text-3xl font-bold tracking-tight text-brand-800">{value}</dd>
    </div>
  );
}

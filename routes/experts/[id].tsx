import { define } from "@/web/define.ts";
import { CategoryIcon } from "@/components/CategoryIcon.tsx";
import { type Category, listCategories } from "@/services/categories/mod.ts";
import { getUser } from "@/services/auth/mod.ts";
import {
  type ExpertProfile,
  type ListedPrice,
  profileWithSimilar,
} from "@/services/experts/mod.ts";
import { formatMoney } from "@/services/platform/money.ts";
import { listOfferings, type Offering } from "@/services/offerings/mod.ts";
import { OfferingList } from "@/components/expert/OfferingList.tsx";
import { ExpertPhoto } from "@/components/ExpertPhoto.tsx";
import { ButtonLink } from "@/components/Button.tsx";
import { categoryPageHref } from "@/components/CategoryCard.tsx";
import { ExpertGrid } from "@/components/ExpertCard.tsx";
import { Container, Section } from "@/components/Layout.tsx";
import { ListedPriceTag } from "@/components/Price.tsx";
import { Seo } from "@/components/Seo.tsx";
import { ProfileJsonLd } from "@/components/seo/profile.tsx";
import { expertShareImage, profilePrice } from "@/web/share_cards.ts";
import { ExpertReviews, RatingLink } from "@/components/reviews/ReviewList.tsx";
import { profileReviewPage } from "@/services/reviews/mod.ts";
import {
  describeTimeZone,
  languageName,
  listOf,
  plural,
} from "@/web/format.ts";
import { isExpertSaved } from "@/services/saved_experts/mod.ts";
import {
  SaveExpertToggle,
  type SaveState,
} from "@/components/learner/SaveExpertToggle.tsx";

const SIMILAR_EXPERTS = 3;

/** A category on the profile; retired ones stay but no longer link anywhere. */
interface ProfileCategory extends Category {
  /** Retired itself or under a retired parent: out of the public filters. */
  hidden: boolean;
}

interface ProfileData {
  expert: ExpertProfile;
  categories: ProfileCategory[];
  similar: ExpertProfile[];
  /** Active session types and packages, in the expert's order. */
  offerings: Offering[];
  reviews: Awaited<ReturnType<typeof profileReviewPage>>;
  /** The save button's state for this visitor (signed out: the same for all). */
  save: SaveState;
  /**
   * The expert has an account, so a message reaches them (an expert listed
   * without one is asked about through the contact form instead).
   */
  canMessage: boolean;
}

export const handler = define.handlers<ProfileData>({
  async GET(_req, ctx) {
    const { kv } = ctx.state;
    const found = await profileWithSimilar(kv, ctx.params.id, SIMILAR_EXPERTS);
    if (!found) return ctx.renderNotFound();
    const { expert, similar } = found;

    // Retired categories stay on the profiles that have them.
    const allCategories = (await listCategories(kv, { includeRetired: true }))
      .flatMap((parent): ProfileCategory[] => [
        { ...parent, hidden: parent.retired },
        ...parent.subcategories.map((child) => ({
          ...child,
          hidden: parent.retired || child.retired,
        })),
      ]);
    const categories = expert.categoryIds
      .map((id) => allCategories.find((category) => category.id === id))
      .filter((category) => category !== undefined);

    const [offerings, reviews, save, account] = await Promise.all([
      listOfferings(kv, expert.id),
      profileReviewPage(kv, expert.id, ctx.url.searchParams.get("reviews")),
      saveStateFor(kv, ctx.state.user, expert.id),
      getUser(kv, expert.id),
    ]);
    return ctx.render({
      expert,
      categories,
      similar,
      offerings,
      reviews,
      save,
      canMessage: account !== null,
    });
  },
});

/**
 * Whether to offer "Save" or "Saved": only learners save experts; a
 * signed-out visitor gets the sign-in link every visitor gets.
 */
async function saveStateFor(
  kv: Deno.Kv,
  user: { id: string; role: string } | null,
  expertId: string,
): Promise<SaveState> {
  if (!user) return "signed_out";
  if (user.role !== "learner") return "none";
  return await isExpertSaved(kv, user.id, expertId) ? "saved" : "not_saved";
}

/**
 * What the learner's last save or remove did (`?saved=` after the post), for
 * signed-in learners only: signed-out pages stay the same for everyone.
 */
function savedChange(save: SaveState, url: URL): "added" | "removed" | null {
  if (save !== "saved" && save !== "not_saved") return null;
  const changed = url.searchParams.get("saved");
  return changed === "added" || changed === "removed" ? changed : null;
}

export default define.page<typeof handler>(function ExpertProfilePage(
  { data, state, url },
) {
  const { expert, categories, similar, offerings, reviews, save, canMessage } =
    data;
  const price = profilePrice(expert, offerings);
  const path = `/experts/${encodeURIComponent(expert.id)}`;
  const image = expertShareImage(expert, price);
  const contactHref = `/contact?expert=${encodeURIComponent(expert.id)}`;
  const languages = expert.languages.map(languageName);

  return (
    <>
      <Seo
        title={`${expert.name}, ${expert.headline}`}
        description={summary(expert, price)}
        siteUrl={state.siteUrl}
        path={path}
        type="profile"
        image={image}
      />
      <ProfileJsonLd
        expert={expert}
        context={{
          siteUrl: state.siteUrl,
          path,
          price,
          image,
          showRating: true,
        }}
      />

      <div class="border-b border-slate-200 bg-brand-50">
        <Container class="py-10 sm:py-14">
          <nav aria-label="Breadcrumb" class="mb-6 text-sm">
            <ol class="flex flex-wrap gap-1 text-slate-700">
              <li>
                <a href="/experts" class="underline hover:text-slate-900">
                  Experts
                </a>
                <span aria-hidden="true" class="ml-1">/</span>
              </li>
              <li aria-current="page">{expert.name}</li>
            </ol>
          </nav>
          <div class="flex flex-col gap-6 sm:flex-row sm:items-center">
            <ExpertPhoto
              id={expert.id}
              name={expert.name}
              photoUrl={expert.photoUrl}
              slot="profile"
            />
            <div>
              <h1 class="text-3xl font-bold tracking-tight text-slate-900 sm:text-4xl">
                {expert.name}
              </h1>
              <p class="mt-2 text-lg text-slate-800">{expert.headline}</p>
              <p class="mt-3">
                <RatingLink expertId={expert.id} rating={expert.rating} />
              </p>
              {/* On a phone the booking card comes after the whole profile. */}
              <p class="mt-4 lg:hidden">
                <ButtonLink href={`/book/${encodeURIComponent(expert.id)}`}>
                  Book a session
                </ButtonLink>
              </p>
              {save !== "none" && (
                <div class="mt-4">
                  <SaveExpertToggle
                    state={save}
                    expertId={expert.id}
                    name={expert.name}
                    path={path}
                    changed={savedChange(save, url)}
                  />
                </div>
              )}
            </div>
          </div>
        </Container>
      </div>

      <Container class="py-10">
        <div class="grid gap-10 lg:grid-cols-[1fr_20rem]">
          <div class="min-w-0 space-y-10">
            <section aria-labelledby="about-heading">
              <h2
                id="about-heading"
                class="text-xl font-bold text-slate-900"
              >
                About {expert.name}
              </h2>
              {/* Plain text: paragraphs split on blank lines, never HTML. */}
              <div class="mt-3 space-y-4 text-lg leading-8 text-slate-800">
                {expert.bio.split(/\n\s*\n/).map((paragraph, index) => (
                  <p key={index} class="whitespace-pre-line">{paragraph}</p>
                ))}
              </div>
            </section>

            {offerings.length > 0 && (
              <section aria-labelledby="offerings-heading">
                <h2
                  id="offerings-heading"
                  class="text-xl font-bold text-slate-900"
                >
                  Sessions and packages
                </h2>
                <OfferingList offerings={offerings} />
              </section>
            )}

            {expert.skills.length > 0 && (
              <section aria-labelledby="skills-heading">
                <h2
                  id="skills-heading"
                  class="text-xl font-bold text-slate-900"
                >
                  Skills
                </h2>
                <ul class="mt-3 flex flex-wrap gap-2">
                  {expert.skills.map((skill) => (
                    <li
                      key={skill}
                      class="rounded-full bg-slate-100 px-3 py-1 text-sm font-medium text-slate-800"
                    >
                      {skill}
                    </li>
                  ))}
                </ul>
              </section>
            )}

            {categories.length > 0 && (
              <section aria-labelledby="categories-heading">
                <h2
                  id="categories-heading"
                  class="text-xl font-bold text-slate-900"
                >
                  Categories
                </h2>
                <ul class="mt-3 flex flex-wrap gap-2">
                  {categories.map((category) => (
                    <li key={category.id}>
                      {category.hidden
                        ? (
                          // Retired: its page is gone, so no link.
                          <span class="inline-flex items-center gap-1.5 rounded-full border border-slate-200 px-3 py-1 text-sm font-medium text-slate-700">
                            <CategoryIcon
                              icon={category.icon}
                              class="h-4 w-4"
                            />
                            {category.name}
                          </span>
                        )
                        : (
                          <a
                            href={categoryPageHref(category.id)}
                            class="inline-flex items-center gap-1.5 rounded-full border border-slate-300 px-3 py-1 text-sm font-medium text-slate-800 hover:border-brand-700 hover:text-brand-900"
                          >
                            <CategoryIcon
                              icon={category.icon}
                              class="h-4 w-4"
                            />
                            {category.name}
                          </a>
                        )}
                    </li>
                  ))}
                </ul>
              </section>
            )}

            <ExpertReviews expert={expert} page={reviews} path={path} />
          </div>

          <aside aria-labelledby="session-heading" class="lg:row-span-2">
            <div class="rounded-xl border border-slate-200 bg-white p-6 shadow-sm lg:sticky lg:top-6">
              <h2 id="session-heading" class="text-lg font-bold text-slate-900">
                Book a session
              </h2>
              <p class="mt-3">
                <ListedPriceTag price={price} size="lg" />
              </p>
              <p class="mt-3 text-sm text-slate-700">
                Each session type has its own price and length
                {offerings.length > 0 ? " (see Sessions and packages)" : ""}.
                Pick a free time in your own time zone and pay from your
                credits; the cancellation policy is shown before you confirm.
              </p>
              <div class="mt-5 flex flex-wrap gap-3">
                <ButtonLink
                  href={`/book/${encodeURIComponent(expert.id)}`}
                  size="lg"
                >
                  Choose a time
                </ButtonLink>
                {canMessage
                  ? (
                    <ButtonLink
                      href={`/messages/with/${encodeURIComponent(expert.id)}`}
                      size="lg"
                      variant="secondary"
                    >
                      Message {expert.name}
                    </ButtonLink>
                  )
                  : (
                    <ButtonLink
                      href={contactHref}
                      size="lg"
                      variant="secondary"
                    >
                      Ask us about {expert.name}
                    </ButtonLink>
                  )}
              </div>
              <dl class="mt-6 space-y-3 border-t border-slate-200 pt-5 text-sm">
                <Fact
                  term="Experience"
                  value={plural(expert.yearsExperience, "year")}
                />
                <Fact
                  term="Speaks"
                  value={listOf(languages)}
                />
                <Fact term="Location" value={expert.location} />
                <Fact
                  term="Time zone"
                  value={describeTimeZone(expert.timeZone)}
                />
              </dl>
            </div>
          </aside>
        </div>
      </Container>

      {similar.length > 0 && (
        <Section
          id="similar"
          tone="muted"
          title="Similar experts"
          intro={`Other highly rated experts in ${
            categories.map((category) => category.name).join(" and ") ||
            "this field"
          }.`}
        >
          <ExpertGrid experts={similar} />
        </Section>
      )}
    </>
  );
});

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div class="flex justify-between gap-4">
      <dt class="text-slate-700">{term}</dt>
      <dd class="text-right font-medium text-slate-900">{value}</dd>
    </div>
  );
}

/** One sentence for search results and link previews. */
function summary(expert: ExpertProfile, price: ListedPrice): string {
  const rate = price.durationMinutes === null
    ? `${formatMoney(price.money)} per hour`
    : `sessions from ${formatMoney(price.money)}`;
  return `${expert.name}: ${expert.headline}. ${
    plural(expert.yearsExperience, "year")
  } of experience, ${rate}. Arrange a one-to-one session on TapTime.`;
}

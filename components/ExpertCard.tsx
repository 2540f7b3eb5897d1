/**
 * Expert result cards and their grid: name, headline, rating (linking to the
 * profile's reviews), top skills and the price the profile is listed at
 * (the figure browse filters on).
 */
import { MarkupCache } from "@/framework/markup.ts";
import { type ExpertProfile, listedPrice } from "@/services/experts/mod.ts";
import { ExpertPhoto } from "./ExpertPhoto.tsx";
import { ListedPriceTag } from "./Price.tsx";
import { RatingLink } from "./reviews/ReviewList.tsx";

/** How many skills a card shows before "+N more". */
const CARD_SKILLS = 3;

/**
 * An expert in a list. The whole card is clickable through its name link
 * (stretched over the card), so there is one link per card for keyboard and
 * screen-reader users instead of several.
 */
export function ExpertCard(
  { expert, headingLevel = "h3" }: {
    expert: ExpertProfile;
    headingLevel?: "h2" | "h3";
  },
) {
  const shown: CardContent = {
    id: expert.id,
    name: expert.name,
    photoUrl: expert.photoUrl,
    headline: expert.headline,
    rating: expert.rating,
    skills: expert.skills.slice(0, CARD_SKILLS),
    moreSkills: Math.max(0, expert.skills.length - CARD_SKILLS),
    price: listedPrice(expert),
    location: expert.location,
  };
  return keptCards.get(
    JSON.stringify([headingLevel, shown]),
    () => <CardMarkup card={shown} headingLevel={headingLevel} />,
  );
}

/** Everything a card shows, and nothing else: it keys the kept markup. */
interface CardContent extends
  Pick<
    ExpertProfile,
    "id" | "name" | "photoUrl" | "headline" | "rating" | "location"
  > {
  skills: string[];
  moreSkills: number;
  price: ReturnType<typeof listedPrice>;
}

/**
 * Cards by what they show. Browse, category and home pages draw a dozen
 * each; the same expert's card is the same markup until their profile
 * changes, which changes the key.
 */
const keptCards = new MarkupCache(2_000);

function CardMarkup(
  { card, headingLevel }: {
    card: CardContent;
    headingLevel: "h2" | "h3";
  },
) {
  const Heading = headingLevel;
  const { moreSkills } = card;
  return (
    <article class="relative flex h-full flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-300 hover:shadow-md">
      <div class="flex items-start gap-4">
        <ExpertPhoto
          id={card.id}
          name={card.name}
          photoUrl={card.photoUrl}
          slot="card"
        />
        <div class="min-w-0">
          <Heading class="text-lg font-semibold text-slate-900">
            <a
              href={`/experts/${encodeURIComponent(card.id)}`}
              class="after:absolute after:inset-0 after:rounded-xl hover:underline focus-visible:outline-none focus-visible:after:outline-3 focus-visible:after:outline-offset-2 focus-visible:after:outline-brand-700"
            >
              {card.name}
            </a>
          </Heading>
          <p class="mt-0.5 text-sm text-slate-700">{card.headline}</p>
        </div>
      </div>
      <div class="mt-4">
        <RatingLink expertId={card.id} rating={card.rating} raised />
      </div>
      {card.skills.length > 0 && (
        <ul class="mt-4 flex flex-wrap gap-1.5">
          {card.skills.map((skill) => (
            <li
              key={skill}
              class="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-800"
            >
              {skill}
            </li>
          ))}
          {moreSkills > 0 && (
            <li class="px-1 py-0.5 text-xs text-slate-700">
              +{moreSkills} more
            </li>
          )}
        </ul>
      )}
      <div class="mt-auto flex items-end justify-between gap-3 pt-5">
        <ListedPriceTag price={card.price} />
        <span class="text-right text-xs text-slate-700">
          {card.location}
        </span>
      </div>
    </article>
  );
}

const GRID_COLUMNS = {
  /** Full-width sections. */
  3: "sm:grid-cols-2 lg:grid-cols-3",
  /** Beside a sidebar. */
  2: "sm:grid-cols-2",
} as const;

/** A responsive grid of expert cards. */
export function ExpertGrid(
  { experts, headingLevel, columns = 3 }: {
    experts: ExpertProfile[];
    headingLevel?: "h2" | "h3";
    columns?: keyof typeof GRID_COLUMNS;
  },
) {
  return (
    <ul class={`grid gap-5 ${GRID_COLUMNS[columns]}`}>
      {experts.map((expert) => (
        <li key={expert.id}>
          <ExpertCard expert={expert} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}

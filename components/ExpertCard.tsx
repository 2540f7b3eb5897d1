/**
 * Expert result cards and their grid: name, headline, rating (linking to the
 * profile's reviews), top skills and the price the profile is listed at
 * (the figure browse filters on).
 */
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
  const Heading = headingLevel;
  const moreSkills = expert.skills.length - CARD_SKILLS;
  return (
    <article class="relative flex h-full flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition hover:border-brand-300 hover:shadow-md">
      <div class="flex items-start gap-4">
        <ExpertPhoto
          id={expert.id}
          name={expert.name}
          photoUrl={expert.photoUrl}
          slot="card"
        />
        <div class="min-w-0">
          <Heading class="text-lg font-semibold text-slate-900">
            <a
              href={`/experts/${encodeURIComponent(expert.id)}`}
              class="after:absolute after:inset-0 after:rounded-xl hover:underline focus-visible:outline-none focus-visible:after:outline-3 focus-visible:after:outline-offset-2 focus-visible:after:outline-brand-700"
            >
              {expert.name}
            </a>
          </Heading>
          <p class="mt-0.5 text-sm text-slate-700">{expert.headline}</p>
        </div>
      </div>
      <div class="mt-4">
        <RatingLink expertId={expert.id} rating={expert.rating} raised />
      </div>
      {expert.skills.length > 0 && (
        <ul class="mt-4 flex flex-wrap gap-1.5">
          {expert.skills.slice(0, CARD_SKILLS).map((skill) => (
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
        <ListedPriceTag price={listedPrice(expert)} />
        <span class="text-right text-xs text-slate-700">
          {expert.location}
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

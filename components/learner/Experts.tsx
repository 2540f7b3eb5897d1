/**
 * Experts on the learner's home: the ones they saved (with a way to remove
 * each, a plain form) and "book again" suggestions after good sessions.
 */
import type { BookAgain } from "@/services/progress/mod.ts";
import type { SavedExpertView } from "@/services/saved_experts/mod.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { ExpertPhoto } from "@/components/ExpertPhoto.tsx";
import { RatingStars } from "@/components/RatingStars.tsx";
import { formatDate, plural } from "@/web/format.ts";
import { StarsGiven } from "./Sessions.tsx";

export const SAVED_EXPERTS_PATH = "/dashboard/saved-experts";

const link = "font-semibold text-brand-800 underline";

function profileHref(id: string): string {
  return `/experts/${encodeURIComponent(id)}`;
}

/** The form that removes `expertId` from the saved list, then returns to `next`. */
export function UnsaveForm(
  { expertId, name, next }: { expertId: string; name: string; next: string },
) {
  return (
    <form method="post" action={SAVED_EXPERTS_PATH}>
      <input type="hidden" name="expertId" value={expertId} />
      <input type="hidden" name="action" value="remove" />
      <input type="hidden" name="next" value={next} />
      <button
        type="submit"
        class="rounded-md px-2 py-1 text-sm font-medium text-slate-700 underline hover:bg-slate-100"
      >
        Remove<span class="sr-only">{` ${name} from your saved experts`}</span>
      </button>
    </form>
  );
}

/** Saved experts as a list with their photo, headline, rating and a remove button. */
export function SavedExpertList(
  { saved, next }: { saved: SavedExpertView[]; next: string },
) {
  return (
    <ul class="divide-y divide-slate-200">
      {saved.map(({ expert, savedAt }) => (
        <li
          key={expert.id}
          class="flex items-start gap-3 py-3 first:pt-0 last:pb-0"
        >
          <ExpertPhoto
            id={expert.id}
            name={expert.name}
            photoUrl={expert.photoUrl}
            slot="card"
          />
          <div class="min-w-0 flex-1 space-y-1">
            <p>
              <a href={profileHref(expert.id)} class={link}>{expert.name}</a>
            </p>
            <p class="text-sm text-slate-800">{expert.headline}</p>
            <RatingStars
              average={expert.rating.average}
              count={expert.rating.count}
            />
            <p class="text-xs text-slate-700">
              {`Saved ${formatDate(savedAt.slice(0, 10))}`}
            </p>
          </div>
          <UnsaveForm expertId={expert.id} name={expert.name} next={next} />
        </li>
      ))}
    </ul>
  );
}

/** Experts to book again, each with why and a link to book. */
export function BookAgainList({ suggestions }: { suggestions: BookAgain[] }) {
  return (
    <ul class="grid gap-4 sm:grid-cols-2">
      {suggestions.map(({ expert, lastSession, sessions, rating }) => (
        <li
          key={expert.id}
          class="flex flex-col gap-2 rounded-lg border border-slate-200 p-4"
        >
          <div class="flex items-center gap-3">
            <ExpertPhoto
              id={expert.id}
              name={expert.name}
              photoUrl={expert.photoUrl}
              slot="card"
            />
            <div class="min-w-0">
              <p>
                <a href={profileHref(expert.id)} class={link}>
                  {expert.name}
                </a>
              </p>
              <p class="text-sm text-slate-800">{expert.headline}</p>
            </div>
          </div>
          <p class="text-sm text-slate-700">
            {`${
              plural(sessions, "session")
            } together, the last “${lastSession.offeringTitle}” on ${
              formatDate(lastSession.start.slice(0, 10))
            }.`}
          </p>
          {rating !== null && <StarsGiven rating={rating} />}
          <div>
            <ButtonLink href={`/book/${encodeURIComponent(expert.id)}`}>
              Book again
              <span class="sr-only">{` with ${expert.name}`}</span>
            </ButtonLink>
          </div>
        </li>
      ))}
    </ul>
  );
}

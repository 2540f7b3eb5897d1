/**
 * The learner's next and last sessions on their home. An upcoming session
 * offers "Join the call" while its call is open (the calls feature decides)
 * and says when it opens otherwise; a past one shows the learner's stars,
 * or a "Rate it" link while rating is still possible. Each links to its
 * booking page, where notes and recordings live.
 */
import type { PastSession, UpcomingSession } from "@/services/progress/mod.ts";
import { ButtonLink } from "@/components/Button.tsx";
import { Card } from "@/components/account/HomeShell.tsx";
import { StatusBadge } from "@/components/bookings/BookingViews.tsx";
import { spanIn, whenIn } from "@/components/bookings/time.ts";

const link = "font-semibold text-brand-800 underline";

function bookingHref(id: string): string {
  return `/bookings/${encodeURIComponent(id)}`;
}

/** "★★★★☆ 4 of 5" as text a screen reader reads once. */
export function StarsGiven({ rating }: { rating: number }) {
  return (
    <span class="inline-flex items-center gap-1 text-sm">
      <span aria-hidden="true" class="text-amber-600">
        {"★".repeat(rating)}
        <span class="text-slate-300">{"★".repeat(5 - rating)}</span>
      </span>
      <span>{`You rated it ${rating} of 5`}</span>
    </span>
  );
}

export function UpcomingSessions(
  { sessions, zone }: { sessions: UpcomingSession[]; zone: string },
) {
  return (
    <Card title="Upcoming sessions" id="upcoming">
      {sessions.length === 0
        ? (
          <p>
            No sessions booked.{" "}
            <a href="/experts" class={link}>Find an expert</a>{" "}
            to book your next one.
          </p>
        )
        : (
          <ul class="divide-y divide-slate-200">
            {sessions.map(({ booking, expertName, canJoin, joinOpensAt }) => (
              <li
                key={booking.id}
                class="flex flex-col gap-2 py-3 first:pt-0 last:pb-0 sm:flex-row sm:items-center sm:justify-between"
              >
                <div class="min-w-0">
                  <p class="font-semibold text-slate-900">
                    <a href={bookingHref(booking.id)} class="hover:underline">
                      {`${booking.offeringTitle} with ${expertName}`}
                    </a>
                  </p>
                  <p class="text-sm text-slate-700">
                    {spanIn(booking.start, booking.end, zone)}
                  </p>
                  {!canJoin && (
                    <p class="text-sm text-slate-700">
                      {`You can join from ${whenIn(joinOpensAt, zone)}.`}
                    </p>
                  )}
                </div>
                <div class="flex shrink-0 flex-wrap gap-2">
                  {canJoin && (
                    <ButtonLink href={`${bookingHref(booking.id)}/call`}>
                      Join the call
                    </ButtonLink>
                  )}
                  <ButtonLink
                    href={bookingHref(booking.id)}
                    variant="secondary"
                  >
                    Details
                    <span class="sr-only">
                      {` of ${booking.offeringTitle} with ${expertName}`}
                    </span>
                  </ButtonLink>
                </div>
              </li>
            ))}
          </ul>
        )}
      <p>
        <a href="/bookings" class={link}>All your sessions</a>
      </p>
    </Card>
  );
}

export function PastSessions(
  { sessions, zone }: { sessions: PastSession[]; zone: string },
) {
  return (
    <Card title="Past sessions" id="past">
      {sessions.length === 0
        ? <p>Your sessions show here once they have taken place.</p>
        : (
          <ul class="divide-y divide-slate-200">
            {sessions.map(({ booking, expertName, rating, canRate }) => (
              <li key={booking.id} class="space-y-1 py-3 first:pt-0 last:pb-0">
                <p class="font-semibold text-slate-900">
                  <a href={bookingHref(booking.id)} class="hover:underline">
                    {`${booking.offeringTitle} with ${expertName}`}
                  </a>
                </p>
                <p class="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                  <span>{whenIn(booking.start, zone)}</span>
                  <StatusBadge status={booking.status} />
                </p>
                <p class="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
                  {rating !== null && <StarsGiven rating={rating} />}
                  {canRate && (
                    <a
                      href={`${bookingHref(booking.id)}/review`}
                      class={link}
                    >
                      Rate it
                      <span class="sr-only">
                        {`: ${booking.offeringTitle} with ${expertName}`}
                      </span>
                    </a>
                  )}
                  <a href={bookingHref(booking.id)} class={link}>
                    Session details
                    <span class="sr-only">
                      {` of ${booking.offeringTitle} with ${expertName}`}
                    </span>
                  </a>
                </p>
              </li>
            ))}
          </ul>
        )}
    </Card>
  );
}

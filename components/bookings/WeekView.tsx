/**
 * A week of sessions on the viewer's clock: the week's name with links to
 * the weeks before and after, then its seven days — stacked one under the
 * other on a phone, seven columns side by side from large screens up —
 * each holding its sessions in time order, each session linking to its
 * page. Server-rendered; the links are plain links.
 */
import type { Booking } from "@/services/bookings/mod.ts";
import { StatusBadge } from "./BookingViews.tsx";
import { dateKeyIn, timeIn } from "./time.ts";
import { dayLabel, shortDayLabel, type Week, weekLabel } from "./week.ts";

const LINK = "font-medium text-brand-800 underline";

/** Previous week, this week, next week. */
function WeekNavigation(
  { week, href, isThisWeek }: {
    week: Week;
    href: (weekId: string | null) => string;
    isThisWeek: boolean;
  },
) {
  return (
    <nav aria-label="Weeks">
      <ul class="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <li>
          <a href={href(week.previous)} class={LINK}>
            <span aria-hidden="true">←</span> Previous week
          </a>
        </li>
        {!isThisWeek && (
          <li>
            <a href={href(null)} class={LINK}>This week</a>
          </li>
        )}
        <li>
          <a href={href(week.next)} class={LINK}>
            Next week <span aria-hidden="true">→</span>
          </a>
        </li>
      </ul>
    </nav>
  );
}

/** One session in a day: its times, what and with whom, its status. */
function WeekItem(
  { booking, zone, name }: { booking: Booking; zone: string; name: string },
) {
  return (
    <li>
      <a
        href={`/bookings/${booking.id}`}
        class="block rounded-md border border-brand-200 bg-brand-50 p-2 text-sm hover:bg-brand-100 lg:p-1.5 lg:text-xs"
      >
        <span class="block font-mono font-semibold text-slate-900">
          {timeIn(booking.start, zone)}–{timeIn(booking.end, zone)}
        </span>
        <span class="mt-0.5 block break-words text-slate-900">
          {booking.offeringTitle}
        </span>
        <span class="block break-words text-slate-700">with {name}</span>
        <span class="mt-1 block whitespace-nowrap">
          <StatusBadge status={booking.status} />
        </span>
      </a>
    </li>
  );
}

/** The week: navigation, then one section per day. */
export function WeekView(
  { week, bookings, zone, names, today, href }: {
    week: Week;
    bookings: Booking[];
    zone: string;
    /** The other party's name, by booking id. */
    names: Record<string, string>;
    /** Today on the viewer's clock, "2026-12-02". */
    today: string;
    /** The page's address for a week (null: this week). */
    href: (weekId: string | null) => string;
  },
) {
  const byDay = new Map<string, Booking[]>(week.dates.map((d) => [d, []]));
  for (const booking of bookings) {
    byDay.get(dateKeyIn(booking.start, zone))?.push(booking);
  }
  const isThisWeek = week.dates.includes(today);
  return (
    <div class="space-y-4">
      <div class="flex flex-wrap items-baseline justify-between gap-2">
        <h3 class="font-semibold text-slate-900" id="week-heading">
          Week of {weekLabel(week)}
        </h3>
        <WeekNavigation week={week} href={href} isThisWeek={isThisWeek} />
      </div>
      <ol
        aria-labelledby="week-heading"
        class="grid grid-cols-1 gap-2 wrap-break-word lg:grid-cols-7 lg:gap-1.5"
      >
        {week.dates.map((date) => {
          const items = byDay.get(date) ?? [];
          const label = dayLabel(date);
          const [weekday, day] = shortDayLabel(date);
          const isToday = date === today;
          return (
            <li
              key={date}
              data-date={date}
              aria-current={isToday ? "date" : undefined}
              class={`min-w-0 rounded-lg border p-2 lg:p-1.5 ${
                isToday
                  ? "border-brand-700 bg-white ring-1 ring-brand-700"
                  : "border-slate-200 bg-slate-50"
              }`}
            >
              <h4 class="text-sm font-semibold text-slate-900">
                {/* Seven columns are narrow: "Wed" over "2 Dec" there. */}
                <span class="lg:hidden">{label}</span>
                <span class="hidden lg:block" aria-hidden="true">
                  {weekday}
                </span>
                <span class="hidden lg:block font-normal">
                  <span class="sr-only">{label}</span>
                  <span aria-hidden="true">{day}</span>
                </span>
                {isToday && (
                  <span class="ml-1 font-normal text-brand-800">(today)</span>
                )}
              </h4>
              {items.length === 0
                ? (
                  <p class="mt-1 text-sm text-slate-700 lg:text-xs">
                    Nothing booked
                  </p>
                )
                : (
                  <ul class="mt-2 space-y-2">
                    {items.map((booking) => (
                      <WeekItem
                        key={booking.id}
                        booking={booking}
                        zone={zone}
                        name={names[booking.id] ?? "—"}
                      />
                    ))}
                  </ul>
                )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

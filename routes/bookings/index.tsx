/**
 * A person's sessions: the learner's "My sessions" and the expert's
 * schedule, upcoming (soonest first) or past (latest first), as an agenda
 * grouped by day on the viewer's clock. Admins see every booking in the
 * admin area instead.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { seeOther } from "@/web/navigation.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Pagination, withQuery } from "@/components/Pagination.tsx";
import { Agenda } from "@/components/bookings/BookingViews.tsx";
import { zoneLabel } from "@/components/bookings/time.ts";
import { type Booking, listBookings } from "@/services/bookings/mod.ts";
import { personName } from "@/components/bookings/names.ts";
import type { Page } from "@/services/platform/paging.ts";

interface ListData {
  when: "upcoming" | "past";
  side: "learner" | "expert";
  page: Page<Booking>;
  names: Record<string, string>;
  zone: string;
  cursor: string | null;
}

export const handler = define.handlers<ListData>({
  async GET(_req, ctx) {
    const user = requireUser(ctx.state);
    if (user.role === "admin") return seeOther("/admin/bookings");
    const { kv } = ctx.state;
    const when = ctx.url.searchParams.get("when") === "past"
      ? "past"
      : "upcoming";
    const side = user.role === "expert" ? "expert" : "learner";
    const cursor = ctx.url.searchParams.get("cursor");
    const list = (at?: string) =>
      listBookings(kv, user.id, { as: side, when, cursor: at, limit: 20 });
    const page = await list(cursor || undefined).catch(() => list());
    const names: Record<string, string> = {};
    const people = new Map<string, Promise<string>>();
    for (const booking of page.items) {
      const other = side === "expert" ? booking.learnerId : booking.expertId;
      if (!people.has(other)) {
        people.set(
          other,
          personName(kv, other),
        );
      }
      names[booking.id] = await people.get(other)!;
    }
    return ctx.render({
      when,
      side,
      page,
      names,
      zone: user.timeZone,
      cursor: cursor || null,
    });
  },
});

export default define.page<typeof handler>(function BookingsPage(
  { data, url },
) {
  const { when, side, page, zone } = data;
  const tabs = [
    { when: "upcoming", label: "Upcoming" },
    { when: "past", label: "Past" },
  ] as const;
  return (
    <Card
      id="sessions"
      title={side === "expert" ? "Your schedule" : "My sessions"}
    >
      <p class="text-sm text-slate-700">
        Times are in your time zone, {zoneLabel(zone)}. You can change it in
        {" "}
        <a href="/account" class="text-brand-800 underline">your account</a>.
      </p>
      <nav aria-label="Which sessions">
        <ul class="flex gap-2">
          {tabs.map((tab) => (
            <li key={tab.when}>
              <a
                href={`/bookings?when=${tab.when}`}
                aria-current={tab.when === when ? "page" : undefined}
                class={`block rounded-md px-3 py-2 text-sm font-medium ${
                  tab.when === when
                    ? "bg-brand-50 text-brand-900 ring-1 ring-brand-700"
                    : "text-slate-800 hover:bg-slate-100"
                }`}
              >
                {tab.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Agenda
        bookings={page.items}
        zone={zone}
        names={data.names}
        empty={when === "upcoming"
          ? side === "expert"
            ? "No sessions booked yet. Learners book the times you open on your availability page."
            : "No sessions booked yet. Find an expert and book a time that suits you."
          : "No past sessions yet."}
      />
      {side === "learner" && when === "upcoming" && (
        <p>
          <a href="/experts" class="font-medium text-brand-800 underline">
            Find an expert
          </a>
        </p>
      )}
      {side === "expert" && (
        <p>
          <a
            href="/expert/availability"
            class="font-medium text-brand-800 underline"
          >
            Set your availability
          </a>
        </p>
      )}
      <Pagination
        nextHref={page.nextCursor
          ? withQuery(url, { cursor: page.nextCursor })
          : null}
        firstHref={data.cursor ? withQuery(url, { cursor: null }) : null}
        label="More sessions"
      />
    </Card>
  );
});

/**
 * A person's sessions: the learner's "My sessions" and the expert's
 * schedule, as an agenda grouped by day on the viewer's clock — upcoming
 * (soonest first) or past (latest first) — or as a week
 * (`?view=week&week=2026-W49`, or `&start=` a date in it) with a column per
 * day. Admins see every booking in the admin area instead. Below, the
 * person's private calendar feed: make an address (shown once: only its
 * hash is kept), replace or revoke it.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { seeOther } from "@/web/navigation.ts";
import { readFields, readForm } from "@/web/forms.ts";
import type { AppState } from "@/state.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Pagination, withQuery } from "@/components/Pagination.tsx";
import { Agenda } from "@/components/bookings/BookingViews.tsx";
import { WeekView } from "@/components/bookings/WeekView.tsx";
import {
  requestedMonday,
  todayIn,
  type Week,
  weekOf,
} from "@/components/bookings/week.ts";
import { zoneLabel } from "@/components/bookings/time.ts";
import { Notice } from "@/components/Notice.tsx";
import { clockFor } from "@/services/platform/clock.ts";
import {
  type Booking,
  type CalendarFeedStatus,
  createCalendarFeed,
  getCalendarFeedStatus,
  listBookings,
  listBookingsBetween,
  revokeCalendarFeed,
} from "@/services/bookings/mod.ts";
import { personNames } from "@/components/bookings/names.ts";
import type { Page } from "@/services/platform/paging.ts";

/** The week view's part of the page. */
interface WeekData {
  week: Week;
  bookings: Booking[];
  today: string;
  /** False when `?week=` or `?start=` could not be read. */
  understood: boolean;
}

interface ListData {
  view: "agenda" | "week";
  weekData: WeekData | null;
  when: "upcoming" | "past";
  side: "learner" | "expert";
  page: Page<Booking>;
  names: Record<string, string>;
  zone: string;
  cursor: string | null;
  feed: CalendarFeedStatus & {
    /** Only right after it was made: the one time it can be shown. */
    url?: string;
    notice?: string;
  };
}

/** The feed's address for a token, on this site. */
const feedUrl = (siteUrl: string, token: string) =>
  `${siteUrl}/calendar/${token}.ics`;

export const handler = define.handlers<ListData>({
  async GET(_req, ctx) {
    const user = requireUser(ctx.state);
    if (user.role === "admin") return seeOther("/admin/bookings");
    return ctx.render(await loadList(ctx.state, ctx.url, {}));
  },

  /** The calendar feed section's buttons: make (or replace) or revoke. */
  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    if (user.role === "admin") return seeOther("/admin/bookings");
    const { action } = readFields(await readForm(req), ["action"]);
    const { kv, siteUrl } = ctx.state;
    if (action === "create-feed") {
      const { token } = await createCalendarFeed(kv, user.id);
      return ctx.render(
        await loadList(ctx.state, ctx.url, {
          url: feedUrl(siteUrl, token),
          notice:
            "Your calendar address is ready. Copy it now: it is shown only once.",
        }),
      );
    }
    if (action === "revoke-feed") {
      const revoked = await revokeCalendarFeed(kv, user.id);
      return ctx.render(
        await loadList(ctx.state, ctx.url, {
          notice: revoked
            ? "Your calendar address was revoked; calendars subscribed to it stop updating."
            : "You had no calendar address.",
        }),
      );
    }
    return seeOther("/bookings#calendar-feed");
  },
});

/** The other party's name for each booking, by booking id. */
async function namesOf(
  kv: Deno.Kv,
  bookings: Booking[],
  side: "learner" | "expert",
): Promise<Record<string, string>> {
  const other = (booking: Booking) =>
    side === "expert" ? booking.learnerId : booking.expertId;
  const people = await personNames(kv, bookings.map(other));
  return Object.fromEntries(
    bookings.map((booking) => [booking.id, people.get(other(booking))!]),
  );
}

/** The person's sessions starting in the week the URL names, on their clock. */
async function loadWeek(
  kv: Deno.Kv,
  userId: string,
  side: "learner" | "expert",
  zone: string,
  url: URL,
): Promise<WeekData> {
  const today = todayIn(clockFor(kv).now().getTime(), zone);
  const { monday, understood } = requestedMonday({
    week: url.searchParams.get("week"),
    start: url.searchParams.get("start"),
  }, today);
  const week = weekOf(monday, zone);
  const bookings = await listBookingsBetween(
    kv,
    userId,
    side,
    new Date(week.startMs),
    new Date(week.endMs),
  );
  return { week, bookings, today: today.toString(), understood };
}

/** The page's data: a page (or a week) of sessions and the feed's state. */
async function loadList(
  state: AppState,
  url: URL,
  feed: { url?: string; notice?: string },
): Promise<ListData> {
  const user = requireUser(state);
  const { kv } = state;
  const view = url.searchParams.get("view") === "week" ? "week" : "agenda";
  const when = url.searchParams.get("when") === "past" ? "past" : "upcoming";
  const side = user.role === "expert" ? "expert" : "learner";
  const cursor = url.searchParams.get("cursor");
  const list = (at?: string) =>
    listBookings(kv, user.id, { as: side, when, cursor: at, limit: 20 });
  const weekData = view === "week"
    ? await loadWeek(kv, user.id, side, user.timeZone, url)
    : null;
  const page: Page<Booking> = weekData
    ? { items: [], nextCursor: null }
    : await list(cursor || undefined).catch(() => list());
  return {
    view,
    weekData,
    when,
    side,
    page,
    names: await namesOf(kv, weekData?.bookings ?? page.items, side),
    zone: user.timeZone,
    cursor: cursor || null,
    feed: { ...await getCalendarFeedStatus(kv, user.id), ...feed },
  };
}

export default define.page<typeof handler>(function BookingsPage(
  { data, url },
) {
  const { view, weekData, when, side, page, zone, feed } = data;
  const tabs = [
    { href: "/bookings?when=upcoming", label: "Upcoming" },
    { href: "/bookings?when=past", label: "Past" },
    { href: "/bookings?view=week", label: "Week" },
  ];
  const current = view === "week" ? 2 : when === "past" ? 1 : 0;
  const weekHref = (week: string | null) =>
    week ? `/bookings?view=week&week=${week}` : "/bookings?view=week";
  return (
    <>
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
            {tabs.map((tab, i) => (
              <li key={tab.href}>
                <a
                  href={tab.href}
                  aria-current={i === current ? "page" : undefined}
                  class={`block rounded-md px-3 py-2 text-sm font-medium ${
                    i === current
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
        {weekData && !weekData.understood && (
          <Notice>
            That week could not be read, so this week is shown. Weeks are
            written like 2026-W49, dates like 2026-12-01.
          </Notice>
        )}
        {weekData && (
          <WeekView
            week={weekData.week}
            bookings={weekData.bookings}
            zone={zone}
            names={data.names}
            today={weekData.today}
            href={weekHref}
          />
        )}
        {!weekData && (
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
        )}
        {side === "learner" && view === "agenda" && when === "upcoming" && (
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
      <CalendarFeedCard feed={feed} />
    </>
  );
});

/** The private calendar feed: its state, and make / replace / revoke. */
function CalendarFeedCard({ feed }: { feed: ListData["feed"] }) {
  return (
    <Card id="calendar-feed" title="Calendar feed">
      <p class="text-sm text-slate-700">
        Subscribe to your sessions from Google Calendar, Outlook or Apple
        Calendar with a private address. Anyone with the address can see your
        sessions, so keep it to yourself; you can replace or revoke it here.
      </p>
      {feed.notice && (
        <p
          role="status"
          class="rounded-md bg-brand-50 p-3 text-sm text-brand-900"
        >
          {feed.notice}
        </p>
      )}
      {feed.url && (
        <div>
          <label
            for="feed-url"
            class="block text-sm font-semibold text-slate-900"
          >
            Your calendar address
          </label>
          <input
            id="feed-url"
            type="text"
            readOnly
            value={feed.url}
            class="mt-1.5 block w-full rounded-lg border border-slate-400 bg-white px-3 py-2.5 font-mono text-sm"
          />
        </div>
      )}
      {!feed.url && (
        <p class="text-sm text-slate-800">
          {feed.active
            ? "You have a calendar address. It is not shown again; make a new one if you lost it (the old one stops working)."
            : "You have no calendar address yet."}
        </p>
      )}
      <form
        method="post"
        action="/bookings#calendar-feed"
        class="flex flex-wrap gap-3"
      >
        <button
          type="submit"
          name="action"
          value="create-feed"
          class="rounded-lg bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white"
        >
          {feed.active ? "Make a new address" : "Make a calendar address"}
        </button>
        {feed.active && (
          <button
            type="submit"
            name="action"
            value="revoke-feed"
            class="rounded-lg border border-slate-400 px-4 py-2.5 text-sm font-semibold text-slate-900"
          >
            Revoke the address
          </button>
        )}
      </form>
    </Card>
  );
}

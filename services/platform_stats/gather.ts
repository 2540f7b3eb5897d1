/**
 * Reading the records a period's statistics come from, through each
 * feature's public entry: accounts (auth), sign-ins (the audit log's
 * successful logins), bookings (by when made and when held), the money of
 * each day (the finance summary, so the figures agree with the finance
 * area) and the experts' names and main categories. Then `computeStats` does the sums.
 *
 * Only the money is rolled up per day (./store.ts): ledger entries never
 * change, so a closed day's sums stay true. The other figures keep changing
 * after their day (a session booked today completes next week, is disputed
 * later; a sign-up's role can change; "active" counts distinct people over
 * the whole period), so a per-day total written once would drift from the
 * records: they are read fresh.
 * Every listing here is bounded by the period: bookings are two ranges of
 * their time indexes (made in it, starting in it); accounts and sign-ins
 * are read newest first until a whole page is older than it.
 */
import {
  getUser,
  getUsers,
  listUsers,
  type Role,
} from "@/services/auth/mod.ts";
import {
  type Booking,
  bookingsMadeBetween,
  bookingsStartingBetween,
  EXPERT_ABSENT_REASON,
} from "@/services/bookings/mod.ts";
import { getCategory } from "@/services/categories/mod.ts";
import { getExpert, getExperts } from "@/services/experts/mod.ts";
import { summarizeFinances } from "@/services/finance/mod.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { clockFor } from "@/services/platform/clock.ts";
import { activePeople, computeStats } from "./compute.ts";
import type {
  ActivePerson,
  CategoryRef,
  MoneyDay,
  Period,
  PlatformStats,
  StatsInput,
  StatsSignIn,
  StatsUser,
} from "./model.ts";
import { boundsOf, dayOf, daysOf, resolvePeriod } from "./period.ts";
import { isClosedDay, readMoneyRollUps, writeMoneyRollUp } from "./store.ts";

const PAGE = 100;

/** Today's UTC day by the database's clock (tests move it). */
export function todayFor(kv: Deno.Kv): string {
  return dayOf(clockFor(kv).now());
}

/** The period a query asks for, as of today; throws a ValidationError. */
export function periodFor(
  kv: Deno.Kv,
  query: { days?: string; from?: string; to?: string },
): Period {
  return resolvePeriod(query, todayFor(kv));
}

/** The statistics of `period`, from the records as they are now. */
export async function platformStats(
  kv: Deno.Kv,
  period: Pick<Period, "from" | "to">,
): Promise<PlatformStats> {
  return computeStats(await gatherInput(kv, period));
}

/** The learners and experts active in `period`, with their names. */
export async function activePeopleIn(
  kv: Deno.Kv,
  period: Pick<Period, "from" | "to">,
): Promise<(ActivePerson & { name: string; email: string })[]> {
  const [bookings, signIns] = await Promise.all([
    bookingsAround(kv, period),
    signInsIn(kv, period),
  ]);
  const people = activePeople({
    period,
    users: [],
    bookings,
    signIns,
    money: [],
    experts: {},
    expertAbsentReason: EXPERT_ABSENT_REASON,
  });
  const named = [];
  for (const person of people) {
    const user = await getUser(kv, person.userId);
    const expert = user ? null : await getExpert(kv, person.userId);
    named.push({
      ...person,
      name: user?.name ?? expert?.name ?? "Former member",
      email: user?.email ?? "",
    });
  }
  return named;
}

/** Everything `computeStats` needs for `period`. */
export async function gatherInput(
  kv: Deno.Kv,
  period: Pick<Period, "from" | "to">,
): Promise<StatsInput> {
  const [users, bookings, signIns, money] = await Promise.all([
    usersSince(kv, period),
    bookingsAround(kv, period),
    signInsIn(kv, period),
    moneyPerDay(kv, period),
  ]);
  return {
    period: { from: period.from, to: period.to },
    users,
    bookings,
    signIns,
    money,
    experts: await expertsOf(kv, bookings),
    expertAbsentReason: EXPERT_ABSENT_REASON,
  };
}

/** Accounts created from the period's start on (newest first until older). */
async function usersSince(
  kv: Deno.Kv,
  period: Pick<Period, "from" | "to">,
): Promise<StatsUser[]> {
  const { startMs } = boundsOf(period);
  const users: StatsUser[] = [];
  let cursor: string | undefined;
  do {
    const page = await listUsers(kv, { cursor, limit: PAGE });
    for (const user of page.users) {
      users.push({ id: user.id, role: user.role, createdAt: user.createdAt });
    }
    // A whole page from before the period ends it (one odd date does not).
    if (page.users.every((user) => Date.parse(user.createdAt) < startMs)) {
      break;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return users;
}

/**
 * Bookings made in the period or whose session starts in it: two ranges of
 * the bookings' time indexes, newest made first (the order the figures
 * were always summed in).
 */
async function bookingsAround(
  kv: Deno.Kv,
  period: Pick<Period, "from" | "to">,
): Promise<Booking[]> {
  const { startMs, endMs } = boundsOf(period);
  const [made, starting] = await Promise.all([
    bookingsMadeBetween(kv, startMs, endMs),
    bookingsStartingBetween(kv, startMs, endMs),
  ]);
  const byId = new Map<string, Booking>();
  for (const booking of [...made, ...starting]) byId.set(booking.id, booking);
  return [...byId.values()].sort((a, b) =>
    a.id < b.id ? 1 : a.id > b.id ? -1 : 0
  );
}

/** Successful sign-ins in the period, with each account's role. */
async function signInsIn(
  kv: Deno.Kv,
  period: Pick<Period, "from" | "to">,
): Promise<StatsSignIn[]> {
  const { startMs, endMs } = boundsOf(period);
  const roles = new Map<string, Role | null>();
  const signIns: StatsSignIn[] = [];
  let cursor: string | undefined;
  do {
    const page = await listSecurityEvents(kv, {
      type: "login_succeeded",
      cursor,
      limit: PAGE,
    });
    for (const event of page.events) {
      const at = Date.parse(event.at);
      if (!event.userId || at < startMs || at >= endMs) continue;
      if (!roles.has(event.userId)) {
        roles.set(
          event.userId,
          (await getUser(kv, event.userId))?.role ?? null,
        );
      }
      const role = roles.get(event.userId);
      if (role) signIns.push({ userId: event.userId, role, at: event.at });
    }
    if (page.events.every((event) => Date.parse(event.at) < startMs)) break;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return signIns;
}

/**
 * Each day's money per currency, as the finance summary counts it: closed
 * days from their roll-up (summed and kept on first use), today live.
 */
async function moneyPerDay(
  kv: Deno.Kv,
  period: Pick<Period, "from" | "to">,
): Promise<MoneyDay[]> {
  const nowMs = clockFor(kv).now().getTime();
  const kept = await readMoneyRollUps(kv, period.from, period.to);
  const rows: MoneyDay[] = [];
  for (const date of daysOf(period.from, period.to)) {
    let day = kept.get(date);
    if (!day) {
      day = await sumMoneyOf(kv, date);
      if (isClosedDay(date, nowMs)) await writeMoneyRollUp(kv, date, day);
    }
    rows.push(...day);
  }
  return rows;
}

/** One day's money from the ledger, through the finance summary. */
async function sumMoneyOf(kv: Deno.Kv, date: string): Promise<MoneyDay[]> {
  const summary = await summarizeFinances(kv, { from: date, to: date });
  return summary.currencies.map((row) => ({
    date,
    currency: row.currency,
    moneyInMinor: row.moneyInMinor,
    commissionMinor: row.commissionMinor,
    refundsMinor: row.refundsMinor,
  }));
}

/** The name and main category of every expert of `bookings`. */
async function expertsOf(
  kv: Deno.Kv,
  bookings: readonly Booking[],
): Promise<StatsInput["experts"]> {
  const ids = [...new Set(bookings.map((booking) => booking.expertId))];
  const profiles = await getExperts(kv, ids);
  const accounts = await getUsers(kv, ids.filter((id) => !profiles.has(id)));
  const categoryIds = new Set(
    [...profiles.values()].flatMap((expert) => expert.categoryIds.slice(0, 1)),
  );
  const categories = new Map<string, CategoryRef | null>(
    await Promise.all(
      [...categoryIds].map(
        async (id): Promise<[string, CategoryRef | null]> => {
          const category = await getCategory(kv, id);
          return [id, category ? { id, name: category.name } : null];
        },
      ),
    ),
  );
  const experts: Record<
    string,
    { name: string; category: CategoryRef | null }
  > = {};
  for (const id of ids) {
    const expert = profiles.get(id);
    const categoryId = expert?.categoryIds[0];
    experts[id] = {
      name: expert?.name ?? accounts.get(id)?.name ?? "Former expert",
      category: categoryId ? categories.get(categoryId) ?? null : null,
    };
  }
  return experts;
}

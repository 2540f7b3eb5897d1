/**
 * Every booking for admins, filtered by status, expert, learner and dates,
 * and the queue of reported problems, each with its decision form (refund
 * the learner, pay the expert, or split with the learner's share).
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { accountNames, parseAmount } from "@/web/money_forms.ts";
import { firstErrors } from "@/web/forms.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Pagination, withQuery } from "@/components/Pagination.tsx";
import {
  AdminBookingTable,
  type AdminFilters,
  DisputeCard,
  FilterForm,
} from "@/components/bookings/AdminBookings.tsx";
import {
  adminListBookings,
  type Booking,
  DISPUTE_OUTCOMES,
  type DisputeOutcome,
  resolveDispute,
} from "@/services/bookings/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import type { Page } from "@/services/platform/paging.ts";
import { personFilter } from "@/web/person_filter.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

interface AdminData {
  filters: AdminFilters;
  filterErrors: Record<string, string>;
  page: Page<Booking>;
  disputes: Booking[];
  names: Record<string, string>;
  notice: { tone: "success" | "error"; text: string } | null;
  /** The dispute form sent back with errors. */
  failed: {
    bookingId: string;
    values: Record<string, string>;
    errors: Record<string, string>;
  } | null;
}

const EMPTY_PAGE: Page<Booking> = { items: [], nextCursor: null };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC start of a YYYY-MM-DD day, or undefined when not one. */
function dayStart(date: string): string | undefined {
  const at = DAY.test(date) ? `${date}T00:00:00Z` : "";
  return Number.isNaN(Date.parse(at)) ? undefined : at;
}

/** What is wrong with the date filters as typed, by field. */
function dateErrors(filters: AdminFilters): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const name of ["from", "to"] as const) {
    if (filters[name] && !dayStart(filters[name])) {
      errors[name] = "Give a date as YYYY-MM-DD.";
    }
  }
  const [from, to] = [dayStart(filters.from), dayStart(filters.to)];
  if (from && to && from >= to) {
    errors.to = "Choose a day after the first one.";
  }
  return errors;
}

async function load(
  ctx: FreshContext<AppState>,
  notice: AdminData["notice"],
  failed: AdminData["failed"] = null,
): Promise<AdminData> {
  const { kv } = ctx.state;
  const query = ctx.url.searchParams;
  const filters: AdminFilters = {
    status: query.get("status") ?? "",
    expertId: query.get("expertId") ?? "",
    learnerId: query.get("learnerId") ?? "",
    from: query.get("from") ?? "",
    to: query.get("to") ?? "",
  };
  const [expert, learner] = await Promise.all([
    personFilter(kv, filters.expertId),
    personFilter(kv, filters.learnerId),
  ]);
  let filterErrors: Record<string, string> = {
    ...dateErrors(filters),
    ...(expert.error ? { expertId: expert.error } : {}),
    ...(learner.error ? { learnerId: learner.error } : {}),
  };
  let page = EMPTY_PAGE;
  const ask = (cursor?: string) =>
    adminListBookings(kv, {
      status: filters.status as Booking["status"] || undefined,
      expertId: expert.id,
      learnerId: learner.id,
      from: dayStart(filters.from),
      to: dayStart(filters.to),
      cursor,
      limit: 25,
    });
  if (Object.keys(filterErrors).length === 0) {
    try {
      page = await ask(query.get("cursor") || undefined).catch((error) => {
        if (error instanceof ValidationError && error.fieldErrors.cursor) {
          return ask();
        }
        throw error;
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      filterErrors = firstErrors(error.fieldErrors);
    }
  }
  const disputes = (await adminListBookings(kv, {
    status: "disputed",
    limit: 50,
  })).items.filter((booking) => booking.dispute?.resolution === null);
  const names = await accountNames(
    kv,
    [...page.items, ...disputes].flatMap((b) => [b.expertId, b.learnerId]),
  );
  return { filters, filterErrors, page, disputes, names, notice, failed };
}

export const handler = define.handlers<AdminData>({
  async GET(_req, ctx) {
    const done = ctx.url.searchParams.get("done") === "resolved";
    return ctx.render(
      await load(
        ctx,
        done ? { tone: "success", text: "The dispute is decided." } : null,
      ),
    );
  },

  async POST(req, ctx) {
    const admin = requireUser(ctx.state);
    const form = await readForm(req);
    const fields = readFields(form, ["bookingId", "learnerAmount", "note"]);
    const outcome = String(form.get(`outcome-${fields.bookingId}`) ?? "");
    const values = {
      outcome,
      learnerAmount: fields.learnerAmount,
      note: fields.note,
    };
    const refuse = async (status: number, errors: Record<string, string>) =>
      ctx.render(
        await load(ctx, {
          tone: "error",
          text: "The dispute was not decided; see the form below.",
        }, { bookingId: fields.bookingId, values, errors }),
        { status },
      );
    if (!(DISPUTE_OUTCOMES as readonly string[]).includes(outcome)) {
      return refuse(400, {
        outcome: "Choose refund, pay the expert, or split.",
      });
    }
    let learnerMinor: number | undefined;
    if (outcome === "split") {
      const disputed = (await load(ctx, null)).disputes.find((b) =>
        b.id === fields.bookingId
      );
      const parsed = disputed
        ? parseAmount(fields.learnerAmount, disputed.currency)
        : null;
      if (parsed === null) {
        return refuse(400, {
          learnerMinor: "Give the learner's share as an amount, such as 20.00.",
        });
      }
      learnerMinor = parsed;
    }
    try {
      await resolveDispute(ctx.state.kv, admin.id, fields.bookingId, {
        outcome: outcome as DisputeOutcome,
        learnerMinor,
        note: fields.note,
      }, requestMeta(ctx));
    } catch (error) {
      if (error instanceof ValidationError) {
        return refuse(400, firstErrors(error.fieldErrors));
      }
      if (error instanceof ConflictError || error instanceof NotFoundError) {
        return refuse(error instanceof ConflictError ? 409 : 404, {
          outcome: error.message,
        });
      }
      throw error;
    }
    return seeOther("/admin/bookings?done=resolved");
  },
});

export default define.page<typeof handler>(function AdminBookingsPage(
  { data, url },
) {
  return (
    <div class="space-y-6">
      {data.notice && (
        <Notice tone={data.notice.tone}>{data.notice.text}</Notice>
      )}
      <Card
        id="disputes"
        title={`Problems to decide (${data.disputes.length})`}
      >
        {data.disputes.length === 0 && (
          <p class="text-slate-700">No problems waiting for a decision.</p>
        )}
        {data.disputes.map((booking) => (
          <DisputeCard
            key={booking.id}
            booking={booking}
            names={data.names}
            values={data.failed?.bookingId === booking.id
              ? data.failed.values
              : undefined}
            errors={data.failed?.bookingId === booking.id
              ? data.failed.errors
              : undefined}
          />
        ))}
      </Card>
      <Card id="all-bookings" title="All bookings">
        <FilterForm filters={data.filters} errors={data.filterErrors} />
        <AdminBookingTable bookings={data.page.items} names={data.names} />
        <Pagination
          nextHref={data.page.nextCursor
            ? withQuery(url, { cursor: data.page.nextCursor })
            : null}
          firstHref={url.searchParams.get("cursor")
            ? withQuery(url, { cursor: null })
            : null}
          label="More bookings"
        />
      </Card>
    </div>
  );
});

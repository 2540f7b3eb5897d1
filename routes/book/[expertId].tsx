/**
 * Booking a session with an expert: choose the kind of session, a free time
 * (the BookingWidget island, in the learner's zone), see the price, the
 * wallet and the policy, leave a note, and confirm. The form posts here;
 * the server books (bookSession) and sends the learner to the booking. A
 * time taken meanwhile comes back with a friendly message and fresh times;
 * a short wallet is offered a ten-minute hold and a checkout for the
 * difference, which returns to /bookings/{holdId}. A session type sold in
 * packages shows them (PackageOffer): buying one posts here too, and a
 * learner with credits for it books with a credit instead of the wallet.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import { money } from "@/web/money_forms.ts";
import { requestMeta } from "@/auth/request_meta.ts";
import { Container } from "@/components/Layout.tsx";
import { PrivatePageSeo } from "@/components/Seo.tsx";
import { Notice } from "@/components/Notice.tsx";
import { Checkbox, TextAreaField } from "@/components/form/inputs.tsx";
import { bookingRefusal } from "@/components/bookings/messages.ts";
import { zoneLabel } from "@/components/bookings/time.ts";
import BookingWidget, {
  type BookingWidgetProps,
} from "@/islands/BookingWidget.tsx";
import {
  BookingFundsError,
  bookSession,
  MAX_NOTE_LENGTH,
  offeringSlots,
} from "@/services/bookings/mod.ts";
import {
  type ExpertProfile,
  getPublishedExpert,
} from "@/services/experts/mod.ts";
import {
  listOfferings,
  type LoadedOffering,
} from "@/services/offerings/mod.ts";
import {
  buyPackage,
  listLearnerPackages,
  type Package,
  PackageFundsError,
} from "@/services/packages/mod.ts";
import { PackageOffer } from "@/components/packages/PackageOffer.tsx";
import { ConfirmBooking } from "@/components/packages/ConfirmBooking.tsx";
import { getSettings, type Settings } from "@/services/settings/mod.ts";
import { getBalance, walletAccount } from "@/services/ledger/mod.ts";
import { getAvailability } from "@/services/availability/mod.ts";
import { timeZoneNames } from "@/services/platform/model.ts";
import { now } from "@/services/platform/clock.ts";
import type { FreshContext } from "@/framework/types.ts";
import type { AppState } from "@/state.ts";

const WEEK_MS = 7 * 86_400_000;
const FIELDS = [
  "offeringId",
  "start",
  "note",
  "zone",
  "hold",
  "action",
  "optionId",
  "packageId",
  "recordingConsent",
] as const;

interface BookData {
  expert: ExpertProfile;
  offerings: LoadedOffering[];
  offering: LoadedOffering | null;
  /** The learner's package for this session type with credits left. */
  credits: Package | null;
  settings: Settings;
  balanceMinor: number;
  widget: BookingWidgetProps | null;
  note: string;
  /** The learner ticked "the session may be recorded" (kept on a form sent back). */
  recordingConsent: boolean;
  notice: {
    tone: "error" | "info" | "success";
    title: string;
    text: string;
    link?: { href: string; label: string };
  } | null;
  /** The wallet is short by this much: offer to hold the time and pay it. */
  shortMinor: number | null;
  noteError?: string;
}

/** The zone to show times in: `?zone=` or the form's, else the learner's own. */
function viewerZone(asked: string, fallback: string): {
  zone: string;
  chosen: boolean;
} {
  return asked && timeZoneNames().includes(asked)
    ? { zone: asked, chosen: true }
    : { zone: fallback, chosen: false };
}

async function loadPage(
  ctx: FreshContext<AppState>,
  form: {
    offeringId: string;
    start: string;
    note: string;
    zone: string;
    recordingConsent?: string;
  },
  extra: Pick<BookData, "notice" | "shortMinor" | "noteError">,
): Promise<BookData | null> {
  const { kv } = ctx.state;
  const user = requireUser(ctx.state);
  const expert = await getPublishedExpert(kv, ctx.params.expertId);
  if (!expert || expert.hiddenWhileSuspended) return null;
  const [all, settings, availability, packages] = await Promise.all([
    listOfferings(kv, expert.id),
    getSettings(kv),
    getAvailability(kv, expert.id),
    listLearnerPackages(kv, user.id),
  ]);
  const offerings = all.filter((o) => o.active && o.kind === "session");
  const offering = offerings.find((o) => o.id === form.offeringId) ??
    offerings[0] ?? null;
  // The oldest package with credits left is spent first (newest come first).
  const credits =
    packages.findLast((pkg) =>
      pkg.offeringId === offering?.id && pkg.status === "active" &&
      pkg.creditsLeft > 0
    ) ?? null;
  const balanceMinor = offering
    ? await getBalance(kv, walletAccount(user.id), offering.currency)
    : 0;
  const maxWeeks = Math.max(1, Math.ceil(availability.horizonDays / 7));
  const weekParam = Number(ctx.url.searchParams.get("week") ?? "0");
  const week = Number.isInteger(weekParam) && weekParam >= 0 &&
      weekParam < maxWeeks
    ? weekParam
    : 0;
  // Week 0 starts now (to the minute), so no week shows times already gone.
  const base = Math.floor(now().getTime() / 60_000) * 60_000;
  const { zone, chosen } = viewerZone(form.zone, user.timeZone);
  let widget: BookingWidgetProps | null = null;
  if (offering) {
    const from = new Date(base + week * WEEK_MS).toISOString();
    const to = new Date(base + (week + 1) * WEEK_MS).toISOString();
    const { slots } = await offeringSlots(kv, expert.id, {
      offeringId: offering.id,
      from,
      to,
    });
    widget = {
      expertId: expert.id,
      offeringId: offering.id,
      zones: timeZoneNames(),
      zone,
      zoneChosen: chosen,
      baseFrom: new Date(base).toISOString(),
      week,
      slots,
      selected: slots.some((slot) => slot.start === form.start)
        ? form.start
        : "",
      pageHref: `/book/${encodeURIComponent(expert.id)}?offering=${
        encodeURIComponent(offering.id)
      }`,
      maxWeeks,
    };
  }
  return {
    expert,
    offerings,
    offering,
    credits,
    settings,
    balanceMinor,
    widget,
    note: form.note,
    recordingConsent: form.recordingConsent === "1",
    ...extra,
  };
}

export const handler = define.handlers<BookData>({
  async GET(_req, ctx) {
    const query = ctx.url.searchParams;
    const data = await loadPage(ctx, {
      offeringId: query.get("offering") ?? "",
      start: "",
      note: "",
      zone: query.get("zone") ?? "",
    }, {
      notice: query.get("bought") === "1"
        ? {
          tone: "success",
          title: "Package bought",
          text:
            "Your sessions are ready to book: choose a time below and book it with a credit.",
        }
        : null,
      shortMinor: null,
    });
    return data ? ctx.render(data) : ctx.renderNotFound();
  },

  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const fields = readFields(await readForm(req), FIELDS);
    const expertId = ctx.params.expertId;
    const rerender = async (
      status: number,
      extra: Pick<BookData, "notice" | "shortMinor" | "noteError">,
      keepStart: boolean,
    ) => {
      const data = await loadPage(ctx, {
        ...fields,
        start: keepStart ? fields.start : "",
      }, extra);
      return data ? ctx.render(data, { status }) : ctx.renderNotFound();
    };
    if (fields.action === "buy-package") {
      return await buy(ctx, fields, rerender);
    }
    if (!fields.start) {
      return rerender(400, {
        notice: {
          tone: "error",
          title: "Choose a time",
          text: "Pick one of the free times below, then confirm.",
        },
        shortMinor: null,
      }, false);
    }
    const { zone } = viewerZone(fields.zone, user.timeZone);
    const meta = requestMeta(ctx);
    try {
      const outcome = await bookSession(
        ctx.state.kv,
        { id: user.id, timeZone: zone, email: user.email },
        {
          offeringId: fields.offeringId,
          expertId,
          start: fields.start,
          note: fields.note.trim() || undefined,
          recordingConsent: fields.recordingConsent === "1" || undefined,
          hold: fields.hold === "1" || undefined,
          packageId: fields.packageId || undefined,
        },
        {
          payments: ctx.state.providers.payments,
          baseUrl: meta.baseUrl,
          meta,
        },
      );
      if ("booking" in outcome) {
        return seeOther(`/bookings/${outcome.booking.id}?booked=1`);
      }
      return seeOther(outcome.checkoutUrl);
    } catch (error) {
      const refusal = bookingRefusal(error);
      if (error instanceof BookingFundsError) {
        return rerender(402, {
          notice: {
            tone: "info",
            title: "Your wallet is short for this session",
            text: `You need ${
              money(error.shortMinor, error.currency)
            } more. We can hold this time for you for 10 minutes while you pay the difference.`,
          },
          shortMinor: error.shortMinor,
        }, true);
      }
      return rerender(refusal.status, {
        notice: {
          tone: "error",
          title: refusal.taken ? "That time is no longer free" : "Not booked",
          text: refusal.message,
        },
        shortMinor: null,
        noteError: refusal.errors.note,
      }, !refusal.taken);
    }
  },
});

/** Buys a package of the chosen session type, then back to booking with it. */
async function buy(
  ctx: FreshContext<AppState>,
  fields: Record<typeof FIELDS[number], string>,
  rerender: (
    status: number,
    extra: Pick<BookData, "notice" | "shortMinor" | "noteError">,
    keepStart: boolean,
  ) => Promise<Response>,
): Promise<Response> {
  const user = requireUser(ctx.state);
  const expertId = ctx.params.expertId;
  try {
    await buyPackage(ctx.state.kv, user.id, {
      offeringId: fields.offeringId,
      optionId: fields.optionId,
      expertId,
    });
    return seeOther(
      `/book/${encodeURIComponent(expertId)}?offering=${
        encodeURIComponent(fields.offeringId)
      }&bought=1#packages-heading`,
    );
  } catch (error) {
    if (error instanceof PackageFundsError) {
      return await rerender(402, {
        notice: {
          tone: "info",
          title: "Your wallet is short for this package",
          text: `You need ${
            money(error.shortMinor, error.currency)
          } more. Add credits to your wallet, then buy the package.`,
          link: { href: "/dashboard/wallet#buy", label: "Add credits" },
        },
        shortMinor: null,
      }, false);
    }
    const refusal = bookingRefusal(error);
    return await rerender(refusal.status, {
      notice: {
        tone: "error",
        title: "Package not bought",
        text: refusal.message,
      },
      shortMinor: null,
    }, false);
  }
}

function OfferingChoice(
  { expertId, offerings, current }: {
    expertId: string;
    offerings: LoadedOffering[];
    current: LoadedOffering;
  },
) {
  return (
    <nav aria-labelledby="kinds-heading">
      <h2 id="kinds-heading" class="text-lg font-semibold text-slate-900">
        1. Choose a session
      </h2>
      <ul class="mt-3 grid gap-3 sm:grid-cols-2">
        {offerings.map((offering) => {
          const isCurrent = offering.id === current.id;
          return (
            <li key={offering.id}>
              <a
                href={`/book/${encodeURIComponent(expertId)}?offering=${
                  encodeURIComponent(offering.id)
                }`}
                aria-current={isCurrent ? "true" : undefined}
                class={`block rounded-lg border p-4 ${
                  isCurrent
                    ? "border-brand-700 bg-brand-50 ring-1 ring-brand-700"
                    : "border-slate-300 bg-white hover:bg-slate-50"
                }`}
              >
                <span class="block font-semibold text-slate-900">
                  {offering.title}
                </span>
                <span class="block text-sm text-slate-700">
                  {offering.durationMinutes} minutes ·{" "}
                  {money(offering.priceMinor, offering.currency)}
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

export default define.page<typeof handler>(function BookPage(
  { data, state, url },
) {
  const { expert, offering, widget, settings, notice } = data;
  const title = `Book ${expert.name}`;
  return (
    <>
      <PrivatePageSeo
        title={title}
        siteUrl={state.siteUrl}
        path={url.pathname}
      />
      <Container width="narrow" class="space-y-8 py-8 sm:py-12">
        <div>
          <p class="text-sm">
            <a
              href={`/experts/${encodeURIComponent(expert.id)}`}
              class="font-medium text-brand-800 underline"
            >
              Back to {expert.name}'s profile
            </a>
          </p>
          <h1 class="mt-2 text-3xl font-bold tracking-tight break-words text-slate-900">
            {title}
          </h1>
          <p class="mt-1 text-slate-700">
            {expert.name} works in {zoneLabel(expert.timeZone)}{" "}
            time. Times below are shown in your time zone.
          </p>
        </div>
        {notice && (
          <Notice tone={notice.tone} title={notice.title}>
            {notice.text}
            {notice.link && (
              <>
                {" "}
                <a
                  href={notice.link.href}
                  class="font-medium underline"
                >
                  {notice.link.label}
                </a>
              </>
            )}
          </Notice>
        )}
        {!offering || !widget
          ? (
            <Notice title="Nothing to book yet">
              {expert.name} has no sessions to book at the moment.
            </Notice>
          )
          : (
            <>
              <OfferingChoice
                expertId={expert.id}
                offerings={data.offerings}
                current={offering}
              />
              <PackageOffer
                offering={offering}
                credits={data.credits}
                action={url.pathname}
              />
              <form
                method="post"
                action={url.pathname}
                class="space-y-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
                aria-labelledby="time-heading"
              >
                <input type="hidden" name="offeringId" value={offering.id} />
                <h2
                  id="time-heading"
                  class="text-lg font-semibold text-slate-900"
                >
                  2. Choose a time
                </h2>
                <BookingWidget {...widget} />
                <TextAreaField
                  name="note"
                  label={`A note for ${expert.name}`}
                  hint="What would you like to cover? Only the expert sees it."
                  value={data.note}
                  rows={3}
                  maxLength={MAX_NOTE_LENGTH}
                  error={data.noteError}
                />
                {offering.recordingOffered && (
                  <div>
                    <Checkbox
                      id="recording-consent"
                      name="recordingConsent"
                      value="1"
                      checked={data.recordingConsent}
                      label={`${expert.name} offers to record this session, so you can both watch it again. I agree that it may be recorded.`}
                    />
                    <p class="ml-6 text-sm text-slate-700">
                      Optional. The recording is shown only to the two of you
                      and deleted after {settings.recordingRetentionDays} days.
                    </p>
                  </div>
                )}
                <ConfirmBooking
                  offering={offering}
                  credits={data.credits}
                  balanceMinor={data.balanceMinor}
                  shortMinor={data.shortMinor}
                  settings={settings}
                />
              </form>
            </>
          )}
      </Container>
    </>
  );
});

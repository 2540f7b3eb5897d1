/**
 * The expert's busy calendars: calendars they keep elsewhere (Google,
 * Outlook, Apple), linked by their secret iCal address, whose busy times
 * keep learners from booking those hours. Each shows whether it works and
 * what went wrong in plain words; it can be refreshed (at most every 15
 * minutes) or removed. A rejected address comes back with the message
 * beside the field. Works without JavaScript: every button is a form.
 */
import { define } from "@/web/define.ts";
import { requireUser } from "@/web/user.ts";
import { firstErrors, readFields, readForm } from "@/web/forms.ts";
import { seeOther } from "@/web/navigation.ts";
import type { AppState } from "@/state.ts";
import { Card } from "@/components/account/HomeShell.tsx";
import { Notice } from "@/components/Notice.tsx";
import {
  AddCalendarForm,
  type AddForm,
  CalendarList,
} from "@/components/calendars/CalendarViews.tsx";
import {
  addCalendar,
  type CalendarOverview,
  calendarOverview,
  MAX_CALENDARS_PER_EXPERT,
  refreshCalendarNow,
  RefreshTooSoonError,
  removeCalendar,
} from "@/services/calendars/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";

interface CalendarsData {
  calendars: CalendarOverview[];
  zone: string;
  nowMs: number;
  form: AddForm;
  notice: { tone: "success" | "error"; text: string } | null;
}

/** What each `?done=` after a redirect says. */
const DONE: Record<string, string> = {
  added: "Calendar added. Its busy times now block your slots.",
  refreshed: "Calendar read again.",
  removed: "Calendar removed. Its busy times no longer block your slots.",
};

const EMPTY_FORM: AddForm = { url: "", name: "", errors: {} };

async function load(
  state: AppState,
  form: AddForm,
  notice: CalendarsData["notice"],
): Promise<CalendarsData> {
  const user = requireUser(state);
  return {
    calendars: await calendarOverview(state.kv, user.id),
    zone: user.timeZone,
    nowMs: clockFor(state.kv).now().getTime(),
    form,
    notice,
  };
}

export const handler = define.handlers<CalendarsData>({
  async GET(_req, ctx) {
    const done = DONE[ctx.url.searchParams.get("done") ?? ""];
    return ctx.render(
      await load(
        ctx.state,
        EMPTY_FORM,
        done ? { tone: "success", text: done } : null,
      ),
    );
  },

  async POST(req, ctx) {
    const user = requireUser(ctx.state);
    const { kv } = ctx.state;
    const fields = readFields(await readForm(req), [
      "action",
      "id",
      "url",
      "name",
    ]);
    const failed = async (status: number, text: string) =>
      ctx.render(
        await load(ctx.state, EMPTY_FORM, { tone: "error", text }),
        { status },
      );
    if (fields.action === "refresh" || fields.action === "remove") {
      try {
        if (fields.action === "refresh") {
          await refreshCalendarNow(kv, user.id, fields.id);
          return seeOther(
            "/expert/availability/calendars?done=refreshed#calendars",
          );
        }
        await removeCalendar(kv, user.id, fields.id);
        return seeOther(
          "/expert/availability/calendars?done=removed#calendars",
        );
      } catch (error) {
        if (error instanceof RefreshTooSoonError) {
          return await failed(429, error.message);
        }
        if (error instanceof NotFoundError) {
          return await failed(
            404,
            "That calendar is no longer linked; it may have been removed already.",
          );
        }
        throw error;
      }
    }
    const form: AddForm = { url: fields.url, name: fields.name, errors: {} };
    try {
      await addCalendar(kv, user.id, {
        url: fields.url,
        name: fields.name || undefined,
      });
    } catch (error) {
      if (error instanceof ValidationError) {
        const errors = firstErrors(error.fieldErrors);
        form.errors = {
          url: errors.url ?? (errors.name ? undefined : error.message),
          name: errors.name,
        };
        return ctx.render(await load(ctx.state, form, null), { status: 400 });
      }
      if (error instanceof ConflictError) {
        form.errors = { url: error.message };
        return ctx.render(await load(ctx.state, form, null), { status: 409 });
      }
      throw error;
    }
    return seeOther("/expert/availability/calendars?done=added#calendars");
  },
});

export default define.page<typeof handler>(function CalendarsPage(
  { data },
) {
  const { calendars, zone, nowMs, form, notice } = data;
  return (
    <>
      <Card id="calendars" title="Busy calendars">
        <p>
          Link the calendars you keep elsewhere, and learners cannot book you
          when they say you are busy. TapTime reads only when you are busy:
          never titles, places or people.
        </p>
        {notice && <Notice tone={notice.tone}>{notice.text}</Notice>}
        <CalendarList calendars={calendars} zone={zone} nowMs={nowMs} />
        <p>
          <a
            href="/expert/availability"
            class="font-medium text-brand-800 underline"
          >
            Back to your availability
          </a>
        </p>
      </Card>
      <Card id="add-calendar" title="Add a calendar">
        <AddCalendarForm
          form={form}
          full={calendars.length >= MAX_CALENDARS_PER_EXPERT}
          max={MAX_CALENDARS_PER_EXPERT}
        />
      </Card>
    </>
  );
});

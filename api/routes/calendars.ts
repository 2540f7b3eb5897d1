/**
 * An expert's external busy calendars: the secret iCal addresses of
 * calendars they keep elsewhere (Google, Outlook, Apple), whose busy times
 * block their slots. The address is a secret: it is accepted here, sealed
 * at rest, and never given back whole (only its host). Every operation acts
 * on the caller's own calendars; another expert's id is simply not found.
 */
import { z } from "zod";
import { owned, role } from "@/auth/policy.ts";
import {
  addCalendar,
  BUSY_COUNT_DAYS,
  calendarInputSchema,
  type CalendarOverview,
  calendarOverview,
  MAX_CALENDARS_PER_EXPERT,
  REFRESH_INTERVAL_MS,
  refreshCalendarNow,
  RefreshTooSoonError,
  removeCalendar,
  STATUS_OK,
} from "@/services/calendars/mod.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import {
  defineRoute,
  errorDoc,
  idParam,
  json,
  jsonBody,
  noContent,
  rateLimited,
} from "@/api/route.ts";

const expert = role("expert");
const ownCalendar = owned(expert, "the calendar is one the caller linked");
const REFRESH_MINUTES = REFRESH_INTERVAL_MS / 60_000;

const calendarSchema = z.object({
  id: z.string(),
  name: z.string().describe("The expert's name for it, or one from its host."),
  host: z.string().describe(
    "The address's host, e.g. calendar.google.com: the address itself is a secret and never returned.",
  ),
  addedAt: z.iso.datetime(),
  lastFetchedAt: z.iso.datetime().nullable().describe(
    "The last fetch attempt, successful or not.",
  ),
  status: z.enum(["ok", "failing"]).describe(
    "failing: the last fetch did not work; its last known busy times still block slots.",
  ),
  message: z.string().describe(
    "The status in plain words: what went wrong and what to do, or that it is up to date.",
  ),
  warning: z.string().nullable().describe(
    "Something worth knowing although the fetch worked (events that could not be read, too many to keep).",
  ),
  upcomingBusyCount: z.number().int().nonnegative().describe(
    `Busy times (overlapping events merged) in the next ${BUSY_COUNT_DAYS} days.`,
  ),
  refreshableAt: z.iso.datetime().describe(
    `When a refresh may be asked for again (at most every ${REFRESH_MINUTES} minutes).`,
  ),
}).meta({ id: "ExternalCalendar" });

type CalendarJson = z.infer<typeof calendarSchema>;

/** The service's view of a calendar as the API shows it. */
function toJson(calendar: CalendarOverview): CalendarJson {
  const ok = calendar.lastStatus === STATUS_OK;
  return {
    id: calendar.id,
    name: calendar.name,
    host: calendar.host,
    addedAt: calendar.createdAt,
    lastFetchedAt: calendar.lastFetchedAt,
    status: ok ? "ok" : "failing",
    message: ok ? "Up to date." : calendar.lastStatus,
    warning: calendar.warning,
    upcomingBusyCount: calendar.upcomingBusyCount,
    refreshableAt: calendar.refreshableAt,
  };
}

const calendarParams = z.object({
  id: idParam("calendar", "A linked calendar's id."),
});
const calendarResponse = z.object({ calendar: calendarSchema });
const noSuchCalendar = errorDoc("The caller has no calendar with this id.");

const listRoute = defineRoute({
  method: "get",
  path: "/expert/calendars",
  operationId: "listMyCalendars",
  summary: "The caller's linked busy calendars, oldest first",
  "x-access": expert,
  responses: {
    200: json(
      "The calendars, each with its status and busy times ahead.",
      z.object({ calendars: z.array(calendarSchema) }),
    ),
  },
});

const addRoute = defineRoute({
  method: "post",
  path: "/expert/calendars",
  operationId: "addMyCalendar",
  summary: "Link a calendar by its secret iCal address",
  description:
    `\`url\` is the calendar's secret address in iCal format (https:// or webcal://). It is fetched at once: an address that is malformed, points into a private network or at this server, or does not answer with a calendar is refused with the reason under \`details.url\`, and nothing is stored. At most ${MAX_CALENDARS_PER_EXPERT} calendars per expert; afterwards each is read again every ${REFRESH_MINUTES} minutes in the background.`,
  "x-access": expert,
  request: {
    body: jsonBody(
      calendarInputSchema.meta({ id: "ExternalCalendarInput" }),
    ),
  },
  responses: {
    201: json("Linked and read.", calendarResponse),
    409: errorDoc(
      `The calendar is already linked, or the caller has ${MAX_CALENDARS_PER_EXPERT} already (error: conflict).`,
    ),
  },
});

const removeRoute = defineRoute({
  method: "delete",
  path: "/expert/calendars/{id}",
  operationId: "removeMyCalendar",
  summary: "Unlink a calendar",
  description:
    "Its address and busy times are deleted; its busy times no longer block slots.",
  "x-access": ownCalendar,
  request: { params: calendarParams },
  responses: {
    204: noContent("Unlinked."),
    404: noSuchCalendar,
  },
});

const refreshRoute = defineRoute({
  method: "post",
  path: "/expert/calendars/{id}/refresh",
  operationId: "refreshMyCalendar",
  summary: "Read a linked calendar again now",
  description:
    `Allowed once ${REFRESH_MINUTES} minutes have passed since its last fetch (\`refreshableAt\`). A calendar that cannot be read answers 200 with \`status: "failing"\` and the reason; its last known busy times still count.`,
  "x-access": ownCalendar,
  request: { params: calendarParams },
  responses: {
    200: json("Read again; the outcome.", calendarResponse),
    404: noSuchCalendar,
    429: rateLimited(
      `Read less than ${REFRESH_MINUTES} minutes ago`,
    ),
  },
});

/** Defines /api/expert/calendars and its per-calendar operations on `api`. */
export function calendarRoutes(api: ApiApp): void {
  api.openapi(listRoute, async (c) => {
    const calendars = await calendarOverview(c.env.kv, currentUser(c).id);
    return c.json({ calendars: calendars.map(toJson) }, 200);
  });

  api.openapi(addRoute, async (c) => {
    const { kv } = c.env;
    const userId = currentUser(c).id;
    const added = await addCalendar(kv, userId, c.req.valid("json"));
    const calendar = (await calendarOverview(kv, userId))
      .find((found) => found.id === added.id);
    return c.json(
      { calendar: toJson(calendar ?? { ...added, upcomingBusyCount: 0 }) },
      201,
    );
  });

  api.openapi(removeRoute, async (c) => {
    await removeCalendar(c.env.kv, currentUser(c).id, c.req.valid("param").id);
    return c.body(null, 204);
  });

  api.openapi(refreshRoute, async (c) => {
    try {
      const calendar = await refreshCalendarNow(
        c.env.kv,
        currentUser(c).id,
        c.req.valid("param").id,
      );
      return c.json({ calendar: toJson(calendar) }, 200);
    } catch (error) {
      if (!(error instanceof RefreshTooSoonError)) throw error;
      c.header("retry-after", String(error.retryAfterSeconds));
      return c.json({ error: "rate_limited", message: error.message }, 429);
    }
  });
}

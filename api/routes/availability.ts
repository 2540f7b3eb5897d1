/**
 * An expert's hours (weekly periods, date overrides, buffers, notice,
 * horizon, daily limit, pause) in their own time zone, and the free slots
 * of a published expert's session offering as UTC instants.
 */
import { z } from "zod";
import { publicAccess, role } from "@/auth/policy.ts";
import {
  availabilityInputSchema,
  getAvailability,
  saveAvailability,
} from "@/services/availability/mod.ts";
import {
  MAX_SLOT_WINDOW_DAYS,
  offeringSlots,
  slotQuerySchema,
} from "@/services/bookings/mod.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc, idParam, json, jsonBody } from "@/api/route.ts";

const expert = role("expert");

const availability = availabilityInputSchema.meta({ id: "Availability" });
const availabilityResponse = z.object({ availability });

const getRoute = defineRoute({
  method: "get",
  path: "/expert/availability",
  operationId: "getMyAvailability",
  summary: "The caller's availability",
  description:
    "Weekly periods per weekday (`HH:MM` on the expert's clock; an end before the start crosses midnight), date overrides (`intervals: []` is a day off), buffers, minimum notice, booking horizon, daily limit and the pause switch, all in `timeZone`. An expert who never saved any gets Monday to Friday 09:00–17:00, paused.",
  "x-access": expert,
  responses: {
    200: json(
      "The availability as stored (or the default).",
      availabilityResponse,
    ),
  },
});

const putRoute = defineRoute({
  method: "put",
  path: "/expert/availability",
  operationId: "putMyAvailability",
  summary: "Replace the caller's availability",
  description:
    "Fields other than `timeZone` and `weekly` may be left out (they take their defaults). Overlapping periods, an unknown zone or a time not on a 24-hour clock are refused with a message per field. Overrides for dates before yesterday are dropped.",
  "x-access": expert,
  request: { body: jsonBody(availability) },
  responses: {
    200: json("The availability as saved.", availabilityResponse),
  },
});

const slotsRoute = defineRoute({
  method: "get",
  path: "/experts/{id}/slots",
  operationId: "listExpertSlots",
  summary: "Free session times of a published expert's offering",
  description:
    `Starts in [from, to) (ISO instants, at most ${MAX_SLOT_WINDOW_DAYS} days apart) when a session of the offering can be booked now: within the expert's hours, on their 15-minute grid, past the notice, inside the horizon and the daily limit, clear of other bookings with their buffers and of the expert's linked calendars. Times are UTC; \`timeZone\` is the expert's.`,
  "x-access": publicAccess,
  request: {
    params: z.object({ id: idParam("expert", "The expert's id.") }),
    query: slotQuerySchema,
  },
  responses: {
    200: json(
      "The expert's zone and the free slots, in time order.",
      z.object({
        timeZone: z.string(),
        slots: z.array(
          z.object({ start: z.iso.datetime(), end: z.iso.datetime() }).meta({
            id: "Slot",
          }),
        ),
      }),
    ),
    404: errorDoc("No published expert has this id."),
  },
});

/** Defines /api/expert/availability and /api/experts/{id}/slots on `api`. */
export function availabilityRoutes(api: ApiApp): void {
  api.openapi(getRoute, async (c) => {
    const found = await getAvailability(c.env.kv, currentUser(c).id);
    return c.json({ availability: found }, 200);
  });

  api.openapi(putRoute, async (c) => {
    const saved = await saveAvailability(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json"),
    );
    return c.json({ availability: saved.availability }, 200);
  });

  api.openapi(slotsRoute, async (c) => {
    const found = await offeringSlots(
      c.env.kv,
      c.req.valid("param").id,
      c.req.valid("query"),
    );
    return c.json(found, 200);
  });
}

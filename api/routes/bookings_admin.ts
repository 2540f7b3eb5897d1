/**
 * Bookings for admins: every booking with filters (the disputes queue is
 * `status=disputed`), one booking with its history, and the decision on a
 * disputed one.
 */
import { z } from "zod";
import { adminWithTwoFactor } from "@/auth/policy.ts";
import {
  adminListBookings,
  adminQuerySchema,
  bookingEventSchema,
  getBookingFor,
  listBookingEvents,
  resolutionRequestSchema,
  resolveDispute,
} from "@/services/bookings/mod.ts";
import { pageQuerySchema } from "@/services/platform/model.ts";
import {
  booking,
  bookingResponse,
  bookingsPage,
} from "@/api/booking_schemas.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc, idParam, json, jsonBody } from "@/api/route.ts";

const admin = adminWithTwoFactor;
const bookingParams = z.object({
  id: idParam("booking", "The booking's id."),
});

const listRoute = defineRoute({
  method: "get",
  path: "/admin/bookings",
  operationId: "adminListBookings",
  summary: "Bookings, filtered by status, expert, learner and start time",
  description:
    "With an expert or a learner: their sessions in start order within from–to. Without one but with from or to: every session in start order within them. Otherwise the newest bookings first. `status=disputed` is the disputes queue.",
  "x-access": admin,
  request: {
    query: z.object({ ...adminQuerySchema.shape, ...pageQuerySchema.shape }),
  },
  responses: { 200: json("One page of bookings.", bookingsPage) },
});

const getRoute = defineRoute({
  method: "get",
  path: "/admin/bookings/{id}",
  operationId: "adminGetBooking",
  summary: "One booking with its history",
  "x-access": admin,
  request: { params: bookingParams },
  responses: {
    200: json(
      "The booking and who did what to it, oldest first.",
      z.object({ booking, events: z.array(bookingEventSchema) }),
    ),
    404: errorDoc("No booking has this id."),
  },
});

const resolveRoute = defineRoute({
  method: "post",
  path: "/admin/bookings/{id}/resolve",
  operationId: "adminResolveDispute",
  summary: "Decide a disputed booking: refund, release or split",
  description:
    "`refund` returns the whole price to the learner's wallet; `release` pays the expert (less the commission the booking recorded); `split` returns `learnerMinor` and pays the expert the rest less commission. The note and the admin are kept in the booking's history.",
  "x-access": admin,
  request: { params: bookingParams, body: jsonBody(resolutionRequestSchema) },
  responses: {
    200: json("The booking, completed with the decision.", bookingResponse),
    404: errorDoc("No booking has this id."),
    409: errorDoc("The booking is not disputed (error: conflict)."),
  },
});

/** Defines /api/admin/bookings* on `api`. */
export function bookingAdminRoutes(api: ApiApp): void {
  api.openapi(listRoute, async (c) => {
    const page = await adminListBookings(c.env.kv, c.req.valid("query"));
    return c.json({ bookings: page.items, nextCursor: page.nextCursor }, 200);
  });

  api.openapi(getRoute, async (c) => {
    const { id } = c.req.valid("param");
    const { booking } = await getBookingFor(c.env.kv, currentUser(c), id);
    return c.json(
      { booking, events: await listBookingEvents(c.env.kv, id) },
      200,
    );
  });

  api.openapi(resolveRoute, async (c) => {
    const resolved = await resolveDispute(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
      c.req.valid("json"),
      c.env.meta,
    );
    return c.json({ booking: resolved }, 200);
  });
}

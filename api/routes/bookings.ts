/**
 * Bookings for their two parties: book a session paid from the wallet (or
 * hold the time while paying the difference), list one's sessions, see one,
 * cancel or move it per the policy, report a problem after it. Every
 * booking id is checked against the caller: someone else's booking is
 * simply not found (404). Each person also has a private calendar feed of
 * their sessions (/api/calendar-feed: see its address once when made,
 * replace or revoke it).
 */
import { z } from "zod";
import { owned, role, signedIn } from "@/auth/policy.ts";
import {
  bookingRequestSchema,
  bookSession,
  cancelBooking,
  cancelRequestSchema,
  confirmHold,
  createCalendarFeed,
  disputeBooking,
  disputeRequestSchema,
  getBookingFor,
  getCalendarFeedStatus,
  getOwnHold,
  listBookings,
  listQuerySchema,
  rescheduleBooking,
  rescheduleRequestSchema,
  revokeCalendarFeed,
} from "@/services/bookings/mod.ts";
import { pageQuerySchema } from "@/services/platform/model.ts";
import {
  actionsSchema,
  booking,
  bookingResponse,
  bookingsPage,
  hold,
  insufficientFunds,
  slotTaken,
  unbookable,
} from "@/api/booking_schemas.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { defineRoute, errorDoc, idParam, json, jsonBody } from "@/api/route.ts";

const learner = role("learner");
const party = owned(
  signedIn,
  "the caller is the booking's learner or expert (admins may read)",
);
const ownLearnerBooking = owned(learner, "the caller is the booking's learner");
const ownHold = owned(learner, "the hold is the caller's");
const bookingParams = z.object({
  id: idParam("booking", "The booking's id."),
});
const holdParams = z.object({ id: idParam("hold", "The hold's id.") });
const noSuchBooking = errorDoc("The caller has no booking with this id.");

const bookRoute = defineRoute({
  method: "post",
  path: "/bookings",
  operationId: "bookSession",
  summary: "Book a session, paid from the wallet or with a package credit",
  description:
    "Claims the expert's time (the session and its buffers), the learner's time and a place in the expert's day, and moves the price from the wallet into escrow, all in one atomic commit: two learners racing for one slot get one booking and one 409. With `packageId` the same commit takes one credit of the caller's package instead (its value becomes the booking's price; the wallet is not touched); a package with no credit left answers 409 conflict. Pass `expertId` when known (it saves a look-up). With `hold: true` a short wallet holds the time for 10 minutes and answers 402 with a checkout for the difference; returning from it to /bookings/{id} (or `POST /api/bookings/holds/{id}/confirm`) makes the booking, and a background job does so within a minute anyway.",
  "x-access": learner,
  request: { body: jsonBody(bookingRequestSchema) },
  responses: {
    201: json("The confirmed booking.", bookingResponse),
    400: unbookable,
    402: insufficientFunds,
    409: slotTaken,
    429: errorDoc(
      "With `hold`: too many top-ups this hour (error: rate_limited); the hold was released.",
    ),
    502: errorDoc(
      "With `hold`: the payment processor did not answer (error: payment_unavailable); the hold was released.",
    ),
  },
});

const listRoute = defineRoute({
  method: "get",
  path: "/bookings",
  operationId: "listBookings",
  summary:
    "The caller's sessions: upcoming soonest first, or past latest first",
  "x-access": signedIn,
  request: {
    query: z.object({ ...listQuerySchema.shape, ...pageQuerySchema.shape }),
  },
  responses: { 200: json("One page of bookings, every status.", bookingsPage) },
});

const getRoute = defineRoute({
  method: "get",
  path: "/bookings/{id}",
  operationId: "getBooking",
  summary: "One booking, with what the caller may do with it now",
  "x-access": party,
  request: { params: bookingParams },
  responses: {
    200: json(
      "The booking; `actions` applies the policy in force to the caller.",
      z.object({ booking, actions: actionsSchema }),
    ),
    404: noSuchBooking,
  },
});

const cancelRoute = defineRoute({
  method: "post",
  path: "/bookings/{id}/cancel",
  operationId: "cancelBooking",
  summary: "Cancel a booking per the policy",
  description:
    "A session booked with a package credit follows the same rules on the credit's value, and a full refund gives the credit back to the package (`cancellation.refundedTo`). The learner gets everything back when cancelling at least 24 hours ahead, half within 24 hours (the other half goes to the expert), nothing after the start. An expert's cancellation always refunds in full and counts on the expert's record. The time is freed on both calendars.",
  "x-access": party,
  request: { params: bookingParams, body: jsonBody(cancelRequestSchema) },
  responses: {
    200: json(
      "The cancelled booking and what went back to the learner's wallet.",
      z.object({ booking, refundMinor: z.number().int().nonnegative() }),
    ),
    404: noSuchBooking,
    409: errorDoc(
      "Not confirmed (already cancelled or completed), or the session has ended (error: conflict).",
    ),
  },
});

const rescheduleRoute = defineRoute({
  method: "post",
  path: "/bookings/{id}/reschedule",
  operationId: "rescheduleBooking",
  summary: "Move a booking to another free time",
  description:
    "Either side, until 24 hours before the start, at most twice. The new time is claimed and the old one freed in one atomic commit; the booking keeps its id and its payment.",
  "x-access": party,
  request: { params: bookingParams, body: jsonBody(rescheduleRequestSchema) },
  responses: {
    200: json("The booking at its new time.", bookingResponse),
    400: unbookable,
    404: noSuchBooking,
    409: errorDoc(
      "The new time is taken (slot_unavailable, learner_busy), or the policy does not allow a move now (conflict).",
    ),
  },
});

const disputeRoute = defineRoute({
  method: "post",
  path: "/bookings/{id}/dispute",
  operationId: "disputeBooking",
  summary: "Report a problem with a completed session",
  description:
    "Within the dispute window after the session (24 hours by default) the learner may report a problem: the expert's earnings stay pending until an admin decides.",
  "x-access": ownLearnerBooking,
  request: { params: bookingParams, body: jsonBody(disputeRequestSchema) },
  responses: {
    200: json("The booking, now disputed.", bookingResponse),
    404: noSuchBooking,
    409: errorDoc(
      "Not completed yet, already reported, or past the window (error: conflict).",
    ),
  },
});

const holdRoute = defineRoute({
  method: "get",
  path: "/bookings/holds/{id}",
  operationId: "getHold",
  summary: "A hold on a time while its top-up is paid",
  "x-access": ownHold,
  request: { params: holdParams },
  responses: {
    200: json(
      "open (waiting for the payment), converted (the booking has the hold's id) or lapsed (`lapsedReason` says why; credits bought stay in the wallet).",
      z.object({ hold }),
    ),
    404: errorDoc("The caller has no hold with this id."),
  },
});

const confirmRoute = defineRoute({
  method: "post",
  path: "/bookings/holds/{id}/confirm",
  operationId: "confirmHold",
  summary: "Turn a paid hold into the booking",
  description:
    "Call on return from checkout. The booking is made if the wallet now covers the price (the payment arrived while the hold lived); a hold still waiting for its payment is answered 202.",
  "x-access": ownHold,
  request: { params: holdParams },
  responses: {
    201: json("The booking (it has the hold's id).", bookingResponse),
    202: json("Still waiting for the payment.", z.object({ hold })),
    404: errorDoc("The caller has no hold with this id."),
    409: errorDoc(
      "The time was lost (error: hold_lapsed): the hold expired unpaid or the time was taken. Credits bought stay in the wallet.",
    ),
  },
});

const feedStatus = z.object({
  active: z.boolean().describe("Whether the caller has a live feed address."),
  createdAt: z.iso.datetime().nullable().describe(
    "When the live address was made.",
  ),
}).meta({ id: "CalendarFeedStatus" });

const feedStatusRoute = defineRoute({
  method: "get",
  path: "/calendar-feed",
  operationId: "getCalendarFeed",
  summary: "Whether the caller has a private calendar feed",
  description:
    "The address itself is shown only when made (only its hash is kept); make a new one to see it again.",
  "x-access": signedIn,
  responses: { 200: json("The feed's state.", feedStatus) },
});

const feedCreateRoute = defineRoute({
  method: "post",
  path: "/calendar-feed",
  operationId: "createCalendarFeed",
  summary: "Make a new private calendar feed address",
  description:
    "Answers the secret address of an iCalendar feed of the caller's sessions (as learner and as expert) for calendar apps to subscribe to. Any earlier address stops working.",
  "x-access": signedIn,
  responses: {
    201: json(
      "The new address; keep it private, it is shown only now.",
      z.object({
        url: z.url().describe("The feed: /calendar/{token}.ics on this site."),
        createdAt: z.iso.datetime(),
      }),
    ),
  },
});

const feedRevokeRoute = defineRoute({
  method: "delete",
  path: "/calendar-feed",
  operationId: "revokeCalendarFeed",
  summary: "Revoke the private calendar feed address",
  "x-access": signedIn,
  responses: {
    200: json(
      "The feed's state (inactive); `revoked` says whether there was one.",
      feedStatus.extend({ revoked: z.boolean() }),
    ),
  },
});

/** Defines /api/bookings* and /api/calendar-feed on `api`. */
export function bookingRoutes(api: ApiApp): void {
  api.openapi(bookRoute, async (c) => {
    const user = currentUser(c);
    const outcome = await bookSession(
      c.env.kv,
      { id: user.id, timeZone: user.timeZone, email: user.email },
      c.req.valid("json"),
      {
        payments: c.env.state.providers.payments,
        baseUrl: c.env.meta.baseUrl,
        meta: c.env.meta,
      },
    );
    if ("booking" in outcome) return c.json({ booking: outcome.booking }, 201);
    return c.json({
      error: "insufficient_funds",
      message:
        "Your wallet is short for this session. The time is held for 10 minutes: pay the difference at checkout to confirm it.",
      details: {
        shortMinor: [String(outcome.shortMinor)],
        currency: [outcome.currency],
      },
      checkoutUrl: outcome.checkoutUrl,
      holdId: outcome.hold.id,
    }, 402);
  });

  api.openapi(listRoute, async (c) => {
    const user = currentUser(c);
    const query = c.req.valid("query");
    const page = await listBookings(c.env.kv, user.id, {
      ...query,
      as: query.as ?? (user.role === "expert" ? "expert" : "learner"),
    });
    return c.json({ bookings: page.items, nextCursor: page.nextCursor }, 200);
  });

  api.openapi(getRoute, async (c) => {
    const user = currentUser(c);
    // Admin tools need two-factor authentication; so does reading others' bookings.
    const viewer = user.role === "admin" && !user.twoFactorEnabled
      ? { id: user.id, role: "learner" as const }
      : user;
    const found = await getBookingFor(
      c.env.kv,
      viewer,
      c.req.valid("param").id,
    );
    return c.json(found, 200);
  });

  api.openapi(cancelRoute, async (c) => {
    const result = await cancelBooking(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json(result, 200);
  });

  api.openapi(rescheduleRoute, async (c) => {
    const moved = await rescheduleBooking(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ booking: moved }, 200);
  });

  api.openapi(disputeRoute, async (c) => {
    const disputed = await disputeBooking(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
      c.req.valid("json"),
    );
    return c.json({ booking: disputed }, 200);
  });

  api.openapi(holdRoute, async (c) => {
    const found = await getOwnHold(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
    );
    return c.json({ hold: found }, 200);
  });

  api.openapi(confirmRoute, async (c) => {
    const outcome = await confirmHold(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
    );
    return outcome.status === "converted"
      ? c.json({ booking: outcome.booking }, 201)
      : c.json({ hold: outcome.hold }, 202);
  });

  api.openapi(feedStatusRoute, async (c) => {
    const status = await getCalendarFeedStatus(c.env.kv, currentUser(c).id);
    return c.json(status, 200);
  });

  api.openapi(feedCreateRoute, async (c) => {
    const made = await createCalendarFeed(c.env.kv, currentUser(c).id);
    return c.json({
      url: `${c.env.meta.baseUrl}/calendar/${made.token}.ics`,
      createdAt: made.createdAt,
    }, 201);
  });

  api.openapi(feedRevokeRoute, async (c) => {
    const userId = currentUser(c).id;
    const revoked = await revokeCalendarFeed(c.env.kv, userId);
    const status = await getCalendarFeedStatus(c.env.kv, userId);
    return c.json({ ...status, revoked }, 200);
  });
}

/**
 * Objects the authorization walk (tests/authorization_test.ts) makes for an
 * owner, one factory per per-object API operation: each returns the id of
 * something that belongs to `owner`, so the walk can check that the owner
 * reaches it and an unrelated user of the same role does not.
 */
import type { Client } from "./auth.ts";
import {
  bookableExpert,
  bookingOf,
  daysAhead,
  fundLearner,
} from "./bookings.ts";
import { completedBookingOf, reviewOf } from "./reviews.ts";
import { pdfFile } from "./files.ts";
import { addCalendar } from "@/services/calendars/mod.ts";
import { icsCalendar, icsResponse, serveCalendars } from "./calendars.ts";
import { conversationOf } from "./messaging.ts";

/**
 * For each per-object operation: the id of an object that belongs to
 * `owner`. A rule with `owner` but no entry here fails the walk.
 */
export const OWNED_OBJECTS: Record<string, (owner: Client) => Promise<string>> =
  {
    "DELETE /api/auth/sessions/:id": async (owner) => {
      const { body } = await owner.api("GET", "/api/auth/sessions");
      return body.sessions.find((session: { current?: boolean }) =>
        session.current
      ).id;
    },
    "GET /api/expert/application/documents/:id": uploadDocument,
    "DELETE /api/expert/application/documents/:id": uploadDocument,
    "PATCH /api/expert/offerings/:id": createOffering,
    "DELETE /api/expert/offerings/:id": createOffering,
    "GET /api/wallet/top-ups/:id": startTopUp,
    "POST /api/wallet/top-ups/:id/refund": startTopUp,
    "GET /api/bookings/:id": booking,
    "POST /api/bookings/:id/cancel": booking,
    "POST /api/bookings/:id/reschedule": booking,
    "POST /api/bookings/:id/dispute": booking,
    "POST /api/bookings/:id/call": booking,
    "POST /api/bookings/:id/call/heartbeat": booking,
    "POST /api/bookings/:id/call/leave": booking,
    "POST /api/bookings/:id/call/signal": existingBooking,
    "GET /api/bookings/:id/attendance": booking,
    "GET /api/bookings/:id/recordings": existingBooking,
    "POST /api/bookings/:id/recordings": existingBooking,
    "POST /api/bookings/:id/recordings/:recordingId/chunks/:n": existingBooking,
    "POST /api/bookings/:id/recordings/:recordingId/finish": existingBooking,
    "GET /api/bookings/holds/:id": holdTime,
    "POST /api/bookings/holds/:id/confirm": holdTime,
    "POST /api/packages/:id/cancel": buyPackage,
    "DELETE /api/expert/calendars/:id": linkCalendar,
    "POST /api/expert/calendars/:id/refresh": linkCalendar,
    "GET /api/conversations/:id": conversation,
    "GET /api/conversations/:id/messages": conversation,
    "POST /api/conversations/:id/messages": conversation,
    "PATCH /api/conversations/:id/messages/:messageId": conversation,
    "DELETE /api/conversations/:id/messages/:messageId": conversation,
    "POST /api/conversations/:id/read": conversation,
    "POST /api/conversations/:id/typing": conversation,
    "PUT /api/conversations/:id/block": conversation,
    "DELETE /api/conversations/:id/block": conversation,
    "GET /api/bookings/:id/review": heldSession,
    "POST /api/bookings/:id/review": heldSession,
    "PATCH /api/reviews/:id": ownReview,
    "POST /api/reviews/:id/reply": ownReview,
    "GET /api/bookings/:id/notes": heldSession,
    "PUT /api/bookings/:id/notes": heldSession,
    "GET /api/conversations/:id/messages/:messageId/file": conversation,
    "POST /api/conversations/:id/messages/:messageId/report": conversation,
  };

/** A completed session the owner is a party of; returns its booking id. */
async function heldSession(owner: Client): Promise<string> {
  return (await completedBookingOf(owner.app.kv, owner.user!)).id;
}

/** A review the owner wrote, or (an expert) of the owner's session; returns its id. */
async function ownReview(owner: Client): Promise<string> {
  return (await reviewOf(owner.app.kv, owner.user!)).id;
}

/** A package of sessions the owner bought; returns its id. */
async function buyPackage(owner: Client): Promise<string> {
  const { offering } = await bookableExpert(owner.app.kv, {
    offering: { packageOptions: [{ sessions: 2, priceMinor: 10000 }] },
  });
  await fundLearner(owner.app.kv, owner.user!.id, 10000);
  const { status, body } = await owner.api("POST", "/api/packages", {
    offeringId: offering.id,
    optionId: offering.packageOptions![0].id,
    expertId: offering.expertId,
  });
  if (status !== 201) {
    throw new Error(`package failed: ${JSON.stringify(body)}`);
  }
  return body.package.id;
}

/** A busy calendar the owner (an expert) linked; returns its id. */
async function linkCalendar(owner: Client): Promise<string> {
  await using server = serveCalendars(() => icsResponse(icsCalendar()));
  const calendar = await addCalendar(owner.app.kv, owner.user!.id, {
    url: server.url(`/walk-${calendars++}.ics`),
  }, { allowLoopback: true });
  return calendar.id;
}
let calendars = 0;

/** A conversation the owner is a party of; returns its id. */
function conversation(owner: Client): Promise<string> {
  return conversationOf(owner.app.kv, owner.user!);
}

/** A confirmed booking the owner is a party of; returns its id. */
function booking(owner: Client): Promise<string> {
  return bookingOf(owner.app.kv, owner.user!);
}

/**
 * One of the owner's bookings, made only if they have none: the booking
 * fixtures of tests/support/bookings.ts and messaging.ts count days apart,
 * so each extra booking could land on a day the other fixture takes.
 */
async function existingBooking(owner: Client): Promise<string> {
  const { body } = await owner.api("GET", "/api/bookings");
  return body.bookings?.[0]?.id ?? await booking(owner);
}

/** A time the owner (a learner with no credits for it) holds; returns the hold's id. */
async function holdTime(owner: Client): Promise<string> {
  const { offering } = await bookableExpert(owner.app.kv, {
    offering: { priceMinor: 9000 },
  });
  const { status, body } = await owner.api("POST", "/api/bookings", {
    offeringId: offering.id,
    expertId: offering.expertId,
    start: daysAhead(new Date(), 40 + holds++),
    hold: true,
  });
  if (status !== 402 || !body.holdId) {
    throw new Error(`hold failed: ${JSON.stringify(body)}`);
  }
  return body.holdId;
}
let holds = 0;

/** A pending top-up of the owner's; returns its id. */
async function startTopUp(owner: Client): Promise<string> {
  const { status, body } = await owner.api("POST", "/api/wallet/top-ups", {
    packId: "usd-50",
  });
  if (status !== 201) {
    throw new Error(`top-up failed: ${JSON.stringify(body)}`);
  }
  return body.topUp.id;
}

/** A small PDF on the owner's application; returns its document id. */
async function uploadDocument(owner: Client): Promise<string> {
  const form = new FormData();
  form.append("file", pdfFile("walk.pdf"));
  const response = await owner.request("/api/expert/application/documents", {
    method: "POST",
    body: form,
  });
  const body = await response.json();
  if (response.status !== 201) {
    throw new Error(`upload failed: ${JSON.stringify(body)}`);
  }
  return body.document.id;
}

/** One of the owner's offerings; returns its id. */
async function createOffering(owner: Client): Promise<string> {
  const { status, body } = await owner.api("POST", "/api/expert/offerings", {
    kind: "session",
    title: "Walk session",
    durationMinutes: 30,
    priceMinor: 5000,
    currency: "USD",
  });
  if (status !== 201) {
    throw new Error(`offering failed: ${JSON.stringify(body)}`);
  }
  return body.offering.id;
}

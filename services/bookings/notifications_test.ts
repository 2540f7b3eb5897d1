import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  bookableExpert,
  daysAhead,
  fundedLearner,
} from "@/tests/support/bookings.ts";
import { ensureAccount, getUser } from "@/services/auth/mod.ts";
import { listNotifications } from "@/services/notifications/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { emailProvider, listOutbox } from "@/services/platform/email/mod.ts";
import { bindProviders, provide } from "@/services/platform/providers.ts";
import { bookSession, cancelBooking, rescheduleBooking } from "./mod.ts";
import { bookedPair, NOW, parseInvite } from "./testing.ts";

Deno.test("booking emails both sides an invitation in their own time, with calendar links", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  const mail = await listOutbox(kv);
  expect(mail.map((m) => m.subject)).toEqual([
    "Booked: One-hour session",
    "Booked: One-hour session",
  ]);
  const toLearner = mail.find((m) => m.to.startsWith("learner-"))!;
  const toExpert = mail.find((m) => m.to.startsWith("expert-"))!;
  // 09:00 UTC on 6 March is 04:00 in New York and 10:00 in Berlin.
  expect(toLearner.text).toContain("at 04:00 (America/New_York)");
  expect(toExpert.text).toContain("at 10:00 (Europe/Berlin)");
  expect(toLearner.text).toContain(
    "https://calendar.google.com/calendar/render?action=TEMPLATE",
  );
  expect(toLearner.text).toContain("dates=20300306T090000Z%2F20300306T100000Z");
  expect(toExpert.text).toContain("https://outlook.live.com/calendar/");
  for (const message of mail) {
    const invite = parseInvite(message);
    expect(invite).toMatchObject({
      method: "REQUEST",
      uid: `${booking.id}@taptime`,
      sequence: 0,
      start: booking.start,
      end: booking.end,
      status: "CONFIRMED",
    });
    expect(invite.file.contentType).toContain("method=REQUEST");
  }
});

Deno.test("each person is told times in their account's zone, as their pages show them", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  // The expert's hours are set in Berlin; their account reads Tokyo time.
  const { offering, expertId } = await bookableExpert(kv, {
    availability: { timeZone: "Europe/Berlin" },
  });
  await ensureAccount(kv, {
    id: expertId,
    email: "tokyo-expert@example.com",
    password: "lighthouse keeper 42",
    name: "Toki Expert",
    role: "expert",
    timeZone: "Asia/Tokyo",
    source: "test",
  });
  const learner = await fundedLearner(kv, 200_00);
  const outcome = await bookSession(kv, learner, {
    offeringId: offering.id,
    start: daysAhead(NOW, 2, 9),
  });
  if (!("booking" in outcome)) throw new Error("expected a booking");
  const toExpert = (await listOutbox(kv)).find((m) =>
    m.to === "tokyo-expert@example.com"
  )!;
  // 09:00 UTC on 6 March is 18:00 in Tokyo.
  expect(toExpert.text).toContain("at 18:00 (Asia/Tokyo)");
  const [notice] = (await listNotifications(kv, expertId)).items;
  expect(notice.body).toContain("18:00 (Asia/Tokyo)");
});

Deno.test("a move sends a REQUEST with the same UID and a higher SEQUENCE; a cancellation a CANCEL", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const booking = await bookedPair(kv);
  const newStart = daysAhead(NOW, 3, 11);
  await rescheduleBooking(kv, booking.learnerId, booking.id, {
    start: newStart,
  });
  const moved = (await listOutbox(kv)).filter((m) =>
    m.subject.startsWith("Moved")
  );
  expect(moved).toHaveLength(2);
  for (const message of moved) {
    expect(parseInvite(message)).toMatchObject({
      method: "REQUEST",
      uid: `${booking.id}@taptime`,
      sequence: 1,
      start: newStart,
    });
  }
  expect(moved.find((m) => m.to.startsWith("learner-"))!.text).toContain(
    "It was: Wednesday, 6 March 2030 at 04:00 (America/New_York)",
  );
  await cancelBooking(kv, booking.expertId, booking.id, {
    reason: "I am ill.",
  });
  const cancelled = (await listOutbox(kv)).filter((m) =>
    m.subject.startsWith("Cancelled")
  );
  expect(cancelled).toHaveLength(2);
  for (const message of cancelled) {
    expect(parseInvite(message)).toMatchObject({
      method: "CANCEL",
      uid: `${booking.id}@taptime`,
      sequence: 2,
      status: "CANCELLED",
    });
  }
  const toLearner = cancelled.find((m) => m.to.startsWith("learner-"))!;
  expect(toLearner.text).toContain("by Bea Booked");
  expect(toLearner.text).toContain("Their reason: I am ill.");
  expect(toLearner.text).toContain("Refunded to your wallet: $60.00");
});

Deno.test("a failing mail server never undoes or fails the booking change", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  bindProviders(kv, [
    provide(emailProvider, {
      send: () => Promise.reject(new Error("mail server down")),
    }),
  ]);
  const errors = console.error;
  console.error = () => {};
  try {
    const booking = await bookedPair(kv);
    expect(booking.status).toBe("confirmed");
    const { booking: cancelled } = await cancelBooking(
      kv,
      booking.learnerId,
      booking.id,
    );
    expect(cancelled.status).toBe("cancelled");
  } finally {
    console.error = errors;
  }
});

Deno.test("an expert listed without an account is named by their profile, and not written to", async () => {
  using _clock = useFakeClock(NOW);
  using kv = await openTestKv();
  const { offering, expertId } = await bookableExpert(kv, {
    profile: { name: "Nadia Noaccount" },
  });
  const learner = await fundedLearner(kv, 200_00);
  await ensureAccount(kv, {
    id: learner.id,
    email: "lena@example.com",
    password: "lighthouse keeper 42",
    name: "Lena Learner",
    role: "learner",
    timeZone: learner.timeZone,
    source: "test",
  });
  await bookSession(kv, learner, {
    offeringId: offering.id,
    start: daysAhead(NOW, 2, 9),
  });
  const mail = await listOutbox(kv);
  expect(mail.map((m) => m.to)).toEqual(["lena@example.com"]);
  expect(mail[0].text).toContain("with Nadia Noaccount is booked");
  const [notice] = (await listNotifications(kv, learner.id)).items;
  expect(notice.body).toContain("With Nadia Noaccount");
  expect(await getUser(kv, expertId)).toBeNull();
});

/**
 * Booking through the pages over HTTP: a learner with credits books from
 * /book/{expertId}, both sides see it on /bookings, cancelling shows the
 * refund first and pays it; a second learner racing for the same time gets
 * a friendly 409 and keeps their money; a short wallet holds the time,
 * pays the difference at the test checkout and comes back booked.
 */
import { expect } from "expect";
import {
  type AuthTestApp,
  type Client,
  createAuthTestApp,
  signUp,
} from "@/tests/support/auth.ts";
import {
  bookableExpert,
  daysAhead,
  fundLearner,
} from "@/tests/support/bookings.ts";
import { assertBooksBalance } from "@/tests/support/money.ts";
import { getBalance, walletAccount } from "@/services/ledger/mod.ts";
import {
  bookSession,
  getBookingFor,
  offeringSlots,
} from "@/services/bookings/mod.ts";
import { page, postForm } from "./page_helpers.ts";

async function setUp(app: AuthTestApp) {
  const expert = await signUp(app, "expert", { name: "Eva Expert" });
  const { offering } = await bookableExpert(app.kv, {
    id: expert.user!.id,
    profile: { name: "Eva Expert" },
    availability: { timeZone: "Asia/Tokyo" },
  });
  return { expert, offering, expertId: expert.user!.id };
}

async function learnerWith(app: AuthTestApp, credits: number) {
  const learner = await signUp(app, "learner", { name: "Lea Learner" });
  if (credits > 0) await fundLearner(app.kv, learner.user!.id, credits);
  return learner;
}

function wallet(app: AuthTestApp, learner: Client) {
  return getBalance(app.kv, walletAccount(learner.user!.id), "USD");
}

/** The free starts the page offers, in page order. */
function offeredStarts(html: string): string[] {
  return [...html.matchAll(/name="start" value="([^"]+)"/g)].map((m) => m[1]);
}

Deno.test("a learner books from the booking page, both sides see it, and cancelling refunds per the policy", async () => {
  await using app = await createAuthTestApp();
  const { expert, offering, expertId } = await setUp(app);
  const learner = await learnerWith(app, 100_00);

  const shown = await page(learner, `/book/${expertId}`);
  expect(shown.status).toBe(200);
  expect(shown.text).toContain("Book Eva Expert");
  expect(shown.text).toContain("$60.00");
  expect(shown.text).toContain("If plans change");
  expect(shown.text).toContain("50% goes back to your wallet");
  expect(shown.text).toContain("Asia/Tokyo");
  const starts = offeredStarts(shown.text);
  expect(starts.length).toBeGreaterThan(10);
  // The slots start at least two days ahead, so cancelling now is free.
  const start = starts.find((s) =>
    Date.parse(s) > Date.now() + 2 * 86_400_000
  )!;

  const booked = await postForm(learner, `/book/${expertId}`, {
    offeringId: offering.id,
    start,
    note: "Let's talk about pricing.",
    zone: "America/New_York",
  });
  expect(booked.status).toBe(303);
  const location = booked.headers.get("location")!;
  expect(location).toMatch(/^\/bookings\/[^/?]+\?booked=1$/);
  const bookingId = location.split("/")[2].split("?")[0];
  expect(await wallet(app, learner)).toBe(40_00);

  const detail = await page(learner, location);
  expect(detail.status).toBe(200);
  expect(detail.text).toContain("Booked!");
  expect(detail.text).toContain("Let's talk about pricing.");
  expect(detail.text).toContain("Europe/Paris");
  expect(detail.text).toContain("Asia/Tokyo");
  expect(detail.text).toContain("Eva Expert");

  for (const side of [learner, expert]) {
    const list = await page(side, "/bookings");
    expect(list.status).toBe(200);
    expect(list.text).toContain(`href="/bookings/${bookingId}"`);
    expect(list.text).toContain("One-hour session");
  }
  const expertView = await page(expert, `/bookings/${bookingId}`);
  expect(expertView.text).toContain("Lea Learner");
  expect(expertView.text).toContain("Learner's time");

  // A stranger sees nothing.
  const stranger = await learnerWith(app, 0);
  expect((await page(stranger, `/bookings/${bookingId}`)).status).toBe(404);

  // The refund is shown before cancelling, then paid.
  expect(detail.text).toMatch(
    /If you cancel now, \$60\.00 goes back to your wallet \(the full price\)/,
  );
  const cancelled = await postForm(learner, `/bookings/${bookingId}`, {
    action: "cancel",
    reason: "Something came up.",
  });
  expect(cancelled.status).toBe(303);
  expect(await wallet(app, learner)).toBe(100_00);
  const after = await page(learner, cancelled.headers.get("location")!);
  expect(after.text).toContain("The session is cancelled.");
  expect(after.text).toContain("Something came up.");
  // Each side is told in its own words who cancelled and where money went.
  expect(after.text).toContain("By you. $60.00 went back to your wallet.");
  expect((await page(expert, `/bookings/${bookingId}`)).text).toContain(
    "By the learner. $60.00 went back to the learner's wallet.",
  );
  await assertBooksBalance(app.kv);
});

Deno.test("a learner cancelling within a day of the start is shown and given half back", async () => {
  await using app = await createAuthTestApp();
  const { offering, expertId } = await setUp(app);
  const learner = await learnerWith(app, 60_00);
  const soon = new Date(Date.now() + 3 * 3_600_000);
  soon.setUTCMinutes(0, 0, 0);
  const booked = await postForm(learner, `/book/${expertId}`, {
    offeringId: offering.id,
    start: soon.toISOString(),
  });
  expect(booked.status).toBe(303);
  const path = booked.headers.get("location")!.split("?")[0];
  const detail = await page(learner, path);
  expect(detail.text).toContain("If you cancel now, $30.00 goes back");
  expect((await postForm(learner, path, { action: "cancel" })).status).toBe(
    303,
  );
  expect(await wallet(app, learner)).toBe(30_00);
});

Deno.test("a second learner racing for the same time gets a friendly message and fresh times", async () => {
  await using app = await createAuthTestApp();
  const { offering, expertId } = await setUp(app);
  const first = await learnerWith(app, 100_00);
  const second = await learnerWith(app, 100_00);
  const start = daysAhead(new Date(), 3, 9);
  // Both opened the page while the time was free.
  expect(offeredStarts((await page(second, `/book/${expertId}`)).text))
    .toContain(start);
  const [a, b] = await Promise.all([
    postForm(first, `/book/${expertId}`, { offeringId: offering.id, start }),
    postForm(second, `/book/${expertId}`, { offeringId: offering.id, start }),
  ]);
  const statuses = [a.status, b.status].sort();
  expect(statuses).toEqual([303, 409]);
  const loser = a.status === 409 ? a : b;
  const html = await loser.text();
  expect(html).toContain("someone else just booked that time");
  expect(html).toContain("Nothing was charged");
  expect(offeredStarts(html)).not.toContain(start);
  expect(offeredStarts(html).length).toBeGreaterThan(0);
  const balances = [await wallet(app, first), await wallet(app, second)]
    .sort((x, y) => x - y);
  expect(balances).toEqual([40_00, 100_00]);
  await assertBooksBalance(app.kv);
});

Deno.test("a short wallet holds the time, pays the difference at checkout and comes back booked", async () => {
  await using app = await createAuthTestApp();
  const { offering, expertId } = await setUp(app);
  const learner = await learnerWith(app, 10_00);
  const start = daysAhead(new Date(), 4, 11);

  const short = await postForm(learner, `/book/${expertId}`, {
    offeringId: offering.id,
    start,
    note: "Hello",
  });
  expect(short.status).toBe(402);
  const offer = await short.text();
  expect(offer).toContain("Your wallet is short");
  expect(offer).toContain("Hold this time and pay $50.00");
  expect(offer).toContain(`value="${start}" checked`);

  const held = await postForm(learner, `/book/${expertId}`, {
    offeringId: offering.id,
    start,
    note: "Hello",
    hold: "1",
  });
  expect(held.status).toBe(303);
  const checkout = new URL(held.headers.get("location")!, "http://x");
  expect(checkout.pathname).toMatch(/^\/pay\//);

  const paid = await postForm(learner, checkout.pathname, {
    card: "4242 4242 4242 4242",
  });
  expect(paid.status).toBe(303);
  const back = new URL(paid.headers.get("location")!, "http://x");
  expect(back.pathname).toMatch(/^\/bookings\//);
  const holdId = back.pathname.split("/")[2];

  const result = await page(learner, back.pathname + back.search);
  expect(result.status).toBe(200);
  expect(result.text).toContain("Payment received");
  expect(result.text).toContain("Hello");
  const list = await page(learner, "/bookings");
  expect(list.text).toContain(`href="/bookings/${holdId}"`);
  await assertBooksBalance(app.kv);
});

Deno.test("visitors are sent to log in, experts cannot book, unknown experts are not found", async () => {
  await using app = await createAuthTestApp();
  const { expertId, expert } = await setUp(app);
  const visitor = app.client();
  const response = await visitor.request(`/book/${expertId}`);
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe(
    `/login?next=${encodeURIComponent(`/book/${expertId}`)}`,
  );
  expect((await page(expert, `/book/${expertId}`)).status).toBe(403);
  const learner = await learnerWith(app, 0);
  expect((await page(learner, "/book/nobody")).status).toBe(404);
});

Deno.test("a session weeks away is moved within the week around it, or a week later", async () => {
  await using app = await createAuthTestApp();
  const { offering, expertId } = await setUp(app);
  const learner = await learnerWith(app, 100_00);
  const day = 86_400_000;
  const now = Date.now();
  const { slots } = await offeringSlots(app.kv, expertId, {
    offeringId: offering.id,
    from: new Date(now + 20 * day).toISOString(),
    to: new Date(now + 22 * day).toISOString(),
  });
  const start = slots[0].start;
  const outcome = await bookSession(app.kv, learner.user!, {
    offeringId: offering.id,
    start,
  });
  if (!("booking" in outcome)) throw new Error("expected a booking");
  const path = `/bookings/${outcome.booking.id}`;

  // The times offered are those around the session, not this week's.
  const detail = await page(learner, path);
  const around = offeredStarts(detail.text);
  expect(around.length).toBeGreaterThan(0);
  for (const offered of around) {
    expect(Date.parse(offered)).toBeGreaterThanOrEqual(
      Date.parse(start) - 3 * day - 60_000,
    );
    expect(Date.parse(offered)).toBeLessThan(Date.parse(start) + 4 * day);
  }
  expect(detail.text).toContain('href="?move=-1#move"');
  expect(detail.text).toContain('href="?move=1#move"');

  // A week later, and moved there.
  const later = offeredStarts((await page(learner, `${path}?move=1`)).text);
  expect(Date.parse(later[0])).toBeGreaterThanOrEqual(
    Date.parse(start) + 4 * day - 60_000,
  );
  const moved = await postForm(learner, `${path}?move=1`, {
    action: "reschedule",
    start: later[0],
  });
  expect(moved.status).toBe(303);
  const found = await getBookingFor(
    app.kv,
    learner.user!,
    outcome.booking.id,
  );
  expect(found.booking.start).toBe(later[0]);
});

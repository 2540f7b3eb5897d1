/**
 * The expert's home, students and exports over HTTP, from records made by
 * the product's own services: an approved expert, sessions booked, held and
 * completed (which pays the expert through the ledger), a review, profile
 * views, and shared notes written on the booking pages.
 */
import { expect } from "expect";
import { type Client, signUp } from "@/tests/support/auth.ts";
import { createCheckedAuthApp } from "@/tests/api/support.ts";
import {
  approvedExpert,
  heldSession,
  learnerAccount,
  upcomingSession,
} from "@/tests/support/expert_home.ts";
import { page, postForm, visibleText } from "./page_helpers.ts";
import { writeReview } from "@/services/reviews/mod.ts";
import {
  getAvailabilityEntry,
  saveAvailability,
} from "@/services/availability/mod.ts";
import { recordAnalyticsEvent } from "@/services/analytics/mod.ts";
import { parseCsv } from "@/services/platform/csv.ts";
import { MAX_SESSION_NOTE } from "@/services/session_notes/mod.ts";
import type { AuthTestApp } from "@/tests/support/auth.ts";

/** An expert with three held sessions (two with Ada), a review and views. */
async function business(app: AuthTestApp) {
  const expert = await signUp(app, "expert", { name: "Erin Expert" });
  const offering = await approvedExpert(app.kv, expert.user!.id);
  const ada = await signUp(app, "learner", { name: "Ada Learner" });
  const adaId = { id: ada.user!.id, timeZone: "Europe/Paris" };
  // A name a spreadsheet would run as a formula.
  const bob = await learnerAccount(app.kv, "=Bob+Learner");
  const first = await heldSession(app.kv, offering, adaId);
  const second = await heldSession(app.kv, offering, adaId);
  const third = await heldSession(app.kv, offering, bob);
  await writeReview(app.kv, bob.id, third.id, { rating: 4, text: "Clear." });
  const next = await upcomingSession(app.kv, offering, bob);
  for (let i = 0; i < 10; i++) {
    await recordAnalyticsEvent(app.kv, {
      type: "profile_view",
      subjectId: expert.user!.id,
      visitorId: `visitor-${i}-0123456789ab`,
    });
  }
  return { expert, ada, bob, first, second, third, next };
}

Deno.test("the expert's home shows the business from its records", async () => {
  await using app = await createCheckedAuthApp();
  const { expert, next, third } = await business(app);
  const home = await page(expert, "/expert");
  expect(home.status).toBe(200);
  const shown = visibleText(home.text);
  // 3 sessions at 60.00, less 15% commission: 51.00 each.
  const net = third.expertEarningsMinor! / 100;
  expect(net).toBe(51);
  expect(shown).toContain(
    `$${(3 * net).toFixed(2)} earned in USD in 12 months`,
  );
  expect(shown).toContain("3 completed sessions, 3 hours in 12 months");
  expect(shown).toContain("50% returning students: 1 of the 2 learners");
  expect(shown).toContain(
    "10 profile views and 4 bookings made in 12 months: 40% of views became a booking",
  );
  expect(home.text).toContain(`href="/bookings/${next.id}"`);
  expect(home.text).toContain("Average rating per month");
  expect(shown).toContain("Your application");
  expect(home.response.headers.get("cache-control")).toContain("no-store");
});

Deno.test("an approved expert whose bookings are paused is told so, with the way to open them", async () => {
  await using app = await createCheckedAuthApp();
  const expert = await signUp(app, "expert", { name: "Pia Paused" });
  const expertId = expert.user!.id;
  await approvedExpert(app.kv, expertId);
  const { availability } = await getAvailabilityEntry(app.kv, expertId);
  await saveAvailability(app.kv, expertId, { ...availability, paused: true });
  const paused = await page(expert, "/expert");
  expect(visibleText(paused.text)).toContain("Bookings are paused");
  expect(paused.text).toContain('href="/expert/availability"');
  await saveAvailability(app.kv, expertId, { ...availability, paused: false });
  expect(visibleText((await page(expert, "/expert")).text)).not.toContain(
    "Bookings are paused",
  );
});

Deno.test("a new expert's home shows the application only", async () => {
  await using app = await createCheckedAuthApp();
  const expert = await signUp(app, "expert");
  const home = await page(expert, "/expert");
  expect(home.status).toBe(200);
  expect(home.text).toContain("Start your application");
  expect(home.text).not.toContain("Earnings, last 12 months");
});

Deno.test("the student list and a student's history with shared notes", async () => {
  await using app = await createCheckedAuthApp();
  const { expert, ada, bob, first, second, third } = await business(app);
  const list = await page(expert, "/expert/students");
  expect(list.status).toBe(200);
  const shown = visibleText(list.text);
  expect(shown).toContain("Ada Learner Sessions 2 Hours 2");
  expect(shown).toContain("=Bob+Learner Sessions 1 Hours 1");

  const saved = await postForm(expert, `/bookings/${first.id}/notes`, {
    text: "Closures, then https://example.com/closures to practise.",
  });
  expect(saved.status).toBe(303);
  expect(saved.headers.get("location")).toBe(
    `/bookings/${first.id}?done=notes#notes`,
  );

  const history = await page(expert, `/expert/students/${ada.user!.id}`);
  expect(history.status).toBe(200);
  expect(history.text).toContain(`/bookings/${first.id}`);
  expect(history.text).toContain(`/bookings/${second.id}`);
  expect(history.text).not.toContain(`/bookings/${third.id}`);
  expect(history.text).toContain('href="https://example.com/closures"');
  expect((await page(expert, `/expert/students/${bob.id}`)).status).toBe(200);

  // Nobody else's students.
  expect(
    (await page(expert, "/expert/students/01JZZZZZZZZZZZZZZZZZZZZZZZ"))
      .status,
  ).toBe(404);
  const other = await signUp(app, "expert");
  expect((await page(other, `/expert/students/${ada.user!.id}`)).status)
    .toBe(404);
});

Deno.test("shared notes: the expert writes, the learner reads, nobody else", async () => {
  await using app = await createCheckedAuthApp();
  const { expert, ada, first, next } = await business(app);
  const url = `/bookings/${first.id}`;
  const form = await page(expert, url);
  expect(form.text).toContain(`action="/bookings/${first.id}/notes"`);

  const tooLong = await postForm(expert, `${url}/notes`, {
    text: "x".repeat(MAX_SESSION_NOTE + 1),
  });
  expect(tooLong.status).toBe(400);
  expect(await tooLong.text()).toContain(
    `Use at most ${MAX_SESSION_NOTE} characters.`,
  );

  await postForm(expert, `${url}/notes`, {
    text: "Read <this> https://example.com/a.",
  });
  const learnerView = await page(ada, url);
  expect(learnerView.text).toContain("Session notes");
  // Plain text: what looks like markup is shown, not run.
  expect(learnerView.text).toContain("Read &lt;this");
  expect(learnerView.text).not.toContain("<this>");
  expect(learnerView.text).toContain('href="https://example.com/a"');
  expect(learnerView.text).not.toContain(`action="${url}/notes"`);
  expect((await postForm(ada, `${url}/notes`, { text: "Mine" })).status)
    .toBe(403);

  // Not before the session starts.
  const early = await postForm(expert, `/bookings/${next.id}/notes`, {
    text: "Too soon",
  });
  expect(early.status).toBe(409);

  // The API: both parties read; only the expert writes.
  const read = await ada.api("GET", `/api${url}/notes`);
  expect(read.status).toBe(200);
  expect(read.body.note.text).toBe("Read <this> https://example.com/a.");
  expect(read.body.canWrite).toBe(false);
  const put = await expert.api("PUT", `/api${url}/notes`, { text: "New" });
  expect(put.status).toBe(200);
  expect(put.body.note.text).toBe("New");
  const refused = await ada.api("PUT", `/api${url}/notes`, { text: "x" });
  expect(refused.status).toBe(403);
  const stranger = await signUp(app, "learner");
  expect((await stranger.api("GET", `/api${url}/notes`)).status).toBe(404);
  expect((await expert.api("PUT", `/api${url}/notes`, {})).status).toBe(400);
  const removed = await expert.api("PUT", `/api${url}/notes`, { text: "" });
  expect(removed.body.note).toBeNull();
});

async function download(client: Client, path: string) {
  const response = await client.request(path);
  return { response, rows: parseCsv(await response.text()) };
}

Deno.test("sessions and earnings download as CSV for a period", async () => {
  await using app = await createCheckedAuthApp();
  const { expert, first, third } = await business(app);
  const sessions = await download(expert, "/expert/export/sessions.csv");
  expect(sessions.response.status).toBe(200);
  expect(sessions.response.headers.get("content-type")).toBe(
    "text/csv; charset=utf-8",
  );
  expect(sessions.response.headers.get("content-disposition")).toMatch(
    /^attachment; filename="taptime-sessions-\d{4}-\d\d-01-to-\d{4}-\d\d-\d\d\.csv"$/,
  );
  expect(sessions.response.headers.get("cache-control")).toBe(
    "private, no-store",
  );
  // The upcoming session starts after today: outside the default period.
  expect(sessions.rows.length).toBe(4);
  const bob = sessions.rows.find((row) => row[0] === third.id)!;
  expect(bob[5]).toBe("'=Bob+Learner");
  expect(bob[6]).toBe("completed");

  const earnings = await download(expert, "/expert/export/earnings.csv");
  expect(earnings.response.status).toBe(200);
  expect(earnings.rows[0]).toEqual([
    "entry_id",
    "date_local",
    "date_utc",
    "type",
    "booking_id",
    "currency",
    "price",
    "commission",
    "earned",
  ]);
  expect(earnings.rows.slice(1).map((row) => row.slice(4))).toContainEqual([
    first.id,
    "USD",
    "60.00",
    "9.00",
    "51.00",
  ]);
  expect(earnings.rows.length).toBe(4);

  const empty = await download(
    expert,
    "/expert/export/earnings.csv?from=2020-01-01&to=2020-01-31",
  );
  expect(empty.rows.length).toBe(1);

  const backwards = await expert.request(
    "/expert/export/sessions.csv?from=2026-03-02&to=2026-03-01",
  );
  expect(backwards.status).toBe(303);
  const back = backwards.headers.get("location")!;
  expect(back).toBe("/expert?from=2026-03-02&to=2026-03-01#export");
  const form = await page(expert, back);
  expect(form.text).toContain("Choose a last day on or after the first day.");
  expect(form.text).toContain('value="2026-03-02"');

  // Learners have no exports.
  const learner = await signUp(app, "learner");
  expect((await learner.request("/expert/export/sessions.csv")).status).toBe(
    403,
  );
});

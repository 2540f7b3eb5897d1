/**
 * Platform statistics over HTTP, from data made through the product: a
 * learner buys credits and books three sessions (one held by both, one the
 * expert never joins, one cancelled) plus one still to come. The API, the
 * page, the CSV reports, session monitoring and the weekly summary email all
 * report the same figures; wrong periods get a 400 that says what to fix.
 * Time moves with a fake clock.
 */
import { expect } from "expect";
import { HtmlValidate } from "html-validate";
import { signInAdmin, signUp } from "@/tests/support/auth.ts";
import { attendCall, bookableExpert } from "@/tests/support/bookings.ts";
import { createCheckedAuthApp } from "./support.ts";
import { page, postForm } from "@/tests/pages/page_helpers.ts";
import { processDueWork } from "@/services/bookings/mod.ts";
import { joinCall } from "@/services/calls/mod.ts";
import { useFakeClock } from "@/services/platform/clock.ts";
import { parseCsv } from "@/services/platform/csv.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { payWithTestCard } from "@/services/payments/mod.ts";
import { applyPaymentEvent } from "@/services/wallet/mod.ts";
import { sendWeeklySummaries } from "@/services/platform_stats/mod.ts";

const MINUTE = 60_000;
/** A Monday. */
const START = new Date("2030-06-03T08:00:00Z");

async function scenario() {
  // deno-lint-ignore react-rules-of-hooks -- a fake clock, not a Preact hook
  const clock = useFakeClock(START);
  const app = await createCheckedAuthApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const expert = await signUp(app, "expert", { name: "Ada Expert" });
  const { offering } = await bookableExpert(app.kv, {
    id: expert.user!.id,
    profile: { name: "Ada Expert" },
    offering: { priceMinor: 4000 },
  });
  const learner = await signUp(app, "learner");
  const started = await learner.api("POST", "/api/wallet/top-ups", {
    packId: "usd-200",
  });
  expect(started.status).toBe(201);
  const checkout = new URL(started.body.checkoutUrl).pathname.split("/").pop()!;
  const { event } = await payWithTestCard(app.kv, checkout, {
    card: "4242424242424242",
  });
  await applyPaymentEvent(app.kv, event);

  const book = async (start: string) => {
    const booked = await learner.api("POST", "/api/bookings", {
      offeringId: offering.id,
      start,
    });
    expect(booked.status).toBe(201);
    return booked.body.booking;
  };
  // Tuesday 10:00, 12:00 and 14:00 UTC, and Friday 10:00.
  const held = await book("2030-06-04T10:00:00.000Z");
  const missed = await book("2030-06-04T12:00:00.000Z");
  const cancelled = await book("2030-06-04T14:00:00.000Z");
  const upcoming = await book("2030-06-07T10:00:00.000Z");
  const cancel = await learner.api(
    "POST",
    `/api/bookings/${cancelled.id}/cancel`,
    { reason: "Plans changed" },
  );
  expect(cancel.status).toBe(200);
  await attendCall(app.kv, clock, held);
  await attendCall(app.kv, clock, missed, ["learner"]);
  clock.set(new Date("2030-06-05T08:00:00Z"));
  await processDueWork(app.kv);
  return { app, clock, admin, expert, learner, held, missed, upcoming };
}

Deno.test("the stats API counts sign-ups, bookings, outcomes, activity, money and top lists", async () => {
  const { app, clock, admin, learner } = await scenario();
  await using _app = app;
  using _clock = clock;

  const { status, body } = await admin.api("GET", "/api/admin/stats?days=7");
  expect(status).toBe(200);
  expect(body).toMatchObject({ from: "2030-05-30", to: "2030-06-05" });
  expect(body.days.length).toBe(7);
  expect(body.totals).toEqual({
    signups: { learner: 1, expert: 1, admin: 1 },
    bookingsMade: 4,
    sessionsStarted: 3,
    decided: 3,
    completed: 1,
    cancelled: 2,
    expertAbsent: 1,
    noShow: 0,
    disputed: 0,
  });
  expect(body.rates.completion).toBeCloseTo(1 / 3);
  expect(body.rates.cancellation).toBeCloseTo(2 / 3);
  expect(body.rates.noShow).toBe(0);
  expect(body.active).toEqual({ learners: 1, experts: 1 });
  const monday = body.days.find((d: { date: string }) =>
    d.date === "2030-06-03"
  );
  expect(monday).toMatchObject({
    signups: { learner: 1, expert: 1, admin: 1 },
    bookingsMade: 4,
  });
  // The 200 pack paid; the commission on the completed session.
  expect(body.money.totals).toEqual([
    {
      currency: "USD",
      moneyInMinor: 20000,
      commissionMinor: 600,
      // The learner's cancellation and the expert's absence, in full.
      refundsMinor: 8000,
    },
  ]);
  expect(body.topExperts.map((r: { name: string }) => r.name)).toEqual([
    "Ada Expert",
  ]);
  // Cancelled bookings leave the top lists: the one held and the one to come.
  expect(body.topExperts[0]).toMatchObject({ bookings: 2, completed: 1 });
  expect(body.topCategories[0]).toMatchObject({
    id: "booking-tests",
    name: "Booking tests",
    bookings: 2,
  });

  // Chosen dates; mistakes say what to change.
  const day = await admin.api(
    "GET",
    "/api/admin/stats?from=2030-06-04&to=2030-06-04",
  );
  expect(day.body.totals.sessionsStarted).toBe(3);
  expect(day.body.totals.bookingsMade).toBe(0);
  const backwards = await admin.api(
    "GET",
    "/api/admin/stats?from=2030-06-05&to=2030-06-01",
  );
  expect(backwards.status).toBe(400);
  expect(JSON.stringify(backwards.body)).toContain(
    "The last day must be on or after the first day.",
  );
  const preset = await admin.api("GET", "/api/admin/stats?days=14");
  expect(preset.status).toBe(400);
  expect(JSON.stringify(preset.body)).toContain("Choose 7, 30 or 90 days.");

  expect((await learner.api("GET", "/api/admin/stats")).status).toBe(403);
});

Deno.test("the stats page, its reports and their period errors", async () => {
  const { app, clock, admin, expert, learner } = await scenario();
  await using _app = app;
  using _clock = clock;

  const stats = await page(admin, "/admin/stats?days=7");
  expect(stats.status).toBe(200);
  expect(stats.text).toContain("Showing 2030-05-30 to 2030-06-05 (7 days).");
  expect(stats.text).toContain("Bookings made per day");
  expect(stats.text).toContain("33.3%");
  expect(stats.text).toContain("Ada Expert");
  expect(stats.text).toContain(
    'href="/admin/reports/daily.csv?from=2030-05-30&amp;to=2030-06-05"',
  );

  const wrong = await page(admin, "/admin/stats?from=2030-06-01");
  expect(wrong.status).toBe(400);
  expect(wrong.text).toContain("Give the last day of the period too.");
  const future = await page(
    admin,
    "/admin/stats?from=2030-06-01&to=2030-07-01",
  );
  expect(future.status).toBe(400);
  expect(future.text).toContain("Choose a day up to today.");

  const daily = await admin.request(
    "/admin/reports/daily.csv?from=2030-06-03&to=2030-06-05",
  );
  expect(daily.status).toBe(200);
  expect(daily.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(daily.headers.get("content-disposition")).toBe(
    'attachment; filename="taptime-daily-2030-06-03-to-2030-06-05.csv"',
  );
  expect(parseCsv(await daily.text())).toEqual([
    [
      "date",
      "signups_learner",
      "signups_expert",
      "signups_admin",
      "bookings_made",
      "sessions_started",
      "completed",
      "cancelled",
      "no_show",
    ],
    ["2030-06-03", "1", "1", "1", "4", "0", "0", "0", "0"],
    ["2030-06-04", "0", "0", "0", "0", "3", "1", "2", "0"],
    ["2030-06-05", "0", "0", "0", "0", "0", "0", "0", "0"],
  ]);
  const summary = parseCsv(
    await (await admin.request("/admin/reports/summary.csv?days=7")).text(),
  );
  expect(summary).toContainEqual(["money_in_USD", "200.00"]);
  expect(summary).toContainEqual(["completion_rate", "0.3333"]);
  const experts = parseCsv(
    await (await admin.request("/admin/reports/top-experts.csv?days=7"))
      .text(),
  );
  expect(experts[0]).toEqual([
    "rank",
    "id",
    "name",
    "bookings",
    "completed",
    "gross_USD",
  ]);
  expect(experts[1].slice(2)).toEqual(["Ada Expert", "2", "1", "80.00"]);

  const attendance = parseCsv(
    await (await admin.request(
      "/admin/reports/attendance.csv?from=2030-06-04&to=2030-06-04",
    )).text(),
  );
  expect(attendance.length).toBe(4);
  const header = attendance[0];
  const missedRow = attendance[2];
  expect(missedRow[header.indexOf("expert_joined_at")]).toBe("");
  expect(missedRow[header.indexOf("attendance")]).toBe("expert_absent");
  expect(attendance[1][header.indexOf("attendance")]).toBe("attended");

  const active = parseCsv(
    await (await admin.request("/admin/reports/active-users.csv?days=7"))
      .text(),
  );
  expect(active).toEqual([
    ["user_id", "name", "email", "role", "signed_in", "booking_or_session"],
    [
      learner.user!.id,
      "Test learner",
      learner.user!.email,
      "learner",
      "no",
      "yes",
    ],
    [expert.user!.id, "Ada Expert", expert.user!.email, "expert", "no", "yes"],
  ]);

  const bad = await admin.request("/admin/reports/daily.csv?from=2030-06-09");
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain(
    "to: Give the last day of the period too.",
  );
  const unknown = await admin.request("/admin/reports/nothing.csv");
  expect(unknown.status).toBe(404);
  await unknown.body?.cancel();
  const learnerTry = await learner.request("/admin/reports/daily.csv");
  expect(learnerTry.status).toBe(403);
  await learnerTry.body?.cancel();
});

Deno.test("session monitoring shows who is in a call now, and each booking's attendance", async () => {
  const { app, clock, admin, expert, upcoming } = await scenario();
  await using _app = app;
  using _clock = clock;

  clock.set(new Date(Date.parse(upcoming.start) + 5 * MINUTE));
  await joinCall(app.kv, upcoming, expert.user!.id);
  const live = await page(admin, "/admin/sessions?date=2030-06-04");
  expect(live.status).toBe(200);
  const liveCard = live.text.match(/<section id="live"[\s\S]*?<\/section>/)![0];
  expect(liveCard).toContain("In the call");
  expect(liveCard).toContain("Not in the call");
  const day = live.text.match(/<section id="attendance"[\s\S]*?<\/section>/)![
    0
  ];
  expect(day).toContain("The expert never joined");
  expect(day).toContain("Both joined");
  expect(day).toContain("Never joined");

  const wrong = await page(admin, "/admin/sessions?date=June");
  expect(wrong.status).toBe(400);
  expect(wrong.text).toContain("Use a date like 2026-12-01.");
});

Deno.test("the weekly summary goes once a week to the admins who opted in", async () => {
  const { app, clock, admin, learner } = await scenario();
  await using _app = app;
  using _clock = clock;

  const saved = await postForm(admin, "/admin/stats", { weeklySummary: "on" });
  expect(saved.status).toBe(303);
  expect((await page(admin, "/admin/stats")).text).toMatch(
    /name="weeklySummary" value="on" checked/,
  );
  // Learners cannot opt in.
  const refused = await postForm(learner, "/admin/stats", {
    weeklySummary: "on",
  });
  expect(refused.status).toBe(403);

  clock.set(new Date("2030-06-10T07:00:00Z"));
  expect(await sendWeeklySummaries(app.kv)).toBe(1);
  expect(await sendWeeklySummaries(app.kv)).toBe(0);
  clock.set(new Date("2030-06-12T07:00:00Z"));
  expect(await sendWeeklySummaries(app.kv)).toBe(0);

  const outbox = await listOutbox(app.kv);
  const mail = outbox.filter((m) => m.subject.startsWith("TapTime week"));
  expect(mail.length).toBe(1);
  expect(mail[0].to).toBe(admin.user!.email);
  expect(mail[0].subject).toBe(
    "TapTime week 2030-06-03 to 2030-06-09: 3 sign-ups, 4 bookings",
  );
  expect(mail[0].text).toContain("Money (USD): $200.00 in");
  expect(mail[0].text).toContain(
    "http://localhost:8000/admin/stats?from=2030-06-03&to=2030-06-09",
  );
  expect(mail[0].html).toContain("Top expert: Ada Expert (2 bookings).");
  expect(mail[0].text).toContain("Sign-ups: 3 (1 learner, 1 expert).");

  // Turned off: no email the next week.
  await postForm(admin, "/admin/stats", {});
  clock.set(new Date("2030-06-17T07:00:00Z"));
  expect(await sendWeeklySummaries(app.kv)).toBe(0);
});

// The rules of tests/html_validate_test.ts, which walks only public pages.
Deno.test("the statistics and monitoring pages are valid HTML", async () => {
  const { app, clock, admin } = await scenario();
  await using _app = app;
  using _clock = clock;
  const validator = new HtmlValidate({
    extends: ["html-validate:recommended", "html-validate:a11y"],
    rules: {
      "void-style": "off",
      "valid-id": ["error", { relaxed: true }],
      // The shared scrolling table (components/money/Table.tsx) is a named,
      // focusable region with a minimum width: the money pages' own choice.
      "prefer-native-element": "off",
      "no-inline-style": "off",
    },
  });
  for (
    const path of [
      "/admin/stats?days=7",
      "/admin/stats?from=2030-06-09",
      "/admin/sessions?date=2030-06-04",
    ]
  ) {
    const report = await validator.validateString(
      (await page(admin, path)).text,
      path,
    );
    const errors = report.results.flatMap((result) =>
      result.messages.map((m) => `${m.ruleId}: ${m.message}`)
    );
    expect({ path, errors }).toEqual({ path, errors: [] });
  }
});

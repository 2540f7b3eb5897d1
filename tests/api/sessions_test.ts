/**
 * Sessions over HTTP: idle and absolute expiry, listing and ending one's own
 * sessions. Every API answer is checked against the document.
 */
import { expect } from "expect";
import { logIn, signUp, TEST_PASSWORD } from "@/tests/support/auth.ts";
import { createCheckedAuthApp } from "./support.ts";
import { useFakeClock } from "@/services/platform/clock.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

Deno.test("sessions expire after 7 idle days and after 30 days in any case", async () => {
  await using app = await createCheckedAuthApp();
  using clock = useFakeClock(new Date("2030-01-01T00:00:00Z"));
  const idle = await signUp(app, "learner");
  const busy = await logIn(app, idle.user!.email);
  clock.advance(6 * DAY_MS);
  expect((await idle.api("GET", "/api/me")).status).toBe(200);
  clock.advance(7 * DAY_MS + 60_000);
  expect((await idle.api("GET", "/api/me")).status).toBe(401);

  // Seen every 5 days: alive until the 30-day limit.
  const busyFresh = await logIn(app, idle.user!.email);
  for (let day = 5; day < 30; day += 5) {
    clock.advance(5 * DAY_MS);
    expect((await busyFresh.api("GET", "/api/me")).status).toBe(200);
  }
  clock.advance(5 * DAY_MS + 60_000);
  expect((await busyFresh.api("GET", "/api/me")).status).toBe(401);
  expect((await busy.api("GET", "/api/me")).status).toBe(401);
});

Deno.test("sessions: list with the current one marked, end one; another user's id is a 404", async () => {
  await using app = await createCheckedAuthApp();
  const laptop = await signUp(app, "learner");
  const phone = await logIn(app, laptop.user!.email, TEST_PASSWORD);
  const stranger = await signUp(app, "learner");

  const listed = await laptop.api("GET", "/api/auth/sessions");
  expect(listed.status).toBe(200);
  expect(listed.body.sessions).toHaveLength(2);
  const current = listed.body.sessions.filter((s: { current?: boolean }) =>
    s.current
  );
  expect(current).toHaveLength(1);
  const phoneSession = listed.body.sessions.find((s: { current?: boolean }) =>
    !s.current
  );
  expect(phoneSession.ip).toBe(phone.ip);
  expect(JSON.stringify(listed.body)).not.toContain(
    laptop.cookies.get("tt_session")!,
  );

  const theirs = await stranger.api(
    "DELETE",
    `/api/auth/sessions/${phoneSession.id}`,
  );
  expect(theirs.status).toBe(404);
  expect((await phone.api("GET", "/api/me")).status).toBe(200);

  const ended = await laptop.api(
    "DELETE",
    `/api/auth/sessions/${phoneSession.id}`,
  );
  expect(ended.status).toBe(204);
  expect((await phone.api("GET", "/api/me")).status).toBe(401);
  expect((await laptop.api("GET", "/api/me")).status).toBe(200);
});

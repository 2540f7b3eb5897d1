/**
 * The admins' bookings list over HTTP: people found by email as well as
 * by id, experts listed without an account named by their profile, and
 * date filters that say what is wrong instead of being ignored.
 */
import { expect } from "expect";
import {
  createAuthTestApp,
  signInAdmin,
  signUp,
} from "@/tests/support/auth.ts";
import { bookableExpert, fundLearner } from "@/tests/support/bookings.ts";
import { bookSession } from "@/services/bookings/mod.ts";
import { page, visibleText } from "./page_helpers.ts";

Deno.test("admin bookings: found by a person's email, named, dates checked", async () => {
  await using app = await createAuthTestApp();
  const { offering } = await bookableExpert(app.kv, {
    profile: { name: "Nora Noaccount" },
  });
  const learner = await signUp(app, "learner", {
    name: "Lia Learner",
    email: "lia@example.com",
  });
  await fundLearner(app.kv, learner.user!.id, 100_00);
  const outcome = await bookSession(app.kv, learner.user!, {
    offeringId: offering.id,
    start: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 11) +
      "10:00:00.000Z",
  });
  if (!("booking" in outcome)) throw new Error("expected a booking");
  const admin = await signInAdmin(app, { twoFactor: true });

  const byEmail = await page(
    admin,
    "/admin/bookings?learnerId=lia%40example.com",
  );
  expect(byEmail.status).toBe(200);
  expect(byEmail.text).toContain(`/bookings/${outcome.booking.id}`);
  const shown = visibleText(byEmail.text);
  expect(shown).toContain("Lia Learner (lia@example.com)");
  expect(shown).toContain("Nora Noaccount (no account)");

  // The booking itself, for an admin: under Bookings, with both people.
  const detail = await page(admin, `/bookings/${outcome.booking.id}`);
  expect(detail.text).toContain(">Bookings</h1>");
  expect(visibleText(detail.text)).toContain("Learner Lia Learner");
  expect(visibleText(detail.text)).toContain("Expert Nora Noaccount");

  const unknown = visibleText(
    (await page(admin, "/admin/bookings?learnerId=nobody%40example.com")).text,
  );
  expect(unknown).toContain(
    "No account has the email address nobody@example.com.",
  );

  const junk = visibleText(
    (await page(admin, "/admin/bookings?from=junk")).text,
  );
  expect(junk).toContain("Give a date as YYYY-MM-DD.");
  const backwards = visibleText(
    (await page(admin, "/admin/bookings?from=2030-05-02&to=2030-05-01")).text,
  );
  expect(backwards).toContain("Choose a day after the first one.");
});

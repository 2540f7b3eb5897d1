/**
 * The learner's home and the save button over HTTP, without JavaScript:
 * sessions, stats and suggestions from real bookings; milestone forms that
 * redirect back to the goal, or answer 4xx with a message to act on; saving
 * an expert from the profile; and a signed-out profile that is the same
 * for every visitor.
 */
import { expect } from "expect";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";
import { bookableExpert, daysAhead } from "@/tests/support/bookings.ts";
import { heldSessionAt, onboardedLearner } from "@/tests/support/progress.ts";
import { writeReview } from "@/services/reviews/mod.ts";
import { goalIdOf } from "@/services/progress/mod.ts";
import { page, postForm } from "./page_helpers.ts";
import { HtmlValidate, type Message } from "html-validate";

const validator = new HtmlValidate({
  extends: ["html-validate:recommended", "html-validate:a11y"],
  // As tests/html_validate_test.ts: Preact's self-closed void elements, Fresh's ids.
  rules: {
    "void-style": "off",
    "valid-id": ["error", { relaxed: true }],
  },
});

/** html-validate's complaints about `html`, one line each. */
async function htmlErrors(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((result) =>
    result.messages.map((m: Message) => `${m.ruleId}: ${m.message}`)
  );
}

const DAY_MS = 86_400_000;
const ago = (days: number) =>
  daysAhead(new Date(Date.now() - days * DAY_MS), 0, 9);

Deno.test("the home shows sessions, ratings, numbers and experts to book again", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner", { name: "Lena Learner" });
  const user = learner.user!;
  await onboardedLearner(app.kv, user.id, ["Play a Chopin nocturne"]);
  const { offering } = await bookableExpert(app.kv, {
    profile: { name: "Pia Pianist" },
  });
  const rated = await heldSessionAt(app.kv, user, offering, ago(3));
  await heldSessionAt(app.kv, user, offering, ago(10));
  await writeReview(app.kv, user.id, rated.id, { rating: 5, text: "Lovely." });

  const { status, text } = await page(learner, "/dashboard");
  expect(status).toBe(200);
  expect(text).toContain("You rated it 5 of 5");
  expect(text).toContain(`href="/bookings/${rated.id}"`);
  expect(text).toMatch(/href="\/bookings\/[^"]+\/review"/);
  expect(text).toContain("No sessions booked.");
  expect(text).toContain("Hours per month, last 12 months");
  expect(text).toContain("Book again");
  expect(text).toContain(`href="/book/${offering.expertId}"`);
  expect(text).toContain("weeks in a row (Monday to Sunday)");
  expect(await htmlErrors(text)).toEqual([]);
});

Deno.test("milestones: add, tick off, undo, remove, each back at the goal", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  await onboardedLearner(app.kv, learner.user!.id, ["Speak Spanish"]);
  const goal = await goalIdOf("Speak Spanish");

  const added = await postForm(learner, "/dashboard", {
    intent: "add",
    goal,
    text: "Order food in Spanish",
  });
  expect(added.status).toBe(303);
  expect(added.headers.get("location")).toBe(
    `/dashboard?milestone=add#goal-${goal}`,
  );
  let home = await page(learner, "/dashboard?milestone=add");
  expect(home.text).toContain("Milestone added.");
  expect(home.text).toContain("0 of 1 milestone done (0%)");
  const milestone = home.text.match(/name="milestone" value="([^"]+)"/)![1];

  await postForm(learner, "/dashboard", { intent: "done", goal, milestone });
  home = await page(learner, "/dashboard");
  expect(home.text).toContain("1 of 1 milestone done (100%)");
  expect(await htmlErrors(home.text)).toEqual([]);
  expect(home.text).toContain('<progress value="100" max="100"');
  await postForm(learner, "/dashboard", { intent: "undo", goal, milestone });
  expect((await page(learner, "/dashboard")).text).toContain("(0%)");
  const removed = await postForm(learner, "/dashboard", {
    intent: "remove",
    goal,
    milestone,
  });
  expect(removed.status).toBe(303);
  expect((await page(learner, "/dashboard")).text).toContain(
    "No milestones yet",
  );
});

Deno.test("refused milestone changes answer 4xx with what to do", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  await onboardedLearner(app.kv, learner.user!.id, ["Speak Spanish"]);
  const goal = await goalIdOf("Speak Spanish");

  const empty = await postForm(learner, "/dashboard", {
    intent: "add",
    goal,
    text: "   ",
  });
  expect(empty.status).toBe(400);
  expect(await empty.text()).toContain("This can't be empty.");

  const long = await postForm(learner, "/dashboard", {
    intent: "add",
    goal,
    text: "x".repeat(201),
  });
  expect(long.status).toBe(400);
  const longText = await long.text();
  expect(longText).toContain("Use at most 200 characters.");
  // What was typed comes back to be shortened.
  expect(longText).toContain("x".repeat(201));

  const gone = await postForm(learner, "/dashboard", {
    intent: "add",
    goal: "not-a-goal",
    text: "Something",
  });
  expect(gone.status).toBe(404);
  expect(await gone.text()).toContain("no longer among your goals");

  const unknown = await postForm(learner, "/dashboard", {
    intent: "delete-everything",
  });
  expect(unknown.status).toBe(400);
  await unknown.body?.cancel();

  const missing = await postForm(learner, "/dashboard", {
    intent: "done",
    goal,
    milestone: "nope",
  });
  expect(missing.status).toBe(404);
  expect(await missing.text()).toContain("This milestone is no longer there.");

  for (let i = 0; i < 20; i++) {
    await postForm(learner, "/dashboard", {
      intent: "add",
      goal,
      text: `S${i}`,
    });
  }
  const full = await postForm(learner, "/dashboard", {
    intent: "add",
    goal,
    text: "One more",
  });
  expect(full.status).toBe(400);
  expect(await full.text()).toContain("up to 20 milestones");
});

Deno.test("a learner saves an expert from the profile and removes it from the home", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  const { expertId } = await bookableExpert(app.kv, {
    profile: { name: "Sal Saved" },
  });
  const profile = `/experts/${expertId}`;
  let shown = await page(learner, profile);
  expect(shown.text).toContain('name="action" value="save"');

  const saved = await postForm(learner, "/dashboard/saved-experts", {
    expertId,
    action: "save",
    next: profile,
  });
  expect(saved.status).toBe(303);
  expect(saved.headers.get("location")).toBe(`${profile}?saved=added`);
  shown = await page(learner, `${profile}?saved=added`);
  expect(shown.text).toContain('name="action" value="remove"');
  expect(shown.text).toContain('role="status"');
  expect(shown.text).toContain("Saved");

  expect(await htmlErrors(shown.text)).toEqual([]);
  const home = await page(learner, "/dashboard");
  expect(home.text).toContain("Sal Saved");
  const list = await page(learner, "/dashboard/saved-experts");
  expect(list.text).toContain("Sal Saved");
  expect(await htmlErrors(list.text)).toEqual([]);

  // An outside `next` is not followed.
  const removed = await postForm(learner, "/dashboard/saved-experts", {
    expertId,
    action: "remove",
    next: "https://evil.example/",
  });
  expect(removed.headers.get("location")).toBe(
    "/dashboard/saved-experts?saved=removed",
  );
  expect((await page(learner, "/dashboard")).text).not.toContain("Sal Saved");

  const nobody = await postForm(learner, "/dashboard/saved-experts", {
    expertId: "nobody",
    action: "save",
    next: "/dashboard",
  });
  expect(nobody.status).toBe(404);
  expect(await nobody.text()).toContain("There is no such expert.");
});

Deno.test("a signed-out profile offers a sign-in link, the same for every visitor; experts get no button", async () => {
  await using app = await createAuthTestApp();
  const { expertId } = await bookableExpert(app.kv);
  const path = `/experts/${expertId}`;
  const first = await page(app.client(), path);
  const second = await page(app.client(), path);
  expect(first.text).toContain(
    `href="/login?next=${encodeURIComponent(path)}"`,
  );
  expect(first.text).not.toContain('name="action" value="save"');
  expect(second.text).toBe(first.text);

  const expert = await signUp(app, "expert");
  const asExpert = await page(expert, path);
  expect(asExpert.text).not.toContain("to save");
  expect(asExpert.text).not.toContain('action="/dashboard/saved-experts"');
});

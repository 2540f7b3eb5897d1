/**
 * An approved expert's offerings page over HTTP: add, edit and remove, with
 * refused input shown again beside its fields.
 */
import { expect } from "expect";
import { createAuthTestApp, signUp } from "@/tests/support/auth.ts";
import { listOfferings } from "@/services/offerings/mod.ts";
import {
  createAppWithCategories,
  expertWithSteps,
  page,
  postForm,
  submitForReview,
} from "./page_helpers.ts";

Deno.test("expert offerings page: add, edit, remove, with errors beside the fields", async () => {
  await using app = await createAuthTestApp();
  const expert = await signUp(app, "expert");
  const empty = await page(expert, "/expert/offerings");
  expect(empty.status).toBe(200);
  // One kind of offering: no kind to choose, no session count to give.
  expect(empty.text).not.toContain('name="kind"');
  expect(empty.text).not.toContain('name="sessions"');
  expect(empty.text).not.toContain("Package of sessions");
  const added = await postForm(expert, "/expert/offerings", {
    action: "add",
    title: "Lessons",
    durationMinutes: "45",
    price: "40",
    currency: "USD",
    description: "",
  });
  expect(added.status).toBe(303);
  const [offering] = await listOfferings(app.kv, expert.user!.id);
  expect(offering).toMatchObject({ kind: "session", priceMinor: 4000 });
  // Packages are sold per session type, in their own form.
  const shown = await page(expert, "/expert/offerings");
  expect(shown.text).toContain("Sell sessions in packages");
  expect(shown.text).not.toContain('name="kind"');

  const bad = await postForm(expert, "/expert/offerings", {
    action: "save",
    offeringId: offering.id,
    title: "Lessons",
    durationMinutes: "50",
    price: "abc",
    currency: "USD",
    description: "",
  });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain('value="abc"');

  const removed = await postForm(expert, "/expert/offerings", {
    action: "remove",
    offeringId: offering.id,
  });
  expect(removed.status).toBe(303);
  expect(await listOfferings(app.kv, expert.user!.id)).toEqual([]);

  // Before approval the live profile page points to the application.
  expect((await page(expert, "/expert/profile")).text).toContain(
    "/expert/application",
  );
});

Deno.test("expert offerings page: read-only with the reason while the application is in review", async () => {
  await using app = await createAppWithCategories();
  const expert = await expertWithSteps(app);
  await submitForReview(expert);
  const before = await listOfferings(app.kv, expert.user!.id);

  const shown = await page(expert, "/expert/offerings");
  expect(shown.text).toContain("waiting for review");
  expect(shown.text).not.toContain("Add an offering");

  const added = await postForm(expert, "/expert/offerings", {
    action: "add",
    title: "Sneaked in after submitting",
    durationMinutes: "60",
    price: "50",
    currency: "USD",
    description: "",
  });
  expect(added.status).toBe(409);
  expect(await added.text()).toContain("waiting for review");
  expect(await listOfferings(app.kv, expert.user!.id)).toEqual(before);
});

Deno.test("expert offerings page: an over-long or unknown offering id is 'No such offering', and a draft's removal claims nothing about learners", async () => {
  await using app = await createAuthTestApp();
  const expert = await signUp(app, "expert");
  for (const offeringId of ["x".repeat(3000), "no-such-offering"]) {
    for (const action of ["remove", "save"]) {
      const refused = await postForm(expert, "/expert/offerings", {
        action,
        offeringId,
        title: "Intro call",
        durationMinutes: "30",
        price: "40",
        currency: "USD",
        description: "",
      });
      expect(refused.status).toBe(404);
      expect(await refused.text()).toContain("No such offering.");
    }
  }
  await postForm(expert, "/expert/offerings", {
    action: "add",
    title: "Intro call",
    durationMinutes: "30",
    price: "40",
    currency: "USD",
    description: "",
  });
  const [offering] = await listOfferings(app.kv, expert.user!.id);
  const removed = await postForm(expert, "/expert/offerings", {
    action: "remove",
    offeringId: offering.id,
  });
  expect(removed.headers.get("location")).toBe(
    "/expert/offerings?done=removed",
  );
  const shown = (await page(expert, "/expert/offerings?done=removed")).text;
  expect(shown).toContain("The offering was removed.");
  expect(shown).not.toContain("Learners no longer see it");
});

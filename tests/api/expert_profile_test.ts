/**
 * An approved expert's live profile over HTTP. Every answer is checked
 * against the OpenAPI document.
 */
import { expect } from "expect";
import { signUp } from "@/tests/support/auth.ts";
import { approvedExpert, PROFILE, withCategories } from "./support.ts";

Deno.test("the live profile: HTML in a bio comes back as plain text", async () => {
  const { app, admin } = await withCategories();
  await using _app = app;
  const notYet = await signUp(app, "expert");
  expect((await notYet.api("GET", "/api/expert/profile")).status).toBe(404);
  expect(
    (await notYet.api("PATCH", "/api/expert/profile", {
      headline: "Hello there",
    }))
      .status,
  ).toBe(409);

  const expert = await approvedExpert(app, admin);
  const bio =
    '<img src=x onerror="alert(1)"> I teach <em>machine learning</em> to beginners, step by step.';
  const saved = await expert.api("PATCH", "/api/expert/profile", { bio });
  expect(saved.status).toBe(200);
  expect(saved.body.profile.bio).toBe(bio);
  const shown = await app.client().api(
    "GET",
    `/api/experts/${expert.user!.id}`,
  );
  expect(shown.body.expert.bio).toBe(bio);

  const invalid = await expert.api("PATCH", "/api/expert/profile", {
    headline: "x",
    categoryIds: ["astrology"],
  });
  expect(invalid.status).toBe(400);
  const unchanged = await expert.api("GET", "/api/expert/profile");
  expect(unchanged.body.profile.headline).toBe(PROFILE.headline);
  expect(unchanged.body.completeness.items.length).toBeGreaterThan(3);
});

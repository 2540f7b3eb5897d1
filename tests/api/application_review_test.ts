/**
 * The admin review over HTTP: notes, changes requested, rejection, and
 * unpublishing an approved expert. Every answer is checked against the
 * generated OpenAPI document.
 */
import { expect } from "expect";
import { signInAdmin, signUp } from "@/tests/support/auth.ts";
import {
  approvedExpert,
  PROFILE,
  submittedExpert,
  withCategories,
} from "./support.ts";

Deno.test("review decisions: notes, changes requested, rejection, unpublishing", async () => {
  const { app, admin } = await withCategories();
  await using _app = app;
  const expert = await submittedExpert(app);
  const userId = expert.user!.id;
  const base = `/api/admin/applications/${userId}`;

  // Non-admins and admins without 2FA are refused.
  for (const caller of [expert, await signUp(app, "learner")]) {
    const answer = await caller.api("POST", `${base}/approve`, {});
    expect(answer.status).toBe(403);
    expect((await caller.api("GET", "/api/admin/applications")).status)
      .toBe(403);
  }
  const adminWithout2fa = await signInAdmin(app, { twoFactor: false });
  expect((await adminWithout2fa.api("POST", `${base}/approve`, {})).body.error)
    .toBe("two_factor_required");
  expect(
    (await expert.api("GET", "/api/expert/application")).body.application
      .status,
  ).toBe("pending");

  // Rejecting or requesting changes needs a note.
  expect((await admin.api("POST", `${base}/reject`, {})).status).toBe(400);
  expect((await admin.api("POST", `${base}/request-changes`)).status).toBe(400);
  expect(
    (await admin.api("POST", `${base}/request-changes`, { note: "  " }))
      .status,
  ).toBe(400);

  const changes = await admin.api("POST", `${base}/request-changes`, {
    note: "Please upload your diploma.",
  });
  expect(changes.status).toBe(200);
  const seen = await expert.api("GET", "/api/expert/application");
  expect(seen.body.application.status).toBe("changes_requested");
  expect(seen.body.application.reviewerNotes).toMatchObject([
    { decision: "changes_requested", note: "Please upload your diploma." },
  ]);
  // The expert edits and sends it again.
  expect(
    (await expert.api("PUT", "/api/expert/application", {
      yearsExperience: 11,
    })).status,
  ).toBe(200);
  expect((await expert.api("POST", "/api/expert/application/submit")).status)
    .toBe(200);
  const pending = await admin.api("GET", "/api/admin/applications");
  expect(pending.body.applications.map((a: { userId: string }) => a.userId))
    .toEqual([userId]);

  const rejected = await admin.api("POST", `${base}/reject`, {
    note: "Not enough experience.",
  });
  expect(rejected.status).toBe(200);
  expect(rejected.body.application.status).toBe("rejected");
  expect((await expert.api("PUT", "/api/expert/application", PROFILE)).status)
    .toBe(409);
  expect((await app.client().api("GET", `/api/experts/${userId}`)).status)
    .toBe(404);
  const queue = await admin.api(
    "GET",
    "/api/admin/applications?status=rejected",
  );
  expect(queue.body.applications).toHaveLength(1);
  expect((await admin.api("GET", "/api/admin/applications?status=nope")).status)
    .toBe(400);
  expect(
    (await admin.api("POST", "/api/admin/applications/nobody/approve"))
      .status,
  ).toBe(404);
});

Deno.test("an admin unpublishes an approved expert, who disappears at once", async () => {
  const { app, admin } = await withCategories();
  await using _app = app;
  const expert = await approvedExpert(app, admin);
  const userId = expert.user!.id;
  const listed = async () =>
    (await app.client().api("GET", "/api/experts?category=data")).body.experts
      .map((e: { id: string }) => e.id);
  expect(await listed()).toEqual([userId]);

  const path = `/api/admin/experts/${userId}/unpublish`;
  expect((await expert.api("POST", path, { note: "x" })).status).toBe(403);
  expect((await admin.api("POST", path, {})).status).toBe(400);
  const unpublished = await admin.api("POST", path, {
    note: "Several complaints.",
  });
  expect(unpublished.status).toBe(200);
  expect(await listed()).toEqual([]);
  expect((await app.client().api("GET", `/api/experts/${userId}`)).status)
    .toBe(404);
  expect((await admin.api("POST", path, { note: "again" })).status).toBe(409);

  const republished = await admin.api(
    "POST",
    `/api/admin/experts/${userId}/republish`,
  );
  expect(republished.status).toBe(200);
  expect(await listed()).toEqual([userId]);
});

/**
 * The expert application over HTTP: from sign-up to a published profile,
 * field validation, and submitting with every step complete. Every answer
 * is checked against the generated OpenAPI document.
 */
import { expect } from "expect";
import { signUp } from "@/tests/support/auth.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import {
  confirmEmail,
  PACKAGE,
  PROFILE,
  SESSION,
  upload,
  withCategories,
} from "./support.ts";
import { PDF } from "@/tests/support/files.ts";

Deno.test("an expert goes from signup to a published, bookable profile", async () => {
  const { app, admin } = await withCategories();
  await using _app = app;
  const expert = await signUp(app, "expert", { name: "Grace Mentor" });
  const userId = expert.user!.id;

  const draft = await expert.api("GET", "/api/expert/application");
  expect(draft.status).toBe(200);
  expect(draft.body.application.status).toBe("draft");
  expect(draft.body.application.steps).toEqual({
    profile: false,
    expertise: false,
    offerings: false,
    credentials: false,
  });

  const profile = await expert.api("PUT", "/api/expert/application", PROFILE);
  expect(profile.status).toBe(200);
  expect(profile.body.application.steps.profile).toBe(true);
  const expertise = await expert.api("PUT", "/api/expert/application", {
    categoryIds: ["machine-learning"],
    skills: ["Python", "PyTorch"],
  });
  expect(expertise.body.application.steps.expertise).toBe(true);

  const session = await expert.api("POST", "/api/expert/offerings", SESSION);
  expect(session.status).toBe(201);
  expect(session.body.offering).toMatchObject({ ...SESSION, active: true });
  const bundle = await expert.api("POST", "/api/expert/offerings", PACKAGE);
  expect(bundle.status).toBe(201);

  const document = await upload(expert, PDF, "diploma.pdf", "application/pdf");
  expect(document.status).toBe(201);
  expect(document.body.document).toMatchObject({
    name: "diploma.pdf",
    contentType: "application/pdf",
    size: PDF.length,
  });
  expect(document.body.document.fileKey).toBeUndefined();
  const documentId = document.body.document.id;

  // The owner can read the document back.
  const own = await expert.request(
    `/api/expert/application/documents/${documentId}`,
  );
  expect(own.status).toBe(200);
  expect(own.headers.get("content-type")).toBe("application/pdf");
  expect(own.headers.get("cache-control")).toBe("private, no-store");
  expect(new Uint8Array(await own.arrayBuffer())).toEqual(PDF);

  await confirmEmail(expert);
  const submitted = await expert.api("POST", "/api/expert/application/submit");
  expect(submitted.status).toBe(200);
  expect(submitted.body.application.status).toBe("pending");

  // Not public before approval.
  expect((await app.client().api("GET", `/api/experts/${userId}`)).status)
    .toBe(404);

  const queue = await admin.api(
    "GET",
    "/api/admin/applications?status=pending",
  );
  expect(queue.status).toBe(200);
  expect(queue.body.applications.map((a: { userId: string }) => a.userId))
    .toEqual([userId]);
  expect(queue.body.applications[0].applicant.name).toBe("Grace Mentor");

  const opened = await admin.api("GET", `/api/admin/applications/${userId}`);
  expect(opened.status).toBe(200);
  expect(opened.body.offerings).toHaveLength(2);
  const adminCopy = await admin.request(
    `/api/admin/applications/${userId}/documents/${documentId}`,
  );
  expect(adminCopy.status).toBe(200);
  expect(new Uint8Array(await adminCopy.arrayBuffer())).toEqual(PDF);

  const approved = await admin.api(
    "POST",
    `/api/admin/applications/${userId}/approve`,
  );
  expect(approved.status).toBe(200);
  expect(approved.body.application.status).toBe("approved");
  expect(approved.body.application.reviewerNotes).toMatchObject([
    { decision: "approved", by: admin.user!.id },
  ]);

  // Listed under its category and its parent, with its offerings.
  for (const category of ["machine-learning", "data"]) {
    const listed = await app.client().api(
      "GET",
      `/api/experts?category=${category}`,
    );
    expect(listed.body.experts.map((e: { id: string }) => e.id)).toEqual([
      userId,
    ]);
  }
  const otherCategory = await app.client().api(
    "GET",
    "/api/experts?category=design",
  );
  expect(otherCategory.body.experts).toEqual([]);
  const page = await app.client().api("GET", `/api/experts/${userId}`);
  expect(page.status).toBe(200);
  expect(page.body.expert.name).toBe("Grace Mentor");
  // From the cheapest session.
  expect(page.body.expert.hourlyRate).toEqual({
    amountMinor: 8000,
    currency: "USD",
  });
  expect(page.body.offerings.map((o: { title: string }) => o.title))
    .toEqual([SESSION.title, PACKAGE.title]);

  // The expert was told, and now edits the live profile.
  const mail = await listOutbox(app.kv, { to: expert.user!.email });
  expect(mail.some((message) => /approved/i.test(message.subject))).toBe(true);
  const live = await expert.api("GET", "/api/expert/profile");
  expect(live.status).toBe(200);
  expect(live.body.completeness.percent).toBeGreaterThan(0);
  expect(live.body.completeness.percent).toBeLessThan(100);
  const edited = await expert.api("PATCH", "/api/expert/profile", {
    headline: "ML engineer and patient teacher",
  });
  expect(edited.status).toBe(200);
  const shown = await app.client().api("GET", `/api/experts/${userId}`);
  expect(shown.body.expert.headline).toBe("ML engineer and patient teacher");

  // The application is closed now.
  const late = await expert.api("PUT", "/api/expert/application", {
    headline: "Trying to edit after approval",
  });
  expect(late.status).toBe(409);
  const again = await admin.api(
    "POST",
    `/api/admin/applications/${userId}/approve`,
  );
  expect(again.status).toBe(409);
});

Deno.test("application fields are validated and bad input stores nothing", async () => {
  const { app, admin } = await withCategories();
  await using _app = app;
  const expert = await signUp(app, "expert");
  await expert.api("PUT", "/api/expert/application", PROFILE);

  const invalid = await expert.api("PUT", "/api/expert/application", {
    headline: "Short",
    bio: "Better bio that is long enough to pass the fifty character minimum.",
    yearsExperience: 61,
    languages: ["english"],
    linkedinOrWebsite: "http://insecure.example.com",
  });
  expect(invalid.status).toBe(400);
  expect(invalid.body.error).toBe("validation_error");
  expect(Object.keys(invalid.body.details).sort()).toEqual([
    "headline",
    "languages.0",
    "linkedinOrWebsite",
    "yearsExperience",
  ]);

  const unknownCategory = await expert.api("PUT", "/api/expert/application", {
    categoryIds: ["astrology"],
    skills: ["Tarot"],
  });
  expect(unknownCategory.status).toBe(400);
  expect(unknownCategory.body.details.categoryIds[0]).toMatch(/astrology/);

  // A retired category can't be chosen.
  expect(
    (await admin.api("PATCH", "/api/admin/categories/design", {
      retired: true,
    })).status,
  ).toBe(200);
  const retired = await expert.api("PUT", "/api/expert/application", {
    categoryIds: ["design"],
  });
  expect(retired.status).toBe(400);

  for (
    const body of [{ unknownField: 1 }, [PROFILE], "just text", { bio: 42 }]
  ) {
    expect((await expert.api("PUT", "/api/expert/application", body)).status)
      .toBe(400);
  }
  const malformed = await expert.request("/api/expert/application", {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: "{not json",
  });
  expect(malformed.status).toBe(400);
  await malformed.body?.cancel();

  // Nothing of the above was stored.
  const stored = (await expert.api("GET", "/api/expert/application")).body
    .application;
  expect(stored).toMatchObject({ ...PROFILE, categoryIds: null, skills: null });

  // HTML in a bio is kept as text, never interpreted.
  const html =
    "<script>alert(1)</script> <b>Bold</b> claims are stored as the text I typed here.";
  const saved = await expert.api("PUT", "/api/expert/application", {
    bio: html,
  });
  expect(saved.status).toBe(200);
  expect(saved.body.application.bio).toBe(html);
});

Deno.test("submitting names every missing step, and steps can't be skipped", async () => {
  const { app } = await withCategories();
  await using _app = app;
  const expert = await signUp(app, "expert");

  const empty = await expert.api("POST", "/api/expert/application/submit");
  expect(empty.status).toBe(400);
  expect(empty.body.message).toMatch(
    /profile, expertise, offerings, credentials/,
  );
  expect(Object.keys(empty.body.details)).toEqual(
    expect.arrayContaining([
      "headline",
      "categoryIds",
      "offerings",
      "documents",
    ]),
  );

  await expert.api("PUT", "/api/expert/application", PROFILE);
  await expert.api("PUT", "/api/expert/application", {
    categoryIds: ["data"],
    skills: ["SQL"],
  });
  const noCredentials = await expert.api(
    "POST",
    "/api/expert/application/submit",
  );
  expect(noCredentials.status).toBe(400);
  expect(noCredentials.body.message).toMatch(/offerings, credentials/);
  expect(noCredentials.body.message).not.toMatch(/profile/);
  const still = await expert.api("GET", "/api/expert/application");
  expect(still.body.application.status).toBe("draft");

  // Complete, but the email address is not confirmed yet.
  await expert.api("POST", "/api/expert/offerings", SESSION);
  await upload(expert, PDF, "cv.pdf", "application/pdf");
  const unconfirmed = await expert.api(
    "POST",
    "/api/expert/application/submit",
  );
  expect(unconfirmed.status).toBe(400);
  expect(Object.keys(unconfirmed.body.details)).toEqual(["email"]);
  expect(unconfirmed.body.message).toMatch(/Confirm your email address/);
  await confirmEmail(expert);

  // Once pending, nothing changes until a decision.
  expect((await expert.api("POST", "/api/expert/application/submit")).status)
    .toBe(200);
  const whilePending = await expert.api("PUT", "/api/expert/application", {
    headline: "Changed while waiting for review",
  });
  expect(whilePending.status).toBe(409);
  expect(whilePending.body.error).toBe("conflict");
  expect((await upload(expert, PDF, "more.pdf", "application/pdf")).status)
    .toBe(409);
  expect((await expert.api("POST", "/api/expert/application/submit")).status)
    .toBe(409);
});

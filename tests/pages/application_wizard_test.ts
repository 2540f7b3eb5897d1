/**
 * The expert application wizard over HTTP: resuming, saving each step,
 * keeping bad input beside its field, the locked states, and who may open
 * the uploaded documents. Every request goes through the real app
 * (middleware, access policy, layouts) with cookie-keeping clients.
 */
import { expect } from "expect";
import { signInAdmin, signUp } from "@/tests/support/auth.ts";
import { getApplication } from "@/services/applications/mod.ts";
import { listOfferings } from "@/services/offerings/mod.ts";
import {
  completeSteps,
  confirmEmail,
  createAppWithCategories,
  expertWithSteps,
  page,
  postFile,
  postForm,
  PROFILE,
} from "./page_helpers.ts";
import { GIF, PDF, pngFile } from "@/tests/support/files.ts";

Deno.test("application wizard: resumes, saves each step, keeps bad input, and can't be skipped", async () => {
  await using app = await createAppWithCategories();
  const expert = await signUp(app, "expert", { name: "Dana Designer" });

  // A new expert starts at the first step; the home links there.
  const entry = await expert.request("/expert/application");
  expect(entry.status).toBe(303);
  expect(entry.headers.get("location")).toBe("/expert/application/profile");
  expect((await page(expert, "/expert")).text).toContain(
    "/expert/application/profile",
  );

  const profile = await page(expert, "/expert/application/profile");
  expect(profile.status).toBe(200);
  expect(profile.text).toContain('aria-current="step"');
  expect(profile.text).toContain('enctype="multipart/form-data"');

  // Submitting straight away names every missing step.
  const early = await postForm(expert, "/expert/application/review", {});
  expect(early.status).toBe(400);
  const earlyText = await early.text();
  for (const missing of ["profile", "expertise", "offerings", "credentials"]) {
    expect(earlyText).toContain(missing);
  }
  expect((await getApplication(app.kv, expert.user!.id)).status).toBe("draft");

  // A bad step comes back at 400 with the input kept and nothing stored.
  const bad = await postForm(expert, "/expert/application/profile", {
    ...PROFILE,
    headline: "Short",
    bio: "<b>bold</b> but too short",
  });
  expect(bad.status).toBe(400);
  const badText = await bad.text();
  expect(badText).toContain('aria-invalid="true"');
  expect(badText).toContain("&lt;b>bold&lt;/b> but too short");
  expect(badText).not.toContain("<b>bold</b>");
  expect((await getApplication(app.kv, expert.user!.id)).headline).toBeNull();

  // A step saves and moves on; coming back resumes at the next open step.
  const saved = await postForm(expert, "/expert/application/profile", PROFILE);
  expect(saved.status).toBe(303);
  expect(saved.headers.get("location")).toBe(
    "/expert/application/expertise?saved=profile",
  );
  expect((await expert.request("/expert/application")).headers.get("location"))
    .toBe("/expert/application/expertise");

  // Unknown categories are refused with a clear 400.
  const unknown = await postForm(expert, "/expert/application/expertise", {
    categoryIds: ["astrology"],
    skills: "Stars",
  });
  expect(unknown.status).toBe(400);
  expect(await unknown.text()).toContain("Stars");

  // A disguised upload is refused and nothing is listed.
  const disguised = await postFile(
    expert,
    "/expert/application/credentials",
    "file",
    new File(["just text"], "diploma.pdf", { type: "application/pdf" }),
    { action: "upload" },
  );
  expect(disguised.status).toBe(400);
  expect(await disguised.text()).toContain("claims to be a PDF");
  expect((await getApplication(app.kv, expert.user!.id)).documents).toEqual([]);

  // A price out of range keeps the offering form's input.
  const pricey = await postForm(expert, "/expert/application/offerings", {
    action: "add",
    kind: "session",
    title: "Gold-plated hour",
    durationMinutes: "60",
    price: "999999",
    currency: "EUR",
    sessions: "",
    description: "",
  });
  expect(pricey.status).toBe(400);
  expect(await pricey.text()).toContain('value="Gold-plated hour"');
  expect(await listOfferings(app.kv, expert.user!.id)).toEqual([]);

  await completeSteps(expert);
  const review = await page(expert, "/expert/application/review");
  expect(review.text).toContain("Product designer helping teams ship");
  expect(review.text).toContain("diploma.pdf");
  // Complete, but the email address is not confirmed yet: the page says so.
  expect(review.text).toContain("Confirm your email address");
  const unconfirmed = await postForm(
    expert,
    "/expert/application/review",
    {},
  );
  expect(unconfirmed.status).toBe(400);
  expect(await unconfirmed.text()).toContain("Confirm your email address");
  expect((await getApplication(app.kv, expert.user!.id)).status).toBe("draft");
  await confirmEmail(expert);
  expect((await page(expert, "/expert/application/review")).text).not
    .toContain("Confirm your email address");
  const submitted = await postForm(expert, "/expert/application/review", {});
  expect(submitted.status).toBe(303);
  expect((await getApplication(app.kv, expert.user!.id)).status).toBe(
    "pending",
  );

  // Pending: the steps are locked, and posting anyway is refused.
  expect((await page(expert, "/expert/application/profile")).text).toContain(
    "Pending review",
  );
  const locked = await postForm(expert, "/expert/application/profile", {
    ...PROFILE,
    headline: "A different headline now",
  });
  expect(locked.status).toBe(409);
  expect((await getApplication(app.kv, expert.user!.id)).headline).toBe(
    PROFILE.headline,
  );
});

Deno.test("documents are served to their owner and to admins only", async () => {
  await using app = await createAppWithCategories();
  const owner = await expertWithSteps(app);
  const [document] = (await getApplication(app.kv, owner.user!.id)).documents;
  const ownPath = `/expert/application/documents/${document.id}`;
  const adminPath = `/admin/applications/${
    owner.user!.id
  }/documents/${document.id}`;

  const mine = await owner.request(ownPath);
  expect(mine.status).toBe(200);
  expect(mine.headers.get("content-type")).toBe("application/pdf");
  expect(mine.headers.get("cache-control")).toContain("no-store");
  expect(new Uint8Array(await mine.arrayBuffer())).toEqual(PDF);

  // Another expert's path names their own (empty) application: not found.
  const other = await signUp(app, "expert");
  expect((await page(other, ownPath)).status).toBe(404);
  expect((await page(other, adminPath)).status).toBe(403);
  const learner = await signUp(app, "learner");
  expect((await page(learner, ownPath)).status).toBe(403);
  expect((await page(learner, adminPath)).status).toBe(403);
  const anonymous = app.client();
  const anonymousAnswer = await anonymous.request(adminPath);
  expect(anonymousAnswer.status).toBe(303);
  expect(anonymousAnswer.headers.get("location")).toContain("/login?next=");

  const admin = await signInAdmin(app, { twoFactor: true });
  const served = await admin.request(adminPath);
  expect(served.status).toBe(200);
  expect(new Uint8Array(await served.arrayBuffer())).toEqual(PDF);
  expect(
    (await page(admin, `/admin/applications/${owner.user!.id}/documents/nope`))
      .status,
  )
    .toBe(404);
});

Deno.test("uploading a photo keeps the profile text being typed; a refused one says why beside the field", async () => {
  await using app = await createAppWithCategories();
  const expert = await signUp(app, "expert");
  const typed = {
    action: "photo",
    headline: "Typed but not yet saved headline",
    bio: "A bio typed before choosing a photo",
  };

  const uploaded = await postFile(
    expert,
    "/expert/application/profile",
    "photo",
    pngFile(),
    typed,
  );
  expect(uploaded.status).toBe(200);
  const uploadedText = await uploaded.text();
  expect(uploadedText).toContain('value="Typed but not yet saved headline"');
  expect(uploadedText).toContain("A bio typed before choosing a photo");
  expect(uploadedText).toContain("Your photo was uploaded.");
  expect((await getApplication(app.kv, expert.user!.id)).photoFileKey).not
    .toBeNull();

  const refused = await postFile(
    expert,
    "/expert/application/profile",
    "photo",
    new File([GIF], "me.gif", { type: "image/gif" }),
    typed,
  );
  expect(refused.status).toBe(400);
  const refusedText = await refused.text();
  expect(refusedText).toContain('value="Typed but not yet saved headline"');
  // The note the summary points to stands beside the photo field.
  expect(refusedText).toContain('id="photo-error"');
  expect(refusedText.indexOf("see the notes next to them")).toBeLessThan(
    refusedText.indexOf('id="photo-error"'),
  );
});

Deno.test("a file over the upload limit comes back on the same step, with the reason beside the field", async () => {
  await using app = await createAppWithCategories();
  const expert = await signUp(app, "expert");
  const form = new FormData();
  form.set("action", "upload");
  form.set(
    "file",
    new File([new Uint8Array(20 * 1024 * 1024)], "huge.pdf", {
      type: "application/pdf",
    }),
  );
  const encoded = new Response(form);
  const body = new Uint8Array(await encoded.arrayBuffer());
  const contentType = encoded.headers.get("content-type")!;
  // As a browser sends it (length declared), and streamed (no length).
  for (const declared of [true, false]) {
    const headers: Record<string, string> = { "content-type": contentType };
    if (declared) headers["content-length"] = String(body.length);
    const answer = await expert.request("/expert/application/credentials", {
      method: "POST",
      headers,
      body: declared ? body : new Blob([body]).stream(),
    });
    expect(answer.status).toBe(413);
    const text = await answer.text();
    expect(text).toContain('aria-current="step"');
    expect(text).toContain('id="file-error"');
    expect(text).toContain("larger than 10 MB");
    // Still signed in: the header offers the account, not "Log in".
    expect(text).not.toContain(">Log in<");
  }
  expect((await getApplication(app.kv, expert.user!.id)).documents).toEqual([]);

  // The page checks the size before sending, where scripts run.
  const step = await page(expert, "/expert/application/credentials");
  expect(step.text).toContain("FileSizeCheck");
});

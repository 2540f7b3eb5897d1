/**
 * The admin review queue over HTTP: the queue by status, decisions that
 * need a note, and an approval that publishes the profile with its
 * offerings and photo.
 */
import { expect } from "expect";
import { signInAdmin, signUp } from "@/tests/support/auth.ts";
import { getApplication } from "@/services/applications/mod.ts";
import { setCategoryRetired } from "@/services/categories/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import {
  completeSteps,
  createAppWithCategories,
  page,
  postFile,
  postForm,
  PROFILE,
  submitForReview,
} from "./page_helpers.ts";
import { pngFile } from "@/tests/support/files.ts";

Deno.test("admin review: queue, notes required, approval publishes with offerings and photo", async () => {
  await using app = await createAppWithCategories();
  const expert = await signUp(app, "expert", { name: "Robin Reviewed" });
  const photo = await postFile(
    expert,
    "/expert/application/profile",
    "photo",
    pngFile(),
    { action: "photo" },
  );
  expect(photo.status).toBe(200);
  await completeSteps(expert);
  await submitForReview(expert);
  const userId = expert.user!.id;
  const photoKey = (await getApplication(app.kv, userId)).photoFileKey!;
  const photoPath = `/experts/${userId}/photo/${photoKey.split("/").at(-1)}`;

  // Before approval the photo is private: the owner sees it, visitors don't.
  expect((await page(app.client(), photoPath)).status).toBe(404);
  expect((await expert.request(photoPath)).status).toBe(200);

  const admin = await signInAdmin(app, { twoFactor: true });
  const queue = await page(admin, "/admin/applications");
  expect(queue.status).toBe(200);
  expect(queue.text).toContain("Robin Reviewed");
  expect((await page(admin, "/admin/applications?status=approved")).text)
    .not.toContain("Robin Reviewed");

  const detail = await page(admin, `/admin/applications/${userId}`);
  expect(detail.status).toBe(200);
  expect(detail.text).toContain("Portfolio review");
  expect(detail.text).toContain("diploma.pdf");
  // The admin sees the photo that approval would make public.
  expect(detail.text).toMatch(
    new RegExp(
      `<img[^>]*src="${photoPath}"[^>]*alt="[^"]+"|<img[^>]*alt="[^"]+"[^>]*src="${photoPath}"`,
    ),
  );
  const photoForAdmin = await admin.request(photoPath);
  expect(photoForAdmin.status).toBe(200);
  await photoForAdmin.body?.cancel();

  // Rejecting needs a note; the form comes back with a message.
  const noNote = await postForm(admin, `/admin/applications/${userId}`, {
    decision: "reject",
    note: "",
  });
  expect(noNote.status).toBe(400);
  expect((await getApplication(app.kv, userId)).status).toBe("pending");

  const approved = await postForm(admin, `/admin/applications/${userId}`, {
    decision: "approve",
    note: "Welcome aboard!",
  });
  expect(approved.status).toBe(303);
  expect((await getExpert(app.kv, userId))?.published).toBe(true);

  // The public profile shows its offerings and photo; the photo is cacheable.
  const profile = await page(app.client(), `/experts/${userId}`);
  expect(profile.status).toBe(200);
  expect(profile.text).toContain("Portfolio review");
  expect(profile.text).toContain("€80.00");
  expect(profile.text).toContain(photoPath);
  // Structured data is read off-site: the photo's URL there is absolute.
  expect(profile.text).toMatch(
    new RegExp(`"image":"https?://[^"]+${photoPath}"`),
  );
  const publicPhoto = await app.client().request(photoPath);
  expect(publicPhoto.status).toBe(200);
  expect(publicPhoto.headers.get("content-type")).toBe("image/jpeg");
  expect(publicPhoto.headers.get("cache-control")).toContain("public");
  await publicPhoto.body?.cancel();
  expect((await page(app.client(), "/experts?category=design")).text)
    .toContain("Robin Reviewed");

  // The expert now edits the live profile, with a completeness checklist.
  const live = await page(expert, "/expert/profile");
  expect(live.text).toContain("% complete");
  const edited = await postForm(expert, "/expert/profile", {
    ...PROFILE,
    headline: "Design mentor for product teams",
    categoryIds: ["design"],
    skills: "Figma, Research",
  });
  expect(edited.status).toBe(303);
  const published = (await page(app.client(), `/experts/${userId}`)).text;
  expect(published).toContain("Design mentor for product teams");
  // Its category chip leads to the category's page.
  expect(published).toContain('href="/categories/design"');
  // A retired category stays on the profile, as a chip without a link.
  await setCategoryRetired(app.kv, "design", true);
  const withRetired = (await page(app.client(), `/experts/${userId}`)).text;
  expect(withRetired).toContain("Design</span>");
  expect(withRetired).not.toContain('href="/categories/design"');
  await setCategoryRetired(app.kv, "design", false);

  // Unpublishing needs a note, then hides the profile at once.
  const unpublish = await postForm(admin, `/admin/applications/${userId}`, {
    decision: "unpublish",
    note: "Several complaints about missed sessions.",
  });
  expect(unpublish.status).toBe(303);
  expect((await page(app.client(), `/experts/${userId}`)).status).toBe(404);
  expect((await page(app.client(), photoPath)).status).toBe(404);
  // The expert's overview says so, with the admin's note; it is not "public".
  const overview = (await page(expert, "/expert")).text;
  expect(overview).toContain("your profile is hidden");
  expect(overview).toContain("Several complaints about missed sessions.");
  expect(overview).not.toContain("Your profile is public");
});

Deno.test("admin review: the applicant's email confirmation is shown, and approval waits for it", async () => {
  await using app = await createAppWithCategories();
  const expert = await signUp(app, "expert", { name: "Una Unconfirmed" });
  await completeSteps(expert);
  await submitForReview(expert);
  const userId = expert.user!.id;
  const admin = await signInAdmin(app, { twoFactor: true });
  expect((await page(admin, `/admin/applications/${userId}`)).text)
    .toContain('<span class="text-emerald-800">verified</span>');
  expect(
    (await admin.api("GET", `/api/admin/applications/${userId}`)).body
      .applicant.emailVerified,
  ).toBe(true);

  // The address changes back to unconfirmed while the application waits.
  const user = (await app.kv.get<Record<string, unknown>>(["users", userId]))
    .value!;
  await app.kv.set(["users", userId], { ...user, emailVerified: false });
  const detail = await page(admin, `/admin/applications/${userId}`);
  expect(detail.text).toContain("not confirmed yet");
  const approve = await postForm(admin, `/admin/applications/${userId}`, {
    decision: "approve",
    note: "",
  });
  expect(approve.status).toBe(409);
  expect(await approve.text()).toContain("confirmed their email address");
  expect((await getApplication(app.kv, userId)).status).toBe("pending");
});

Deno.test("admin users: making an expert a learner warns first, then records, emails and keeps the profile hidden", async () => {
  await using app = await createAppWithCategories();
  const expert = await signUp(app, "expert", { name: "Sam Switched" });
  await completeSteps(expert);
  await submitForReview(expert);
  const userId = expert.user!.id;
  const admin = await signInAdmin(app, { twoFactor: true });
  expect(
    (await postForm(admin, `/admin/applications/${userId}`, {
      decision: "approve",
      note: "",
    })).status,
  ).toBe(303);

  // The switch says beforehand what happens to the profile.
  const listing = await page(admin, "/admin/users?q=Sam");
  expect(listing.text).toContain("hidden at once and they are emailed why");

  const made = await postForm(admin, "/admin/users", {
    action: "role",
    userId,
    role: "learner",
    back: "/admin/users",
  });
  expect(made.status).toBe(303);
  expect((await getExpert(app.kv, userId))?.published).toBe(false);
  const history = await page(admin, `/admin/applications/${userId}`);
  expect(history.text).toContain(
    "switched your account from expert to learner",
  );
  const mail = (await listOutbox(app.kv, { to: expert.user!.email }))
    .find((message) => message.subject.includes("unpublished"));
  expect(mail?.text).toContain("switched your account from expert to learner");

  // Made an expert again, the profile stays hidden, and the overview's
  // "an admin unpublished your profile; check your email" is true.
  await postForm(admin, "/admin/users", {
    action: "role",
    userId,
    role: "expert",
    back: "/admin/users",
  });
  expect((await getExpert(app.kv, userId))?.published).toBe(false);
});

/**
 * HTTP tests for the pages of issue 4: the expert application wizard, the
 * expert's profile and offerings, the admin review queue and category
 * administration, learner onboarding with recommendations, the public
 * profile's offerings and photo, and who may open application documents.
 * Every request goes through the real app (middleware, access policy,
 * layouts) with cookie-keeping clients from auth/testing.ts.
 */
import { expect } from "expect";
import {
  type AuthTestApp,
  type Client,
  createAuthTestApp,
  signInAdmin,
  signUp,
} from "./support/auth.ts";
import { getApplication } from "@/services/applications/mod.ts";
import {
  createCategory,
  setCategoryRetired,
} from "@/services/categories/mod.ts";
import { getExpert } from "@/services/experts/mod.ts";
import { listOfferings } from "@/services/offerings/mod.ts";

/** A tiny but real PDF: its bytes start with the PDF signature. */
export const SMALL_PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

/** The PNG signature and an IHDR chunk: enough for the type check. */
const SMALL_PNG = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  0,
  0,
  0,
  13,
  0x49,
  0x48,
  0x44,
  0x52,
  0,
  0,
  0,
  1,
  0,
  0,
  0,
  1,
  8,
  6,
  0,
  0,
  0,
  0x1f,
  0x15,
  0xc4,
  0x89,
]);

/** Posts an urlencoded form; repeated fields are given as arrays. */
function postForm(
  client: Client,
  path: string,
  fields: Record<string, string | string[]>,
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      body.append(name, item);
    }
  }
  return client.request(path, { method: "POST", body });
}

/** Posts a multipart form with one file, as a browser's file input would. */
function postFile(
  client: Client,
  path: string,
  field: string,
  file: File,
  fields: Record<string, string> = {},
): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  body.set(field, file);
  return client.request(path, { method: "POST", body });
}

async function page(client: Client, path: string) {
  const response = await client.request(path);
  return { status: response.status, text: await response.text(), response };
}

async function addCategories(app: AuthTestApp) {
  await createCategory(app.kv, {
    id: "design",
    name: "Design",
    icon: "palette",
    order: 0,
  });
  await createCategory(app.kv, {
    id: "ux-research",
    name: "UX research",
    icon: "search",
    parentId: "design",
  });
  await createCategory(app.kv, {
    id: "music",
    name: "Music",
    icon: "music",
    order: 1,
  });
}

const PROFILE = {
  headline: "Product designer helping teams ship",
  bio:
    "I have designed products for fifteen years, at start-ups and large companies. Beginners welcome: I teach research, interaction design and prototyping.",
  yearsExperience: "15",
  languages: ["en", "fr"],
  linkedinOrWebsite: "https://www.linkedin.com/in/example",
  location: "Lyon, France",
};

/** Walks an expert through every step of the wizard, without submitting. */
async function completeSteps(client: Client) {
  expect(
    (await postForm(client, "/expert/application/profile", PROFILE)).status,
  )
    .toBe(303);
  expect(
    (await postForm(client, "/expert/application/expertise", {
      categoryIds: ["design", "ux-research"],
      skills: "Figma, User research, Prototyping",
    })).status,
  ).toBe(303);
  expect(
    (await postForm(client, "/expert/application/offerings", {
      action: "add",
      kind: "session",
      title: "Portfolio review",
      durationMinutes: "60",
      price: "80",
      currency: "EUR",
      sessions: "",
      description: "We go through your portfolio together.",
    })).status,
  ).toBe(303);
  const upload = await postFile(
    client,
    "/expert/application/credentials",
    "file",
    new File([SMALL_PDF], "diploma.pdf", { type: "application/pdf" }),
    { action: "upload" },
  );
  expect(upload.status).toBe(303);
}

Deno.test("application wizard: resumes, saves each step, keeps bad input, and can't be skipped", async () => {
  await using app = await createAuthTestApp();
  await addCategories(app);
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
  await using app = await createAuthTestApp();
  await addCategories(app);
  const owner = await signUp(app, "expert");
  await completeSteps(owner);
  const [document] = (await getApplication(app.kv, owner.user!.id)).documents;
  const ownPath = `/expert/application/documents/${document.id}`;
  const adminPath = `/admin/applications/${
    owner.user!.id
  }/documents/${document.id}`;

  const mine = await owner.request(ownPath);
  expect(mine.status).toBe(200);
  expect(mine.headers.get("content-type")).toBe("application/pdf");
  expect(mine.headers.get("cache-control")).toContain("no-store");
  expect(new Uint8Array(await mine.arrayBuffer())).toEqual(SMALL_PDF);

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
  expect(new Uint8Array(await served.arrayBuffer())).toEqual(SMALL_PDF);
  expect(
    (await page(admin, `/admin/applications/${owner.user!.id}/documents/nope`))
      .status,
  )
    .toBe(404);
});

Deno.test("admin review: queue, notes required, approval publishes with offerings and photo", async () => {
  await using app = await createAuthTestApp();
  await addCategories(app);
  const expert = await signUp(app, "expert", { name: "Robin Reviewed" });
  const photo = await postFile(
    expert,
    "/expert/application/profile",
    "photo",
    new File([SMALL_PNG], "me.png", { type: "image/png" }),
    { action: "photo" },
  );
  expect(photo.status).toBe(303);
  await completeSteps(expert);
  expect((await postForm(expert, "/expert/application/review", {})).status)
    .toBe(303);
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
  expect(publicPhoto.headers.get("content-type")).toBe("image/png");
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
  expect((await page(app.client(), `/experts/${userId}`)).text).toContain(
    "Design mentor for product teams",
  );
  // A retired category stays on the profile, as a chip without a link.
  await setCategoryRetired(app.kv, "design", true);
  const withRetired = (await page(app.client(), `/experts/${userId}`)).text;
  expect(withRetired).toContain("Design</span>");
  expect(withRetired).not.toContain('href="/experts?category=design"');
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

Deno.test("expert offerings page: add, edit, remove, with errors beside the fields", async () => {
  await using app = await createAuthTestApp();
  const expert = await signUp(app, "expert");
  expect((await page(expert, "/expert/offerings")).status).toBe(200);
  const added = await postForm(expert, "/expert/offerings", {
    action: "add",
    kind: "package",
    title: "Five lessons",
    durationMinutes: "45",
    price: "200",
    currency: "USD",
    sessions: "5",
    description: "",
  });
  expect(added.status).toBe(303);
  const [offering] = await listOfferings(app.kv, expert.user!.id);
  expect(offering).toMatchObject({ sessions: 5, priceMinor: 20000 });

  const bad = await postForm(expert, "/expert/offerings", {
    action: "save",
    offeringId: offering.id,
    kind: "package",
    title: "Five lessons",
    durationMinutes: "50",
    price: "abc",
    currency: "USD",
    sessions: "5",
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

Deno.test("admin categories: create (errors keep input), rename, reorder, retire", async () => {
  await using app = await createAuthTestApp();
  await addCategories(app);
  const admin = await signInAdmin(app, { twoFactor: true });
  const list = await page(admin, "/admin/categories");
  expect(list.status).toBe(200);
  expect(list.text).toContain("UX research");

  const bad = await postForm(admin, "/admin/categories", {
    action: "create",
    name: "Cooking",
    id: "Not A Slug!",
    icon: "salad",
    description: "",
    parentId: "",
  });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain('value="Cooking"');

  const created = await postForm(admin, "/admin/categories", {
    action: "create",
    name: "Cooking",
    id: "",
    icon: "salad",
    description: "Food and kitchens",
    parentId: "",
  });
  expect(created.status).toBe(303);
  const duplicate = await postForm(admin, "/admin/categories", {
    action: "create",
    name: "Cooking",
    id: "cooking",
    icon: "salad",
    description: "",
    parentId: "",
  });
  expect(duplicate.status).toBe(409);

  expect(
    (await postForm(admin, "/admin/categories", {
      action: "rename",
      categoryId: "music",
      name: "Music and audio",
      icon: "music",
      description: "",
    })).status,
  ).toBe(303);
  expect(
    (await postForm(admin, "/admin/categories", {
      action: "move",
      categoryId: "cooking",
      direction: "up",
    })).status,
  ).toBe(303);
  expect(
    (await postForm(admin, "/admin/categories", {
      action: "retire",
      categoryId: "design",
    })).status,
  ).toBe(303);
  const after = await page(admin, "/admin/categories");
  expect(after.text).toContain("Music and audio");
  expect(after.text.indexOf("Cooking")).toBeLessThan(
    after.text.indexOf("Music and audio"),
  );
  expect(after.text).toContain("Retired");
  expect((await page(app.client(), "/categories/design")).status).toBe(404);

  // Experts and learners are turned away.
  const expert = await signUp(app, "expert");
  expect((await page(expert, "/admin/categories")).status).toBe(403);
});

Deno.test("learner onboarding: prompt, errors keep input, then recommendations", async () => {
  await using app = await createAuthTestApp();
  await addCategories(app);
  // A published expert in Design to recommend, through the real flow.
  const expert = await signUp(app, "expert", { name: "Sam Mentor" });
  await completeSteps(expert);
  await postForm(expert, "/expert/application/review", {});
  const admin = await signInAdmin(app, { twoFactor: true });
  await postForm(admin, `/admin/applications/${expert.user!.id}`, {
    decision: "approve",
    note: "",
  });

  const learner = await signUp(app, "learner");
  const dashboard = await page(learner, "/dashboard");
  expect(dashboard.text).toContain("/dashboard/onboarding");
  expect(dashboard.text).not.toContain("Recommended for you");

  const form = await page(learner, "/dashboard/onboarding");
  expect(form.status).toBe(200);

  const bad = await postForm(learner, "/dashboard/onboarding", {
    "goal-0": "Learn to run user interviews",
    "goal-0-date": "2001-01-01",
  });
  expect(bad.status).toBe(400);
  const badText = await bad.text();
  expect(badText).toContain('value="Learn to run user interviews"');
  expect(badText).toContain("Choose at least one interest");

  const saved = await postForm(learner, "/dashboard/onboarding", {
    "goal-0": "Learn to run user interviews",
    "goal-0-date": "",
    "level-design": "beginner",
  });
  expect(saved.status).toBe(303);
  const after = await page(learner, "/dashboard");
  expect(after.text).toContain("Recommended for you");
  expect(after.text).toContain("Sam Mentor");
  // Editing later shows the saved answers.
  expect((await page(learner, "/dashboard/onboarding")).text).toContain(
    'value="Learn to run user interviews"',
  );
});

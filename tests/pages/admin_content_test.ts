/**
 * Content management over HTTP: blog drafts stay private until published
 * (the page, the list, the sitemap), the preview uses the blog's own
 * sanitising renderer, images are checked from their bytes and served,
 * FAQ edits show on /faq, and the settings page saves each section.
 */
import { expect } from "expect";
import {
  createAuthTestApp,
  signInAdmin,
  signUp,
} from "@/tests/support/auth.ts";
import { pdfFile, pngFile } from "@/tests/support/files.ts";
import { getSettings } from "@/services/settings/mod.ts";
import { listFaqEntries } from "@/services/content/mod.ts";
import { page, postForm } from "./page_helpers.ts";

const POST = {
  title: "Asking better questions",
  slug: "asking-better-questions",
  excerpt: "Get more from every session.",
  author: "Root Admin",
  tags: "sessions, tips",
  bodyMarkdown: "## Prepare\n\nWrite down *three* questions.",
  status: "draft",
  basedOn: "",
  action: "save",
};

Deno.test("a draft is private until published; then it is on the blog and in the sitemap at once", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const visitor = app.client();

  const saved = await postForm(admin, "/admin/blog/new", POST);
  expect(saved.status).toBe(303);
  expect(saved.headers.get("location")).toBe(
    "/admin/blog/asking-better-questions?done=draft",
  );
  expect((await page(visitor, "/blog/asking-better-questions")).status).toBe(
    404,
  );
  expect((await page(visitor, "/blog")).text).not.toContain(POST.title);
  expect((await page(visitor, "/sitemap.xml")).text).not.toContain(POST.slug);
  expect((await page(admin, "/admin/blog")).text).toContain("Draft");

  // Warm the public cache, then publish: the next read is fresh.
  await page(visitor, "/blog");
  const editor = await page(admin, "/admin/blog/asking-better-questions");
  const basedOn = /name="basedOn" value="([^"]+)"/.exec(editor.text)![1];
  const published = await postForm(
    admin,
    "/admin/blog/asking-better-questions",
    { ...POST, status: "published", basedOn },
  );
  expect(published.status).toBe(303);
  const article = await page(visitor, "/blog/asking-better-questions");
  expect(article.status).toBe(200);
  expect(article.text).toContain("<em>three</em>");
  expect((await page(visitor, "/blog")).text).toContain(POST.title);
  expect((await page(visitor, "/sitemap.xml")).text).toContain(POST.slug);

  // A stale editor (the old version) is refused with a clear message.
  const stale = await postForm(admin, "/admin/blog/asking-better-questions", {
    ...POST,
    basedOn,
  });
  expect(stale.status).toBe(409);
  expect(await stale.text()).toContain("Someone saved this post");

  // A taken slug is explained beside the field.
  const taken = await postForm(admin, "/admin/blog/new", POST);
  expect(taken.status).toBe(400);
  expect(await taken.text()).toContain(
    "is already the address of “Asking better questions”",
  );

  // Left empty, the address is made from the title.
  const untitled = await postForm(admin, "/admin/blog/new", {
    ...POST,
    title: "Café questions, answered!",
    slug: "",
  });
  expect(untitled.headers.get("location")).toBe(
    "/admin/blog/cafe-questions-answered?done=draft",
  );
  const noAddress = await postForm(admin, "/admin/blog/new", {
    ...POST,
    title: "日本語の記事",
    slug: "",
  });
  expect(noAddress.status).toBe(400);
  expect(await noAddress.text()).toContain(
    "The title has no Latin letters or digits to make an address from",
  );

  const deleted = await postForm(admin, "/admin/blog/asking-better-questions", {
    action: "delete",
  });
  expect(deleted.headers.get("location")).toBe("/admin/blog?done=deleted");
  expect((await page(visitor, "/blog/asking-better-questions")).status).toBe(
    404,
  );
});

Deno.test("the preview is the blog's sanitised rendering, for admins only; images are checked from their bytes", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const learner = await signUp(app, "learner");
  const markdown = "**Hi** <script>alert(1)</script> [x](javascript:alert(1))";
  const preview = await admin.api("POST", "/api/admin/blog/preview", {
    markdown,
  });
  expect(preview.status).toBe(200);
  expect(preview.body.html).toContain("<strong>Hi</strong>");
  expect(preview.body.html).not.toContain("<script");
  expect(preview.body.html).not.toContain("javascript:");
  expect(
    (await learner.api("POST", "/api/admin/blog/preview", { markdown })).status,
  ).toBe(403);

  const upload = async (file: File, alt: string) => {
    const body = new FormData();
    body.set("file", file);
    body.set("alt", alt);
    const response = await admin.request("/api/admin/blog/images", {
      method: "POST",
      body,
      headers: { accept: "application/json" },
    });
    return { status: response.status, body: await response.json() };
  };
  const refused = await upload(pdfFile("photo.png"), "x");
  expect(refused.status).toBe(400);
  expect(refused.body.details.file[0]).toContain("PDF files are not accepted");
  const stored = await upload(pngFile("desk.png"), "A [tidy] desk");
  expect(stored.status).toBe(201);
  expect(stored.body.image.markdown).toMatch(
    /^!\[A tidy desk\]\(\/blog\/images\/[0-9a-f]{32}-1x1\.jpg\)$/,
  );
  const image = await app.client().request(stored.body.image.url);
  expect(image.status).toBe(200);
  expect(image.headers.get("content-type")).toBe("image/jpeg");
  expect(image.headers.get("cache-control")).toContain("immutable");
  await image.body?.cancel();
});

Deno.test("FAQ edits show on /faq; the settings page saves reminders and switches; the old address redirects", async () => {
  await using app = await createAuthTestApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  const visitor = app.client();
  expect((await page(visitor, "/faq")).text).toContain(
    "What is a TapTime session?",
  );
  const [first] = await listFaqEntries(app.kv);
  const edited = await postForm(admin, "/admin/faq", {
    action: "update",
    id: first.id,
    section: "learners",
    question: "What exactly is a TapTime session?",
    answerMarkdown: "A **private** session; fee {commissionPercent}%.",
  });
  expect(edited.status).toBe(303);
  const faq = (await page(visitor, "/faq")).text;
  expect(faq).toContain("What exactly is a TapTime session?");
  expect(faq).toContain("<strong>private</strong> session; fee 15%.");
  const bad = await postForm(admin, "/admin/faq", {
    action: "create",
    section: "learners",
    question: "?",
    answerMarkdown: "",
  });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain("Write the question");

  const settings = await page(admin, "/admin/settings");
  for (
    const heading of [
      "Money",
      "Bookings",
      "Reminders",
      "Retention",
      "Feature switches",
    ]
  ) expect(settings.text).toContain(`>${heading}</h2>`);
  expect(settings.text).toContain("Not run yet");
  const wrongHours = await postForm(admin, "/admin/settings", {
    action: "settings",
    section: "reminders",
    reminderHoursBefore: "48, 1",
  });
  expect(wrongHours.status).toBe(400);
  expect(await wrongHours.text()).toContain("Use at most 24 hours.");
  const hours = await postForm(admin, "/admin/settings", {
    action: "settings",
    section: "reminders",
    reminderHoursBefore: "2, 12",
  });
  expect(hours.headers.get("location")).toBe(
    "/admin/settings?done=settings#reminders",
  );
  const switches = await postForm(admin, "/admin/settings", {
    action: "settings",
    section: "features",
    retentionJobs: "on",
  });
  expect(switches.status).toBe(303);
  expect(await getSettings(app.kv)).toMatchObject({
    reminderHoursBefore: [12, 2],
    smsReminders: false,
    retentionJobs: true,
  });
  // The audit log says what changed, from what to what.
  const audit = await page(admin, "/admin/audit?type=settings_changed");
  expect(audit.text).toMatch(
    /reminderHoursBefore:<\/span>\s*24(,\d+)* → 12,2/,
  );

  const old = await admin.request("/admin/finance/settings?edit=usd-50");
  expect(old.status).toBe(308);
  expect(old.headers.get("location")).toBe("/admin/settings?edit=usd-50");
});

/**
 * Content management in Chromium: an admin writes a blog post and watches
 * the live preview, saves it as a draft (not public), publishes it (public
 * at once, though a visitor had the blog cached), edits an FAQ answer and
 * finds it on /faq, and changes the reminder times. Every page passes axe
 * at 360 px and at 1280 px. With SCREENSHOTS=<folder>, views are saved.
 */
import { expect } from "expect";
import {
  adminWithTwoFactor,
  checkBothWidths,
  expectAccessible,
  newPhonePage,
  until,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import { getSettings } from "@/services/settings/mod.ts";

Deno.test({
  name:
    "an admin writes, previews, drafts and publishes a post, edits the FAQ and a setting: axe-clean at 360 and 1280 px",
  ignore: !browserTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withBrowser(async (app, browser) => {
      const admin = await newPhonePage(browser);
      const visitor = await newPhonePage(browser);
      const { page } = admin;
      const base = app.baseUrl;
      await adminWithTwoFactor(page, app);

      // The blog, cached for visitors before anything changes.
      await visitor.page.goto(`${base}/blog`);

      await page.goto(`${base}/admin/blog`);
      await checkBothWidths(page, "content-1-blog-list");
      // The editor's script is held back until the post is typed, as on a
      // slow connection: what was typed before it started is previewed too.
      let startEditor = () => {};
      const typed = new Promise<void>((resolve) => startEditor = resolve);
      await page.route("**/_fresh/js/BlogPreview-*.js", async (route) => {
        await typed;
        await route.continue();
      });
      await page.getByRole("link", { name: "Write a post" }).click();
      await page.waitForURL(`${base}/admin/blog/new`, {
        waitUntil: "commit",
      });
      await page.getByLabel("Title").fill("Five habits of fast learners");
      await page.getByLabel("Slug").fill("five-habits");
      await page.getByLabel("Summary").fill("What the quickest learners do.");
      await page.getByLabel("Post (Markdown)").fill(
        "## Habit one\n\nAsk **one** question at a time.",
      );
      startEditor();
      const preview = page.locator("#blog-preview");
      await until(
        async () =>
          (await preview.innerHTML()).includes("<strong>one</strong>"),
        { what: "the live preview" },
      );
      await expect(preview.locator("h2").innerText()).resolves.toBe(
        "Habit one",
      );
      await checkBothWidths(page, "content-2-editor-preview");
      await page.getByRole("button", { name: "Save post" }).click();
      await page.waitForURL(/\/admin\/blog\/five-habits\?done=draft/);
      await expect(page.getByText("Saved as a draft.").count()).resolves.toBe(
        1,
      );
      await checkBothWidths(page, "content-3-draft-saved");

      const draftVisit = await visitor.page.goto(`${base}/blog/five-habits`);
      expect(draftVisit?.status()).toBe(404);

      await page.getByText("Published", { exact: true }).click();
      await page.getByRole("button", { name: "Save post" }).click();
      await page.waitForURL(/done=published/);
      await visitor.page.goto(`${base}/blog`);
      await expect(
        visitor.page.getByRole("link", { name: "Five habits of fast learners" })
          .count(),
      ).resolves.toBe(1);
      await visitor.page.getByRole("link", {
        name: "Five habits of fast learners",
      }).click();
      await expect(visitor.page.locator("article strong").innerText())
        .resolves.toBe("one");
      await expectAccessible(visitor.page);

      await page.goto(`${base}/admin/faq`);
      await checkBothWidths(page, "content-4-faq");
      await page.getByRole("link", { name: "Edit “How are experts vetted?”" })
        .click();
      await page.locator("ol li").getByLabel("Answer (Markdown)").fill(
        "Each expert is interviewed by our team before publishing.",
      );
      await page.getByRole("button", { name: "Save question" }).click();
      await page.waitForURL(/done=saved/);
      await checkBothWidths(page, "content-5-faq-saved");
      await visitor.page.goto(`${base}/faq`);
      await visitor.page.getByText("How are experts vetted?").click();
      await expect(
        visitor.page.getByText("Each expert is interviewed by our team")
          .isVisible(),
      ).resolves.toBe(true);
      await expectAccessible(visitor.page);

      await page.goto(`${base}/admin/settings`);
      await checkBothWidths(page, "content-6-settings");
      await page.getByLabel("Hours before a session").fill("24, 2");
      await page.getByRole("button", { name: "Save reminder times" }).click();
      await page.waitForURL(/done=settings#reminders/);
      await expect(
        page.getByText("The settings are saved and in force from now on.")
          .count(),
      ).resolves.toBe(1);
      expect((await getSettings(app.kv)).reminderHoursBefore).toEqual([24, 2]);
      await checkBothWidths(page, "content-7-settings-saved");

      expect([...admin.errors, ...visitor.errors]).toEqual([]);
      await admin.close();
      await visitor.close();
    });
  },
});

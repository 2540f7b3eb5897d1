/**
 * Blog images in Chromium: an admin uploads an image in the editor with
 * scripts on (inserted where the cursor is, the preview following) and
 * with scripts off (the form itself uploads, and comes back with the image
 * at the end of the post), sees a refusal beside the field, publishes, and
 * a visitor's browser loads the picture from its srcset. Axe-clean at
 * 360 px and 1280 px. With SCREENSHOTS=<folder>, views are saved.
 */
import { Buffer } from "node:buffer";
import { expect } from "expect";
import type { Page } from "playwright-core";
import {
  adminWithTwoFactor,
  checkBothWidths,
  islandStarted,
  newPhonePage,
  until,
  withBrowser,
} from "@/tests/support/browser_flows.ts";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import { testJpeg, withExif } from "@/tests/support/images.ts";

const SHOTS = Deno.env.get("SCREENSHOTS");

/**
 * Screenshots at 360 and 1280 px of a page without scripts (axe runs as a
 * script, so the same markup is checked in the scripted pages instead).
 */
async function shots(page: Page, name: string) {
  if (!SHOTS) return;
  await page.screenshot({ path: `${SHOTS}/${name}-360.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SHOTS}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
}

async function fillPost(page: Page) {
  await page.getByLabel("Title").fill("Set up your desk");
  await page.getByLabel("Slug").fill("set-up-your-desk");
  await page.getByLabel("Summary").fill("A calm desk for calm sessions.");
  await page.getByLabel("Post (Markdown)").fill("## Light\n\nSit by a window.");
}

Deno.test({
  name:
    "an admin uploads blog images with and without scripts, sees refusals beside the field, and readers get the srcset: axe-clean at 360 and 1280 px",
  ignore: !browserTestsEnabled,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    await withBrowser(async (app, browser) => {
      const admin = await newPhonePage(browser);
      const { page } = admin;
      const base = app.baseUrl;
      await adminWithTwoFactor(page, app);

      // With scripts: the enhanced upload inserts where the cursor is.
      await page.goto(`${base}/admin/blog/new`);
      await fillPost(page);
      await checkBothWidths(page, "blogimg-1-editor");
      const textarea = page.getByLabel("Post (Markdown)");
      await textarea.evaluate((el: HTMLTextAreaElement) =>
        el.setSelectionRange(9, 9)
      );
      await page.getByLabel("Image", { exact: true }).setInputFiles({
        name: "window.jpg",
        mimeType: "image/jpeg",
        buffer: Buffer.from(withExif(await testJpeg(1200, 800))),
      });
      await page.getByLabel("Description").fill("A desk by a window");
      // Without its script the button sends the whole form (tested below).
      await islandStarted(page, "BlogPreview.BlogImageUpload");
      await page.getByRole("button", { name: "Upload and insert" }).click();
      await until(
        async () => (await textarea.inputValue()).includes("![A desk by"),
        { what: "the inserted image", tries: 300 },
      );
      expect(await textarea.inputValue()).toMatch(
        /^## Light\n+!\[A desk by a window\]\(\/blog\/images\/[0-9a-f]{32}-1200x800\.jpg\)\n+Sit by a window\.$/,
      );
      const preview = page.locator("#blog-preview img");
      await until(async () => (await preview.count()) === 1, {
        what: "the preview's image",
      });
      await until(
        async () =>
          await preview.evaluate((img: HTMLImageElement) =>
            img.complete && img.naturalWidth > 0
          ),
        { what: "the preview's image to load" },
      );
      await expect(page.getByText("Image uploaded and inserted").count())
        .resolves.toBe(1);
      await checkBothWidths(page, "blogimg-2-inserted");
      expect(admin.errors).toEqual([]);

      // Without scripts: the same form uploads, keeping what was typed.
      const noScript = await browser.newContext({
        viewport: { width: 360, height: 740 },
        javaScriptEnabled: false,
        storageState: await page.context().storageState(),
      });
      const plain = await noScript.newPage();
      plain.setDefaultTimeout(30_000);
      await plain.goto(`${base}/admin/blog/new`);
      await fillPost(plain);
      await plain.getByRole("button", { name: "Upload and insert" }).click();
      await plain.waitForLoadState();
      await expect(plain.getByText("Choose an image to upload.").count())
        .resolves.toBeGreaterThan(0);
      await expect(plain.getByLabel("Title").inputValue()).resolves.toBe(
        "Set up your desk",
      );
      await shots(plain, "blogimg-3-nojs-refused");
      await plain.getByLabel("Image", { exact: true }).setInputFiles({
        name: "notes.jpg",
        mimeType: "image/jpeg",
        buffer: Buffer.from("not a picture"),
      });
      await plain.getByRole("button", { name: "Upload and insert" }).click();
      await plain.waitForLoadState();
      await expect(plain.getByText(/claims to be a JPEG/).count()).resolves
        .toBeGreaterThan(0);
      await plain.getByLabel("Image", { exact: true }).setInputFiles({
        name: "plant.jpg",
        mimeType: "image/jpeg",
        buffer: Buffer.from(withExif(await testJpeg(900, 600))),
      });
      await plain.getByLabel("Description").fill("A plant on the desk");
      await plain.getByRole("button", { name: "Upload and insert" }).click();
      await plain.waitForLoadState();
      await expect(plain.getByText("The image was uploaded and added").count())
        .resolves.toBe(1);
      const body = await plain.getByLabel("Post (Markdown)").inputValue();
      expect(body).toMatch(
        /^## Light\n\nSit by a window\.\n\n!\[A plant on the desk\]\(\/blog\/images\/[0-9a-f]{32}-900x600\.jpg\)\n$/,
      );
      await shots(plain, "blogimg-4-nojs-uploaded");
      await plain.getByText("Published", { exact: true }).click();
      await plain.getByRole("button", { name: "Save post" }).click();
      await plain.waitForURL(/done=published/);
      await noScript.close();

      // A reader at 360 px gets a variant from the srcset, not the largest.
      const reader = await newPhonePage(browser);
      await reader.page.goto(`${base}/blog/set-up-your-desk`);
      const img = reader.page.locator("article picture img");
      await until(
        async () =>
          await img.evaluate((el: HTMLImageElement) =>
            el.complete && el.naturalWidth > 0
          ),
        { what: "the post's image to load" },
      );
      const current = await img.evaluate((el: HTMLImageElement) =>
        el.currentSrc
      );
      expect(current).toMatch(/-(480|720|900)\.avif$/);
      await expect(img.getAttribute("width")).resolves.toBe("900");
      await checkBothWidths(reader.page, "blogimg-5-post");
    });
  },
});

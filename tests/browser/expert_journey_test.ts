/**
 * The expert journey in a real browser: an expert applies through the
 * wizard (with a generated PDF document) and submits; the bootstrap admin,
 * with two-factor authentication enrolled by a computed code, approves it
 * (and opens the category admin); the profile then shows in /experts under
 * its category. (A learner's onboarding: tests/browser/onboarding_test.ts.)
 * Every new page passes axe-core and
 * fits a 360 px phone without sideways scrolling.
 */
import { Buffer } from "node:buffer";
import { expect } from "expect";
import { GIF, PNG } from "@/tests/support/files.ts";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import { linkFromOutbox } from "@/tests/support/auth.ts";
import {
  adminWithTwoFactor,
  expectAccessible,
  newPhonePage,
  signUpInBrowser,
  withBrowser,
} from "@/tests/support/browser_flows.ts";

/** A one-page PDF made here, so the upload is a real, valid PDF file. */
function generatedPdf(): Uint8Array {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) {
    body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  }
  body += `trailer\n<< /Size ${
    objects.length + 1
  } /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

Deno.test({
  name:
    "an expert applies with a document, an admin approves, the profile is listed",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const expert = await newPhonePage(browser);
      const page = expert.page;
      const base = app.baseUrl;
      await signUpInBrowser(page, base, {
        role: "expert",
        name: "Alex Applicant",
        email: "alex@example.com",
      });
      await page.getByRole("link", { name: "Start your application" }).click();
      await page.waitForURL(`${base}/expert/application/profile`);
      await expectAccessible(page);

      // Step 1: a mistake first, then the corrected profile.
      await page.getByLabel("Headline").fill("Too short");
      await page.getByRole("button", { name: "Save and continue" }).click();
      await expect(page.getByText("Use at least 10 characters.").count())
        .resolves.toBe(1);
      await expectAccessible(page);
      await page.getByLabel("Headline").fill(
        "Researcher who makes interviews useful",
      );
      await page.getByLabel("About you").fill(
        "Twelve years of user research in fintech and health. Beginners welcome: I teach interviewing, synthesis and testing.",
      );
      await page.getByLabel("Years of experience").fill("12");
      await page.getByLabel("English").check();
      await page.getByRole("button", { name: "Save and continue" }).click();

      // Step 2: a subcategory and skills.
      await page.waitForURL(/\/expert\/application\/expertise/);
      await expectAccessible(page);
      await page.getByLabel("UX Research").check();
      await page.getByLabel("Skills").fill(
        "Interviews, Usability testing, Synthesis",
      );
      await page.getByRole("button", { name: "Save and continue" }).click();

      // Step 3: one session type.
      await page.waitForURL(/\/expert\/application\/offerings/);
      await expectAccessible(page);
      await page.locator("#new-offering-title").fill("Research plan review");
      await page.locator("#new-offering-price").fill("90");
      await page.locator("#new-offering-currency").selectOption("EUR");
      await page.getByRole("button", { name: "Add offering" }).click();
      await expect(page.getByText("The offering was added.").count()).resolves
        .toBe(1);
      await expectAccessible(page);
      await page.getByRole("link", { name: "Continue to credentials" }).click();

      // Step 4: a generated PDF.
      await page.waitForURL(/\/expert\/application\/credentials/);
      await expectAccessible(page);
      await page.setInputFiles("#file", {
        name: "certificate.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from(generatedPdf()),
      });
      await page.getByRole("button", { name: "Upload document" }).click();
      await expect(page.getByRole("link", { name: "certificate.pdf" }).count())
        .resolves.toBe(1);
      await expectAccessible(page);
      await page.getByRole("link", { name: "Continue to review" }).click();

      // Step 5: review, confirm the email address, and submit.
      await page.waitForURL(/\/expert\/application\/review/);
      await expect(page.getByText("Confirm your email address").count())
        .resolves.toBeGreaterThan(0);
      await expectAccessible(page);
      await page.goto(
        base +
          await linkFromOutbox(app.kv, "alex@example.com", "/verify-email"),
      );
      await page.goto(`${base}/expert/application/review`);
      await page.getByRole("button", { name: "Submit application" }).click();
      await expect(page.getByText("Status: Pending review").count()).resolves
        .toBe(1);
      await expectAccessible(page);

      // The admin reviews it, opens the document and approves.
      const admin = await newPhonePage(browser);
      await adminWithTwoFactor(admin.page, app);
      await admin.page.goto(`${base}/admin/applications`);
      await expectAccessible(admin.page);
      await admin.page.getByRole("link", { name: "Alex Applicant" }).click();
      await admin.page.waitForURL(/\/admin\/applications\/[0-9A-Z]+$/);
      await expectAccessible(admin.page);
      const documentHref = await admin.page.getByRole("link", {
        name: "certificate.pdf",
      }).getAttribute("href");
      const download = await admin.page.request.get(`${base}${documentHref}`);
      expect(download.status()).toBe(200);
      expect(download.headers()["content-type"]).toBe("application/pdf");
      await admin.page.getByLabel("Note to the expert").fill("Welcome aboard.");
      await admin.page.getByRole("button", { name: "Approve" }).click();
      await expect(
        admin.page.getByText("Approved: the profile is public").count(),
      )
        .resolves.toBe(1);
      await expectAccessible(admin.page);
      await admin.page.goto(`${base}/admin/categories`);
      await expectAccessible(admin.page);

      // The profile is listed under its category and shows the offering.
      await page.goto(`${base}/experts?category=ux-research`);
      await page.getByRole("link", { name: "Alex Applicant" }).click();
      await page.waitForURL(/\/experts\/[0-9A-Z]+$/);
      await expect(page.getByText("Research plan review").count()).resolves
        .toBe(1);
      await expect(page.getByText("€90.00").count()).resolves
        .toBeGreaterThan(0);
      await expectAccessible(page);

      // The expert's live profile and offerings pages.
      await page.goto(`${base}/expert/profile`);
      await expect(page.getByText(/Your profile is \d+% complete/).count())
        .resolves.toBe(1);
      await expectAccessible(page);
      await page.goto(`${base}/expert/offerings`);
      await expectAccessible(page);

      expect([...expert.errors, ...admin.errors]).toEqual([]);
      await expert.close();
      await admin.close();
    }),
});

Deno.test({
  name: "uploading a profile photo keeps the text being typed",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const { page, errors, close } = await newPhonePage(browser);
      const base = app.baseUrl;
      await signUpInBrowser(page, base, {
        role: "expert",
        name: "Pia Photo",
        email: "pia@example.com",
      });
      await page.goto(`${base}/expert/application/profile`);
      const headline = "Illustrator who teaches drawing from life";
      const bio = "Typed first, then a photo chosen and uploaded.";
      await page.getByLabel("Headline").fill(headline);
      await page.getByLabel("About you").fill(bio);

      // Not a PNG, JPEG or WebP: the reason stands beside the field.
      await page.setInputFiles("#photo", {
        name: "me.gif",
        mimeType: "image/gif",
        buffer: Buffer.from(GIF),
      });
      await page.getByRole("button", { name: "Upload photo" }).click();
      await expect(page.locator("#photo-error").count()).resolves.toBe(1);
      await expect(page.getByLabel("Headline").inputValue()).resolves
        .toBe(headline);
      await expectAccessible(page);

      await page.setInputFiles("#photo", {
        name: "me.png",
        mimeType: "image/png",
        buffer: Buffer.from(PNG),
      });
      await page.getByRole("button", { name: "Upload photo" }).click();
      await expect(page.getByText("Your photo was uploaded.").count())
        .resolves.toBe(1);
      await expect(page.getByLabel("Headline").inputValue()).resolves
        .toBe(headline);
      await expect(page.getByLabel("About you").inputValue()).resolves
        .toBe(bio);

      // Enter in a text field saves the text; it doesn't upload again.
      await page.getByLabel("Headline").press("Enter");
      await expect(page.getByText("Use at least 50 characters.").count())
        .resolves.toBeGreaterThan(0);
      await expect(page.getByText("Your photo was uploaded.").count())
        .resolves.toBe(0);
      expect(errors).toEqual([]);
      await close();
    }),
});

Deno.test({
  name:
    "a file over 10 MB is refused on the credentials step, before sending and without scripts",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const base = app.baseUrl;
      const huge = {
        name: "huge.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.alloc(20 * 1024 * 1024),
      };
      // With scripts, the file is refused as soon as it is chosen.
      const withScripts = await newPhonePage(browser);
      await signUpInBrowser(withScripts.page, base, {
        role: "expert",
        name: "Hugo Huge",
        email: "hugo@example.com",
      });
      await withScripts.page.goto(`${base}/expert/application/credentials`);
      await withScripts.page.setInputFiles("#file", huge);
      // The check's script may start after the file is chosen: wait for it.
      await withScripts.page.getByText("larger than 10 MB").waitFor();
      await expect(
        withScripts.page.getByText("larger than 10 MB").count(),
      ).resolves.toBe(1);
      await withScripts.page.getByRole("button", { name: "Upload document" })
        .click();
      expect(withScripts.page.url()).toBe(
        `${base}/expert/application/credentials`,
      );
      await expectAccessible(withScripts.page);
      expect(withScripts.errors).toEqual([]);
      await withScripts.close();

      // Without them, the server answers on the same step, still signed in.
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 360, height: 740 },
      });
      const page = await context.newPage();
      await signUpInBrowser(page, base, {
        role: "expert",
        name: "Nina NoScript",
        email: "nina@example.com",
      });
      await page.goto(`${base}/expert/application/credentials`);
      await page.setInputFiles("#file", huge);
      const answer = page.waitForResponse((response) =>
        response.request().method() === "POST"
      );
      await page.getByRole("button", { name: "Upload document" }).click();
      expect((await answer).status()).toBe(413);
      await expect(page.locator("#file-error").textContent()).resolves
        .toContain("larger than 10 MB");
      await expect(page.getByRole("link", { name: "Log in" }).count())
        .resolves.toBe(0);
      await context.close();
    }),
});

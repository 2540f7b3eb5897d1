/**
 * Learner onboarding in a real browser on a 360 px phone: sign-up lands on
 * the first step; a refused step keeps what was typed; interests are chips
 * under each area's heading; the learner leaves midway (skip), the
 * dashboard asks them to finish, and coming back resumes at the same step
 * with everything entered; the self-assessment decides a level; after the
 * review the dashboard shows the goals and why each expert is recommended.
 * Every page passes axe-core and fits the phone.
 */
import { expect } from "expect";
import { browserTestsEnabled } from "@/tests/support/helpers.ts";
import {
  expectAccessible,
  newPhonePage,
  signUpInBrowser,
  withBrowser,
} from "@/tests/support/browser_flows.ts";

Deno.test({
  name:
    "a learner goes through onboarding, leaves midway, resumes and sees why experts are recommended",
  ignore: !browserTestsEnabled,
  fn: () =>
    withBrowser(async (app, browser) => {
      const { page, errors, close } = await newPhonePage(browser);
      const base = app.baseUrl;
      await signUpInBrowser(page, base, {
        role: "learner",
        name: "Lou Learner",
        email: "lou@example.com",
      });
      const progress = page.getByRole("navigation", { name: /Step \d of 4/ });
      await expect(progress.innerText()).resolves.toContain("Step 1 of 4");
      await expect(
        page.locator('[aria-current="step"]').innerText(),
      ).resolves.toContain("Your goals");
      await expectAccessible(page);

      // A goal too short: refused beside it, the other goal kept.
      await page.getByLabel("Goal 1", { exact: true }).fill(
        "Run my first usability test",
      );
      await page.locator("#goal-1").fill("UX");
      await page.getByRole("button", { name: "Continue" }).click();
      await expect(page.locator("#goal-1-error").count()).resolves.toBe(1);
      await expect(page.getByLabel("Goal 1", { exact: true }).inputValue())
        .resolves.toBe("Run my first usability test");
      await expectAccessible(page);
      await page.locator("#goal-1").fill(
        "Read research papers with confidence",
      );
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(`${base}/dashboard/onboarding?step=interests`);

      // Interests: chips grouped under headings; pick two.
      await expect(page.getByRole("heading", { name: "Design" }).count())
        .resolves.toBe(1);
      await expectAccessible(page);
      await page.locator('label[for="interest-ux-research"]').click();
      await page.locator('label[for="interest-data-ai"]').click();
      await expect(page.locator("#interest-ux-research").isChecked())
        .resolves.toBe(true);
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(`${base}/dashboard/onboarding?step=levels`);
      await expectAccessible(page);

      // Midway: answer some statements, then skip for now.
      await page.getByLabel(
        "I have already practised UX Research, on my own or at work.",
      ).check();
      await page.getByRole("button", { name: "Skip for now" }).click();
      await page.waitForURL(`${base}/dashboard?skipped=1`);
      const prompt = page.getByRole("region", {
        name: "Finish telling us what you want to learn",
      });
      await expect(prompt.innerText()).resolves.toContain("step 3 of 4");
      await expectAccessible(page);

      // Coming back: the same step, with what was entered.
      await prompt.getByRole("link", { name: "Continue where you left off" })
        .click();
      await page.waitForURL(`${base}/dashboard/onboarding`);
      await expect(progress.innerText()).resolves.toContain("Step 3 of 4");
      await expect(
        page.getByLabel(
          "I have already practised UX Research, on my own or at work.",
        ).isChecked(),
      ).resolves.toBe(true);

      // UX research: the answers decide (two of three: intermediate);
      // Data & AI: a beginner by the learner's own choice.
      await page.getByLabel(
        "I know the basic terms of UX Research and what they mean.",
      ).check();
      await page.locator("#level-data-ai-beginner").check();
      await expectAccessible(page);
      await page.getByRole("button", { name: "Continue" }).click();
      await page.waitForURL(`${base}/dashboard/onboarding?step=review`);
      const review = page.getByRole("region", { name: "Check your answers" });
      await expect(review.innerText()).resolves.toMatch(
        /UX Research: Intermediate \(from your answers\)/,
      );
      await expect(review.innerText()).resolves.toContain(
        "Read research papers with confidence",
      );
      await expectAccessible(page);

      await page.getByRole("button", {
        name: "Save and see my recommendations",
      }).click();
      await page.waitForURL(`${base}/dashboard?onboarded=1`);
      await expect(
        page.getByRole("region", { name: "Your goals" }).innerText(),
      ).resolves.toContain("Run my first usability test");
      const recommendations = page.getByRole("region", {
        name: "Recommended for you",
      });
      await expect(recommendations.getByRole("listitem").count()).resolves
        .toBeGreaterThan(0);
      await expect(recommendations.innerText()).resolves.toMatch(
        /Because you want to learn (UX Research at intermediate|Data & AI at beginner) level/,
      );
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await close();
    }),
});

/**
 * The learner, expert and admin areas: each page is drawn inside its area's
 * layout (the h1, a greeting on the area's home and the section's name
 * elsewhere, and the section navigation, once),
 * the section the page belongs to is marked current, and a page may still
 * name itself more precisely in its title.
 */
import { expect } from "expect";
import {
  type Client,
  createAuthTestApp,
  signInAdmin,
  signUp,
} from "@/tests/support/auth.ts";
import { page } from "./page_helpers.ts";

/** The label of the navigation link marked `aria-current="page"`. */
function currentSection(html: string): string | undefined {
  return html.match(/<a [^>]*aria-current="page"[^>]*>([^<]*)<\/a>/)?.[1];
}

function count(html: string, needle: string): number {
  return html.split(needle).length - 1;
}

async function expectArea(
  client: Client,
  path: string,
  expected: { section: string; title: string; heading: string },
) {
  const { status, text } = await page(client, path);
  expect({ path, status }).toEqual({ path, status: 200 });
  expect(count(text, "<h1")).toBe(1);
  expect(text).toContain(`>${expected.heading}</h1>`);
  expect(count(text, 'sections"')).toBe(1);
  expect(currentSection(text)).toBe(expected.section);
  expect(text).toContain(`<title>${expected.title} · TapTime</title>`);
  expect(text).toContain('<meta name="robots" content="noindex"');
}

Deno.test("every area page is drawn inside its area's layout", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner", { name: "Lee Learner" });
  await expectArea(learner, "/dashboard", {
    section: "Dashboard",
    title: "Dashboard",
    heading: "Welcome, Lee Learner",
  });
  // A page under the home (not a section of its own) is named by it too.
  await expectArea(learner, "/dashboard/saved-experts", {
    section: "Dashboard",
    title: "Saved experts",
    heading: "Dashboard",
  });
  await expectArea(learner, "/dashboard/onboarding", {
    section: "Learning goals",
    title: "Learning goals",
    heading: "Learning goals",
  });

  const expert = await signUp(app, "expert", { name: "Eve Expert" });
  await expectArea(expert, "/expert", {
    section: "Overview",
    title: "Overview",
    heading: "Welcome, Eve Expert",
  });
  // A wizard step is under "Application" and names its step in the title.
  await expectArea(expert, "/expert/application/expertise", {
    section: "Application",
    title: "Application: Expertise",
    heading: "Application",
  });
  await expectArea(expert, "/expert/offerings", {
    section: "Offerings",
    title: "Offerings",
    heading: "Offerings",
  });

  const admin = await signInAdmin(app, { twoFactor: true });
  for (
    const [path, section] of [
      ["/admin", "Overview"],
      ["/admin/users", "Users"],
      ["/admin/audit", "Audit log"],
      ["/admin/applications", "Applications"],
      ["/admin/categories", "Categories"],
    ]
  ) {
    await expectArea(admin, path, {
      section,
      title: section,
      // The greeting is the home's; every other page is named by its h1.
      heading: path === "/admin" ? `Welcome, ${admin.user!.name}` : section,
    });
  }
});

Deno.test("pages outside the areas have no area navigation", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner");
  const { text } = await page(learner, "/account");
  expect(text).not.toContain('sections"');
});

/**
 * HTTP tests for the public pages: every page answers through the real app
 * (root middleware, layouts, `_app`) on a seeded in-memory KV.
 *
 * Run after `deno task build` (the app links the built CSS and island JS).
 */
import { expect } from "expect";
import { createTestApp, type TestApp } from "./support/helpers.ts";
import { listContactMessages } from "@/services/content/mod.ts";
import { listFeedback } from "@/services/content/mod.ts";
import { listPosts } from "@/services/content/mod.ts";
import { listCategories } from "@/services/categories/mod.ts";
import {
  createExpert,
  type ExpertInput,
  featuredExperts,
  searchExperts,
} from "@/services/experts/mod.ts";
import { DEMO_EXPERTS } from "@/services/seed/mod.ts";
import { account } from "./support/messaging.ts";
import { bookableExpert } from "./support/bookings.ts";
import { newId } from "@/services/platform/kv.ts";

const SITE = "http://localhost:8000";

async function get(app: TestApp, path: string): Promise<Response> {
  return await app.fetch(new Request(SITE + path));
}

async function getHtml(
  app: TestApp,
  path: string,
): Promise<{ status: number; html: string; response: Response }> {
  const response = await get(app, path);
  return { status: response.status, html: await response.text(), response };
}

async function postForm(
  app: TestApp,
  path: string,
  fields: Record<string, string>,
): Promise<Response> {
  return await app.fetch(
    new Request(SITE + path, {
      method: "POST",
      body: new URLSearchParams(fields),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    }),
  );
}

function titleOf(html: string): string | undefined {
  return html.match(/<title>([^<]*)<\/title>/)?.[1];
}

/**
 * Script tags other than JSON-LD structured data (which never runs) and the
 * consent banner's static module, which every page carries (see
 * tests/pages/consent_test.ts).
 */
function executableScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0])
    .filter((tag) => !tag.includes('type="application/ld+json"'))
    .filter((tag) => !/src="\/_fresh\/js\/site-[A-Z0-9]+\.js"/.test(tag));
}

function metaContent(html: string, attr: string, name: string): string | null {
  const tag = html.match(
    new RegExp(`<meta ${attr}="${name}" content="([^"]*)"`),
  );
  return tag ? tag[1] : null;
}

Deno.test("static pages render with SEO tags and no client JavaScript", async (t) => {
  await using app = await createTestApp();
  const pages: [string, string, string][] = [
    ["/", "Learn from vetted experts", "Get unstuck with an expert"],
    ["/join", "Join as an expert", "How approval works"],
    ["/about", "About us", "Why we started"],
    ["/how-it-works", "How it works", "For learners"],
    ["/faq", "Frequently asked questions", "<details"],
    ["/contact", "Contact us", 'name="message"'],
    ["/feedback", "Give feedback", 'type="radio"'],
    ["/blog", "Blog", "Ideas for learning faster"],
  ];
  for (const [path, title, content] of pages) {
    await t.step(path, async () => {
      const { status, html, response } = await getHtml(app, path);
      expect(status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/html");
      expect(titleOf(html)).toBe(
        `${title}${path === "/" ? ", one session at a time" : ""} · TapTime`,
      );
      expect(html).toContain(content);
      expect(executableScripts(html)).toEqual([]);
      expect(html).toContain(`<link rel="canonical" href="${SITE}${path}"`);
      expect(metaContent(html, "property", "og:url")).toBe(SITE + path);
      expect(metaContent(html, "property", "og:site_name")).toBe("TapTime");
      expect(metaContent(html, "name", "twitter:card")).toBe(
        "summary_large_image",
      );
      expect(metaContent(html, "name", "description")?.length).toBeGreaterThan(
        40,
      );
      expect(html.match(/<h1\b/g)?.length).toBe(1);
      expect(html).toContain('href="#main"'); // skip link
      expect(html).toContain('<html lang="en"');
    });
  }
});

Deno.test("home page shows featured experts and categories with counts", async () => {
  await using app = await createTestApp();
  const [top] = await featuredExperts(app.kv, 1);
  const [firstCategory] = await listCategories(app.kv);
  const { html } = await getHtml(app, "/");
  expect(html).toContain(`href="/experts/${top.id}"`);
  expect(html).toContain(`href="/experts?category=${firstCategory.id}"`);
  expect(html).toMatch(/\d+ experts?</);
  expect(html).toContain('href="/join"');
  // Signed out, the header offers both ways in.
  expect(html).toContain('href="/login"');
  expect(html).toContain('href="/signup"');
});

Deno.test("expert profile: details, JSON-LD, OpenGraph, contact link", async () => {
  await using app = await createTestApp();
  const [expert] = await featuredExperts(app.kv, 1);
  const { status, html } = await getHtml(app, `/experts/${expert.id}`);
  expect(status).toBe(200);
  expect(titleOf(html)).toContain(expert.name);
  expect(metaContent(html, "property", "og:type")).toBe("profile");
  // Listed without an account, so asked about through the contact form.
  expect(html).toContain(`href="/contact?expert=${expert.id}"`);
  expect(html).toContain(`Ask us about ${expert.name}`);
  expect(html).not.toContain(`href="/messages/with/${expert.id}"`);
  expect(html).toContain(`href="/book/${expert.id}"`);
  expect(html).not.toMatch(/opens soon/i);
  expect(html).toContain("Similar experts");

  const jsonLd = html.match(
    /<script type="application\/ld\+json">([^<]*)<\/script>/,
  )?.[1];
  const data = JSON.parse(jsonLd!);
  expect(data["@type"]).toBe("ProfilePage");
  expect(data.mainEntity["@type"]).toBe("Person");
  expect(data.mainEntity.name).toBe(expert.name);
  // The rating its reviews (listed on the page) add up to, on the service:
  // a Person cannot carry one.
  const rating = data.mainEntity.makesOffer.itemOffered.aggregateRating;
  expect(Number(rating.ratingValue)).toBe(
    Number(expert.rating.average.toFixed(1)),
  );
  expect(rating.reviewCount).toBe(expert.rating.count);
  // The only script is the JSON-LD: the profile ships no JavaScript.
  expect(executableScripts(html)).toEqual([]);
});

Deno.test("expert bio is escaped text, and JSON-LD cannot be broken out of", async () => {
  await using app = await createTestApp();
  const base: ExpertInput = DEMO_EXPERTS[0];
  const hostile = await createExpert(app.kv, {
    ...base,
    name: "Mallory </script><script>alert(1)</script>",
    bio: "<img src=x onerror=alert(1)> I teach <b>security</b>.",
    published: true,
  });
  const { status, html } = await getHtml(app, `/experts/${hostile.id}`);
  expect(status).toBe(200);
  expect(html).not.toContain("<img src=x");
  expect(html).toContain("&lt;img src=x onerror=alert(1)>");
  expect(html).not.toContain("<script>alert(1)</script>");
  expect(html).toContain("\\u003c/script>");
});

Deno.test("unknown and unpublished experts are 404 pages", async () => {
  await using app = await createTestApp();
  const hidden = await createExpert(app.kv, {
    ...DEMO_EXPERTS[0],
    published: false,
  });
  for (const path of ["/experts/NO-SUCH-EXPERT", `/experts/${hidden.id}`]) {
    const { status, html } = await getHtml(app, path);
    expect(status).toBe(404);
    expect(titleOf(html)).toBe("Page not found · TapTime");
    expect(html).toContain('content="noindex"');
    expect(html).toContain('href="/experts"');
  }
});

Deno.test("category page lists subcategories and experts; unknown is 404", async () => {
  await using app = await createTestApp();
  const [category] = await listCategories(app.kv);
  const { status, html } = await getHtml(app, `/categories/${category.id}`);
  expect(status).toBe(200);
  expect(titleOf(html)).toBe(`${category.name} experts · TapTime`);
  for (const sub of category.subcategories) {
    expect(html).toContain(`href="/categories/${sub.id}"`);
  }
  const { experts } = await searchExperts(app.kv, {
    category: category.id,
    limit: 1,
  });
  expect(html).toContain(`href="/experts/${experts[0].id}"`);

  expect((await get(app, "/categories/no-such-category")).status).toBe(404);
  await (await get(app, "/categories/no-such-category")).body?.cancel();
});

Deno.test("contact form: errors keep input, success stores and confirms", async () => {
  await using app = await createTestApp();

  const bad = await postForm(app, "/contact", {
    name: "Ada",
    email: "not-an-email",
    subject: "Hello",
    message: "short",
  });
  expect(bad.status).toBe(400);
  const badHtml = await bad.text();
  expect(badHtml).toContain('aria-invalid="true"');
  expect(badHtml).toMatch(/id="email"[^>]*aria-describedby="email-error"/);
  expect(badHtml).toContain('id="email-error"');
  expect(badHtml).toContain('id="message-error"');
  expect(badHtml).not.toContain('id="name-error"');
  expect(badHtml).toContain('value="not-an-email"');
  expect(badHtml).toContain(">short</textarea>");
  expect((await listContactMessages(app.kv)).messages).toEqual([]);

  const good = await postForm(app, "/contact", {
    name: "Ada Lovelace",
    email: "ada@example.com",
    subject: "A question",
    message: "How do sessions work for teams?",
  });
  expect(good.status).toBe(303);
  expect(good.headers.get("location")).toBe("/contact?sent=1");
  const { messages } = await listContactMessages(app.kv);
  expect(messages.length).toBe(1);
  expect(messages[0]).toMatchObject({
    name: "Ada Lovelace",
    email: "ada@example.com",
    subject: "A question",
  });

  const { html } = await getHtml(app, "/contact?sent=1");
  expect(html).toContain("Message sent");
  expect(html).not.toContain('name="message"');
});

Deno.test("contact form: prefilled subject, expert context, empty body", async () => {
  await using app = await createTestApp();
  const [expert] = await featuredExperts(app.kv, 1);

  const application = await getHtml(
    app,
    "/contact?subject=Expert%20application",
  );
  expect(application.html).toMatch(
    /name="subject"[^>]*value="Expert application"/,
  );

  const session = await getHtml(app, `/contact?expert=${expert.id}`);
  expect(session.html).toContain(`Session with ${expert.name}`);
  expect(session.html).toContain(`name="expert" value="${expert.id}"`);

  const sent = await postForm(app, "/contact", {
    name: "Bo",
    email: "bo@example.com",
    subject: `Session with ${expert.name}`,
    message: "I'd like help with my interview prep.",
    expert: expert.id,
  });
  expect(sent.status).toBe(303);
  const [message] = (await listContactMessages(app.kv)).messages;
  expect(message.message).toContain(`/experts/${expert.id}`);

  // A body that is not a form is a 400 with field errors, not a 500.
  const garbage = await app.fetch(
    new Request(SITE + "/contact", {
      method: "POST",
      body: "{not a form",
      headers: { "content-type": "application/json" },
    }),
  );
  expect(garbage.status).toBe(400);
  expect(await garbage.text()).toContain('id="name-error"');
});

Deno.test("feedback form: rating required, stored with page, confirmation", async () => {
  await using app = await createTestApp();

  const form = await getHtml(app, "/feedback?page=%2Fexperts");
  expect(form.html).toContain('name="page" value="/experts"');
  const offsite = await getHtml(app, "/feedback?page=https%3A%2F%2Fevil.test");
  expect(offsite.html).not.toContain('name="page"');

  const bad = await postForm(app, "/feedback", {
    message: "Nice site",
    email: "nope",
  });
  expect(bad.status).toBe(400);
  const badHtml = await bad.text();
  expect(badHtml).toContain('id="rating-error"');
  expect(badHtml).toContain('id="email-error"');
  expect(badHtml).toContain(">Nice site</textarea>");
  expect((await listFeedback(app.kv)).feedback).toEqual([]);

  const good = await postForm(app, "/feedback", {
    rating: "4",
    message: "Found a great tutor.",
    email: "",
    page: "/experts",
  });
  expect(good.status).toBe(303);
  expect(good.headers.get("location")).toBe("/feedback?sent=1");
  const [stored] = (await listFeedback(app.kv)).feedback;
  expect(stored).toMatchObject({
    rating: 4,
    message: "Found a great tutor.",
    page: "/experts",
  });

  const { html } = await getHtml(app, "/feedback?sent=1");
  expect(html).toContain("Feedback received");
});

Deno.test("blog: list newest first, post renders markdown, unknown is 404", async () => {
  await using app = await createTestApp();
  const { posts } = await listPosts(app.kv, { limit: 100 });
  const { html } = await getHtml(app, "/blog");
  const positions = posts.map((post) => html.indexOf(`/blog/${post.slug}"`));
  expect(positions.every((position) => position > 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);

  const post = await getHtml(app, `/blog/${posts[0].slug}`);
  expect(post.status).toBe(200);
  expect(titleOf(post.html)).toBe(`${posts[0].title} · TapTime`);
  expect(post.html).toContain('class="prose mt-8"');
  expect(post.html).toMatch(/<h2[^>]*>/);
  expect(post.html).toContain(`${posts[0].readingMinutes} min read`);
  expect(metaContent(post.html, "property", "og:type")).toBe("article");

  expect((await get(app, "/blog/no-such-post")).status).toBe(404);
  const badCursor = await getHtml(app, "/blog?cursor=%%%");
  expect(badCursor.status).toBe(200);
  expect(badCursor.html).toContain("Showing the latest posts");
});

Deno.test("sitemap lists pages, experts, categories and posts; robots points to it", async () => {
  await using app = await createTestApp();
  const response = await get(app, "/sitemap.xml");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("application/xml");
  const xml = await response.text();
  expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);

  const all = await searchExperts(app.kv, { limit: 50 });
  const { posts } = await listPosts(app.kv, { limit: 100 });
  const categories = await listCategories(app.kv);
  const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
  for (const path of ["/", "/experts", "/join", "/faq", "/blog"]) {
    expect(locs).toContain(SITE + path);
  }
  for (const expert of all.experts) {
    expect(locs).toContain(`${SITE}/experts/${expert.id}`);
  }
  for (const post of posts) expect(locs).toContain(`${SITE}/blog/${post.slug}`);
  for (const category of categories) {
    expect(locs).toContain(`${SITE}/categories/${category.id}`);
  }
  expect(locs.filter((loc) => loc.startsWith(`${SITE}/experts/`)).length)
    .toBe(all.total);

  const robots = await get(app, "/robots.txt");
  const robotsText = await robots.text();
  expect(robotsText).toContain(`Sitemap: ${SITE}/sitemap.xml`);
  expect(robotsText).toContain("Disallow: /admin");
  // Robots rules match prefixes (or, ending in $, the whole path).
  const disallowed = [...robotsText.matchAll(/^Disallow: (\S+)$/gm)]
    .map((match) => match[1]);
  const blocked = (path: string) =>
    disallowed.some((rule) =>
      rule.endsWith("$") ? path === rule.slice(0, -1) : path.startsWith(rule)
    );
  for (const path of ["/", "/experts", "/experts/01ABC", "/blog", "/join"]) {
    expect(blocked(path)).toBe(false);
  }
  for (const path of ["/admin/users", "/expert", "/expert/offerings"]) {
    expect(blocked(path)).toBe(true);
  }
});

Deno.test("unknown paths get the friendly 404 page inside the site chrome", async () => {
  await using app = await createTestApp();
  const { status, html } = await getHtml(app, "/no/such/page");
  expect(status).toBe(404);
  expect(html).toContain("We couldn't find that page");
  expect(html).toContain('aria-label="Main"');
});

Deno.test("public pages promise only what the product does", async (t) => {
  await using app = await createTestApp();
  // Phrases that describe something the product does not do (yet).
  // Not yet built: recordings, pausing a whole profile (availability can
  // pause new bookings, which is what the copy says). Calls in the browser,
  // in-call chat, screen sharing and reviews exist and may be promised.
  const notYet = [
    /\brecordings? (of|are)\b/i,
    /top-rated/i,
    /highly rated/i,
    /\bpause your profile/i,
    /hide your profile/i,
    /face to face/i,
  ];
  const untrue: Record<string, RegExp[]> = {
    "/": [...notYet, /hourly rate/i, /own rate\b/i, /\brating\b/i],
    "/how-it-works": [...notYet, /hourly rate/i, /\breviews and\b/i],
    // The application asks for offerings with prices, not a rate.
    "/join": [...notYet, /hourly rate/i, /pro rata/i],
    "/faq": [...notYet, /install anything/i, /both you and your expert agree/i],
    "/about": notYet,
  };
  for (const [path, phrases] of Object.entries(untrue)) {
    await t.step(path, async () => {
      const text = (await (await get(app, path)).text())
        .replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
      for (const phrase of phrases) {
        expect({ path, found: text.match(phrase)?.[0] ?? null })
          .toEqual({ path, found: null });
      }
    });
  }
  await t.step("every review count shown leads to the reviews", async () => {
    const [expert] = await featuredExperts(app.kv, 1);
    expect(expert.rating.count).toBeGreaterThan(0);
    const href = `/experts/${expert.id}#reviews`;
    for (const path of [`/experts/${expert.id}`, "/experts", "/"]) {
      const html = await (await get(app, path)).text();
      expect({ path, linked: html.includes(`href="${href}"`) })
        .toEqual({ path, linked: true });
    }
    const profile = await (await get(app, `/experts/${expert.id}`)).text();
    expect(profile).toContain('id="reviews"');
  });
});

Deno.test("an expert with an account is messaged from their profile and their booking", async () => {
  await using app = await createTestApp();
  const expert = await account(app.kv, "expert", newId());
  await bookableExpert(app.kv, { id: expert.id });
  const { html } = await getHtml(app, `/experts/${expert.id}`);
  expect(html).toContain(`href="/messages/with/${expert.id}"`);
  expect(html).not.toContain(`href="/contact?expert=${expert.id}"`);
  // A phone reaches the booking before the whole profile.
  expect(html).toMatch(
    new RegExp(`<p class="mt-4 lg:hidden"><a href="/book/${expert.id}"`),
  );
});

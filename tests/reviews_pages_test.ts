/**
 * The review pages without JavaScript: the profile's reviews (newest first,
 * session type and date, report links, paged), the learner's form and the
 * expert's reply on the booking, the report page and the admins' queue.
 */
import { expect } from "expect";
import {
  type Client,
  createAuthTestApp,
  signInAdmin,
  signUp,
} from "./support/auth.ts";
import { completedBookingOf } from "./support/reviews.ts";
import { seedDemoData } from "@/services/seed/mod.ts";
import { featuredExperts } from "@/services/experts/mod.ts";
import {
  listExpertReviews,
  PROFILE_PAGE_SIZE,
  writeReview,
} from "@/services/reviews/mod.ts";
import { formatDate } from "@/web/format.ts";

function postForm(
  client: Client,
  path: string,
  fields: Record<string, string>,
) {
  return client.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

async function html(client: Client, path: string) {
  const response = await client.request(path);
  return { status: response.status, text: await response.text() };
}

function text(page: string): string {
  return page.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ");
}

Deno.test("a profile lists its reviews newest first, ten a page, with session and date", async () => {
  await using app = await createAuthTestApp();
  await seedDemoData(app.kv);
  const [expert] = await featuredExperts(app.kv, 1);
  const visitor = app.client();
  const first = await html(visitor, `/experts/${expert.id}`);
  expect(first.status).toBe(200);
  const newest = (await listExpertReviews(app.kv, expert.id, {
    limit: PROFILE_PAGE_SIZE + 1,
  })).items;
  const shown = text(first.text);
  expect(shown).toContain(
    `${newest[0].authorName} · ${newest[0].sessionTitle} · ${
      formatDate(newest[0].sessionStart)
    }`,
  );
  expect(first.text).toContain(`href="/reviews/${newest[0].id}/report"`);
  // The eleventh review is on the next page.
  expect(first.text).not.toContain(`/reviews/${newest[10].id}/report`);
  const next = first.text.match(/href="([^"]*\?reviews=[^"]*)" rel="next"/);
  expect(next).not.toBeNull();
  const second = await html(visitor, next![1].replaceAll("&amp;", "&"));
  expect(second.status).toBe(200);
  expect(second.text).toContain(`/reviews/${newest[10].id}/report`);
  expect(second.text).toContain("Back to first page");
  // A cursor that does not decode shows the first page.
  const broken = await html(visitor, `/experts/${expert.id}?reviews=%%%`);
  expect([200, 400]).toContain(broken.status);
  const edited = await html(visitor, `/experts/${expert.id}?reviews=nonsense`);
  expect(edited.status).toBe(200);
  expect(edited.text).toContain(`/reviews/${newest[0].id}/report`);
});

Deno.test("the learner rates a held session on its page; the expert replies; the profile shows both", async () => {
  await using app = await createAuthTestApp();
  const expert = await signUp(app, "expert", { name: "Erin Expert" });
  const learner = await signUp(app, "learner", { name: "Lea Learner" });
  const booking = await completedBookingOf(app.kv, expert.user!);
  // The fixture's learner has no account; use one that does.
  const own = await completedBookingOf(app.kv, learner.user!);
  const page = await html(learner, `/bookings/${own.id}`);
  expect(page.status).toBe(200);
  expect(text(page.text)).toContain("Rate this session");
  expect(page.text).toContain(`action="/bookings/${own.id}/review"`);

  const empty = await postForm(learner, `/bookings/${own.id}/review`, {
    action: "write",
    text: "Forgot the stars",
  });
  expect(empty.status).toBe(400);
  const refused = await empty.text();
  expect(text(refused)).toContain("Choose from 1 to 5 stars.");
  expect(refused).toContain("Forgot the stars");

  const saved = await postForm(learner, `/bookings/${own.id}/review`, {
    action: "write",
    rating: "4",
    text: "Good pace, clear steps.",
  });
  expect(saved.status).toBe(303);
  expect(saved.headers.get("location")).toBe(
    `/bookings/${own.id}?done=reviewed#review`,
  );
  const after = text(
    (await html(learner, saved.headers.get("location")!.split("#")[0])).text,
  );
  expect(after).toContain("Thanks for your review");
  expect(after).toContain("You can change your review until");

  const profile = text(
    (await html(app.client(), `/experts/${own.expertId}`)).text,
  );
  expect(profile).toContain("Good pace, clear steps.");
  expect(profile).toContain("4.0 out of 5, 1 review");

  // The expert's side of a reviewed session: the reply form, once.
  await writeReview(app.kv, booking.learnerId, booking.id, { rating: 5 });
  const expertPage = await html(expert, `/bookings/${booking.id}`);
  expect(text(expertPage.text)).toContain("Publish reply");
  const replied = await postForm(expert, `/bookings/${booking.id}/review`, {
    action: "reply",
    text: "Thank you, it was a pleasure.",
  });
  expect(replied.status).toBe(303);
  const again = await postForm(expert, `/bookings/${booking.id}/review`, {
    action: "reply",
    text: "Once more",
  });
  expect(again.status).toBe(409);
  expect(
    text((await html(app.client(), `/experts/${booking.expertId}`)).text),
  ).toContain("Reply from Bea Booked Thank you, it was a pleasure.");
});

Deno.test("readers report a review; an admin hides it with a note from the queue", async () => {
  await using app = await createAuthTestApp();
  const learner = await signUp(app, "learner", { name: "Lea Learner" });
  const booking = await completedBookingOf(app.kv, learner.user!);
  await postForm(learner, `/bookings/${booking.id}/review`, {
    action: "write",
    rating: "1",
    text: "Call me on 555-0100.",
  });
  const [review] = (await listExpertReviews(app.kv, booking.expertId)).items;
  const reportPath = `/reviews/${review.id}/report`;
  const anonymous = await app.client().request(reportPath);
  expect(anonymous.status).toBe(303);
  expect(anonymous.headers.get("location")).toContain("/login?next=");

  const reader = await signUp(app, "learner");
  expect((await html(reader, reportPath)).status).toBe(200);
  const sent = await postForm(reader, reportPath, {
    reason: "Shares a phone number.",
  });
  expect(sent.status).toBe(303);
  expect(text((await html(reader, sent.headers.get("location")!)).text))
    .toContain("Thanks for telling us");
  expect((await postForm(reader, reportPath, { reason: "Again" })).status)
    .toBe(409);

  const admin = await signInAdmin(app, { twoFactor: true });
  const queue = await html(admin, "/admin/reviews");
  expect(queue.status).toBe(200);
  expect(text(queue.text)).toContain("Shares a phone number.");
  const noNote = await postForm(admin, "/admin/reviews?status=reported", {
    reviewId: review.id,
    action: "hide",
    note: "",
  });
  expect(noNote.status).toBe(400);
  const hidden = await postForm(admin, "/admin/reviews?status=reported", {
    reviewId: review.id,
    action: "hide",
    note: "Contact details are not allowed.",
  });
  expect(hidden.status).toBe(303);
  expect(text((await html(admin, "/admin/reviews?status=hidden")).text))
    .toContain("Contact details are not allowed.");
  const profile = text(
    (await html(app.client(), `/experts/${booking.expertId}`)).text,
  );
  expect(profile).not.toContain("555-0100");
  expect(profile).toContain("No reviews yet");
  expect((await html(reader, reportPath)).status).toBe(404);
});

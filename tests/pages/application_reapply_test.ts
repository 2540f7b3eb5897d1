/**
 * A rejected applicant over HTTP: the page and the email say from when they
 * may apply again, and once that day has come they can.
 */
import { expect } from "expect";
import { signInAdmin, signUp } from "@/tests/support/auth.ts";
import {
  getApplication,
  REAPPLY_AFTER_DAYS,
} from "@/services/applications/mod.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import {
  completeSteps,
  createAppWithCategories,
  page,
  postForm,
  submitForReview,
} from "./page_helpers.ts";

Deno.test("rejected applicants see when they may apply again, and can then", async () => {
  await using app = await createAppWithCategories();
  const expert = await signUp(app, "expert", { name: "Robin Retry" });
  await completeSteps(expert);
  await submitForReview(expert);
  const userId = expert.user!.id;
  const admin = await signInAdmin(app, { twoFactor: true });
  const rejected = await postForm(admin, `/admin/applications/${userId}`, {
    decision: "reject",
    note: "Please gain more experience first.",
  });
  expect(rejected.status).toBe(303);
  const decidedAt = (await getApplication(app.kv, userId)).decidedAt!;
  const from = new Date(
    Date.parse(decidedAt) + REAPPLY_AFTER_DAYS * 86_400_000,
  );
  const day = from.toISOString().slice(0, 10);

  const mail = (await listOutbox(app.kv)).find((message) =>
    message.subject.includes("not approved")
  );
  expect(mail?.text).toContain(`You can apply again from ${day}`);

  const review = await page(expert, "/expert/application/review");
  expect(review.text).toContain("You can apply again from");
  expect(review.text).not.toContain("Start a new application");
  const early = await postForm(expert, "/expert/application/review", {
    action: "reopen",
  });
  expect(early.status).toBe(409);
  expect(await early.text()).toContain(`You can apply again from ${day}`);

  // The waiting time passes (moved back in the record: a clock moved a
  // month ahead would also end the session).
  const stored = await app.kv.get<Record<string, unknown>>([
    "applications",
    userId,
  ]);
  await app.kv.set(stored.key, {
    ...stored.value,
    decidedAt: new Date(
      Date.now() - (REAPPLY_AFTER_DAYS + 1) * 86_400_000,
    ).toISOString(),
  });
  const later = await page(expert, "/expert/application/review");
  expect(later.text).toContain("Start a new application");
  const reopened = await postForm(expert, "/expert/application/review", {
    action: "reopen",
  });
  expect(reopened.status).toBe(303);
  expect((await getApplication(app.kv, userId)).status).toBe("draft");
  expect((await postForm(expert, "/expert/application/review", {})).status)
    .toBe(303);
  expect((await getApplication(app.kv, userId)).status).toBe("pending");
});

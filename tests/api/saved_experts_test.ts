/**
 * The saved-experts API end to end, every answer checked against the
 * OpenAPI document: save (idempotent), list newest first with summaries,
 * remove (idempotent), and the refusals a caller can act on.
 */
import { expect } from "expect";
import { signUp } from "@/tests/support/auth.ts";
import { bookableExpert } from "@/tests/support/bookings.ts";
import { createCheckedAuthApp } from "./support.ts";

Deno.test("a learner saves experts, lists them and removes one", async () => {
  await using app = await createCheckedAuthApp();
  const learner = await signUp(app, "learner");
  const first = await bookableExpert(app.kv, { profile: { name: "Ann One" } });
  const second = await bookableExpert(app.kv, { profile: { name: "Ben Two" } });
  const path = (id: string) => `/api/me/saved-experts/${id}`;

  const saved = await learner.api("PUT", path(first.expertId));
  expect(saved.status).toBe(200);
  expect(saved.body.saved.expertId).toBe(first.expertId);
  expect((await learner.api("PUT", path(second.expertId))).status).toBe(200);
  const again = await learner.api("PUT", path(first.expertId));
  expect(again.body.saved).toEqual(saved.body.saved);

  const list = await learner.api("GET", "/api/me/saved-experts");
  expect(list.status).toBe(200);
  expect(
    list.body.experts.map((e: { expert: { name: string } }) => e.expert.name),
  ).toEqual(["Ben Two", "Ann One"]);

  expect((await learner.api("DELETE", path(second.expertId))).status).toBe(204);
  expect((await learner.api("DELETE", path(second.expertId))).status).toBe(204);
  const after = await learner.api("GET", "/api/me/saved-experts");
  expect(after.body.experts.map((e: { expertId: string }) => e.expertId))
    .toEqual([first.expertId]);

  // Someone else's list is their own.
  const other = await signUp(app, "learner");
  expect((await other.api("GET", "/api/me/saved-experts")).body.experts)
    .toEqual([]);
});

Deno.test("saving nobody, or oneself, is refused with a reason", async () => {
  await using app = await createCheckedAuthApp();
  const learner = await signUp(app, "learner");
  const missing = await learner.api("PUT", "/api/me/saved-experts/nobody");
  expect(missing.status).toBe(404);
  expect(missing.body.message).toBe("There is no such expert.");

  const expert = await signUp(app, "expert");
  await bookableExpert(app.kv, { id: expert.user!.id });
  const own = await expert.api(
    "PUT",
    `/api/me/saved-experts/${expert.user!.id}`,
  );
  expect(own.status).toBe(400);
  expect(own.body.message).toBe("You can't save your own profile.");

  const anonymous = await app.client().api("GET", "/api/me/saved-experts");
  expect(anonymous.status).toBe(401);
});

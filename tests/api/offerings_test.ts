/**
 * An expert's offerings over HTTP: validation of prices, durations,
 * currencies and kinds, ownership, and the last active offering of a
 * published expert. Every answer is checked against the OpenAPI document.
 */
import { expect } from "expect";
import { signUp } from "@/tests/support/auth.ts";
import {
  approvedExpert,
  PACKAGE,
  RETIRED_PACKAGE,
  SESSION,
  submittedExpert,
  withCategories,
} from "./support.ts";

Deno.test("offerings: prices, durations, currencies and kinds are validated", async () => {
  const { app } = await withCategories();
  await using _app = app;
  const expert = await signUp(app, "expert");
  const bad: [Record<string, unknown>, string][] = [
    [{ ...SESSION, priceMinor: 0 }, "priceMinor"],
    [{ ...SESSION, priceMinor: 1 }, "priceMinor"],
    [
      { ...PACKAGE, packageOptions: [{ sessions: 5, priceMinor: 99 }] },
      "packageOptions.0.priceMinor",
    ],
    [{ ...SESSION, priceMinor: -500 }, "priceMinor"],
    [{ ...SESSION, priceMinor: 12.5 }, "priceMinor"],
    [{ ...SESSION, priceMinor: 1_000_001 }, "priceMinor"],
    [
      { ...PACKAGE, packageOptions: [{ sessions: 5, priceMinor: 10_000_001 }] },
      "packageOptions.0.priceMinor",
    ],
    [{ ...SESSION, durationMinutes: 20 }, "durationMinutes"],
    [{ ...SESSION, currency: "XXX" }, "currency"],
    [{ ...SESSION, kind: "subscription" }, "kind"],
    [
      { ...PACKAGE, packageOptions: [{ sessions: 21, priceMinor: 35000 }] },
      "packageOptions.0.sessions",
    ],
    [RETIRED_PACKAGE, "kind"],
    [{ ...SESSION, sessions: 5 }, "sessions"],
    [{ ...SESSION, title: "ab" }, "title"],
  ];
  for (const [body, field] of bad) {
    const answer = await expert.api("POST", "/api/expert/offerings", body);
    expect({ body, status: answer.status, field: field in answer.body.details })
      .toEqual({ body, status: 400, field: true });
  }
  expect((await expert.api("GET", "/api/expert/offerings")).body.offerings)
    .toEqual([]);

  // The upper bounds themselves are fine.
  expect(
    (await expert.api("POST", "/api/expert/offerings", {
      ...SESSION,
      priceMinor: 1_000_000,
    })).status,
  ).toBe(201);
  const bundle = await expert.api("POST", "/api/expert/offerings", {
    ...PACKAGE,
    priceMinor: 1_000_000,
    packageOptions: [{ sessions: 20, priceMinor: 10_000_000 }],
  });
  expect(bundle.status).toBe(201);
  const id = bundle.body.offering.id;

  const patched = await expert.api("PATCH", `/api/expert/offerings/${id}`, {
    title: "Renamed bundle",
    priceMinor: 30000,
    packageOptions: [{ sessions: 5, priceMinor: 120000 }],
  });
  expect(patched.status).toBe(200);
  expect(patched.body.offering).toMatchObject({
    kind: "session",
    title: "Renamed bundle",
    priceMinor: 30000,
    packageOptions: [{ sessions: 5, priceMinor: 120000, currency: "USD" }],
  });
  expect(patched.body.offering.sessions).toBeUndefined();
  // No offering turns into a package.
  const kindChange = await expert.api("PATCH", `/api/expert/offerings/${id}`, {
    kind: "package",
  });
  expect(kindChange.status).toBe(400);
  expect(kindChange.body.details.kind).toBeDefined();
  const tooCheap = await expert.api("PATCH", `/api/expert/offerings/${id}`, {
    priceMinor: 1,
  });
  expect(tooCheap.status).toBe(400);
  expect(tooCheap.body.details.priceMinor).toBeDefined();
  expect(
    (await expert.api("GET", "/api/expert/offerings")).body.offerings
      .find((o: { id: string }) => o.id === id),
  ).toMatchObject({ kind: "session", priceMinor: 30000 });

  expect((await expert.api("DELETE", `/api/expert/offerings/${id}`)).status)
    .toBe(204);
  const active = await expert.api("GET", "/api/expert/offerings");
  expect(active.body.offerings.map((o: { id: string }) => o.id)).not
    .toContain(id);
  const all = await expert.api(
    "GET",
    "/api/expert/offerings?includeInactive=true",
  );
  expect(
    all.body.offerings.find((o: { id: string }) => o.id === id).active,
  ).toBe(false);
  const restored = await expert.api("PATCH", `/api/expert/offerings/${id}`, {
    active: true,
  });
  expect(restored.body.offering.active).toBe(true);
});

Deno.test("offerings: an old client sending a package is told to use package options", async () => {
  const { app } = await withCategories();
  await using _app = app;
  const expert = await signUp(app, "expert");
  const refused = await expert.api(
    "POST",
    "/api/expert/offerings",
    RETIRED_PACKAGE,
  );
  expect(refused.status).toBe(400);
  expect(refused.body.details.kind[0]).toMatch(
    /no longer accepted.*packageOptions/,
  );
  expect(refused.body.details.sessions[0]).toMatch(/packageOptions/);
  // Sending what the message says works, and the kind may be left out.
  const { kind: _kind, ...session } = SESSION;
  const sold = await expert.api("POST", "/api/expert/offerings", {
    ...session,
    sessions: null,
    packageOptions: [{ sessions: 5, priceMinor: 35000 }],
  });
  expect(sold.status).toBe(201);
  expect(sold.body.offering).toMatchObject({
    kind: "session",
    packageOptions: [{ sessions: 5, priceMinor: 35000 }],
  });
});

Deno.test("offerings belong to their expert: another expert's id is not found", async () => {
  const { app } = await withCategories();
  await using _app = app;
  const owner = await signUp(app, "expert");
  const id = (await owner.api("POST", "/api/expert/offerings", SESSION)).body
    .offering.id;
  const stranger = await signUp(app, "expert");
  const patch = await stranger.api("PATCH", `/api/expert/offerings/${id}`, {
    priceMinor: 100,
  });
  expect(patch.status).toBe(404);
  expect((await stranger.api("DELETE", `/api/expert/offerings/${id}`)).status)
    .toBe(404);
  expect((await stranger.api("GET", "/api/expert/offerings")).body.offerings)
    .toEqual([]);
  const learner = await signUp(app, "learner");
  expect((await learner.api("POST", "/api/expert/offerings", SESSION)).status)
    .toBe(403);
  // The owner's offering is unchanged.
  const mine = await owner.api("GET", "/api/expert/offerings");
  expect(mine.body.offerings).toMatchObject([{ id, priceMinor: 8000 }]);
  // Absurd ids are simply not found.
  const longId = "x".repeat(3000);
  expect((await owner.api("DELETE", `/api/expert/offerings/${longId}`)).status)
    .toBe(404);
});

Deno.test("a published expert can't withdraw their last active offering", async () => {
  const { app, admin } = await withCategories();
  await using _app = app;
  const expert = await approvedExpert(app, admin);
  const [only] = (await expert.api("GET", "/api/expert/offerings")).body
    .offerings;
  const refused = await expert.api(
    "DELETE",
    `/api/expert/offerings/${only.id}`,
  );
  expect(refused.status).toBe(409);
  expect(refused.body.message).toMatch(/add another offering first/i);
  const deactivated = await expert.api(
    "PATCH",
    `/api/expert/offerings/${only.id}`,
    { active: false },
  );
  expect(deactivated.status).toBe(409);
  const profile = await app.client().api(
    "GET",
    `/api/experts/${expert.user!.id}`,
  );
  expect(profile.body.offerings).toHaveLength(1);

  // With a second offering in place the first can go.
  expect((await expert.api("POST", "/api/expert/offerings", PACKAGE)).status)
    .toBe(201);
  expect(
    (await expert.api("DELETE", `/api/expert/offerings/${only.id}`)).status,
  )
    .toBe(204);
});

Deno.test("offerings: refused while the application is waiting for review", async () => {
  const { app } = await withCategories();
  await using _app = app;
  const expert = await submittedExpert(app);
  const [offering] = (await expert.api("GET", "/api/expert/offerings")).body
    .offerings;
  const added = await expert.api("POST", "/api/expert/offerings", SESSION);
  expect(added.status).toBe(409);
  expect(added.body.message).toContain("waiting for review");
  const changed = await expert.api(
    "PATCH",
    `/api/expert/offerings/${offering.id}`,
    { title: "Renamed while in review" },
  );
  expect(changed.status).toBe(409);
  expect(
    (await expert.api("DELETE", `/api/expert/offerings/${offering.id}`))
      .status,
  ).toBe(409);
});

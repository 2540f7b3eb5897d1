/**
 * What a GET answers, the matching PUT or PATCH accepts back unchanged: for
 * every resource with both, the writable fields of the GET answer (those
 * the write operation's documented body has) are sent back, must be
 * accepted, and must leave the resource as it was. Every answer is also
 * checked against the generated OpenAPI document.
 */
import { expect } from "expect";
import type { z } from "zod";
import type { Client } from "@/tests/support/auth.ts";
import { signUp } from "@/tests/support/auth.ts";
import { findOperation } from "@/api/operations.ts";
import { OPERATIONS } from "./contract.ts";
import {
  approvedExpert,
  PACKAGE,
  PROFILE,
  SESSION,
  withCategories,
} from "./support.ts";

// deno-lint-ignore no-explicit-any -- answers are compared as JSON
type Json = any;

/** The fields of `value` that `method path` documents in its JSON body. */
function writableFields(method: string, path: string, value: Json): Json {
  const operation = findOperation(OPERATIONS, method, path);
  if (operation === null || "allowedMethods" in operation) {
    throw new Error(`no operation ${method} ${path}`);
  }
  const media = operation.route.request?.body?.content["application/json"];
  const body = (media as { schema: z.ZodObject }).schema;
  const fields = Object.keys(body.shape);
  return Object.fromEntries(
    Object.entries(value).filter(([name]) => fields.includes(name)),
  );
}

/** Without the fields a write always changes. */
function withoutTimestamps(value: Json): Json {
  const { updatedAt: _updatedAt, ...rest } = value;
  return rest;
}

/**
 * Reads `read(answer)` from GET `getPath`, sends its writable fields back
 * with `method writePath`, and expects 200 and the same resource after.
 */
async function expectRoundTrip(
  client: Client,
  getPath: string,
  read: (body: Json) => Json,
  method: "PUT" | "PATCH",
  writePath = getPath,
) {
  const before = await client.api("GET", getPath);
  expect(before.status).toBe(200);
  const resource = read(before.body);
  const sent = writableFields(method, writePath, resource);
  expect(Object.keys(sent).length).toBeGreaterThan(0);
  const written = await client.api(method, writePath, sent);
  expect({ writePath, status: written.status, problems: written.body.details })
    .toEqual({ writePath, status: 200, problems: undefined });
  const after = await client.api("GET", getPath);
  expect(withoutTimestamps(read(after.body))).toEqual(
    withoutTimestamps(resource),
  );
}

Deno.test("round trip: /api/me", async () => {
  const { app } = await withCategories();
  await using _app = app;
  const client = await signUp(app, "learner");
  await expectRoundTrip(client, "/api/me", (body) => body.user, "PATCH");
});

Deno.test("round trip: /api/expert/application", async () => {
  const { app } = await withCategories();
  await using _app = app;
  const expert = await signUp(app, "expert");
  for (
    const step of [PROFILE, {
      categoryIds: ["machine-learning"],
      skills: ["Python"],
      location: "Lyon, France",
    }]
  ) {
    expect((await expert.api("PUT", "/api/expert/application", step)).status)
      .toBe(200);
  }
  await expectRoundTrip(
    expert,
    "/api/expert/application",
    (body) => body.application,
    "PUT",
  );
});

// A draft answers null for the step fields not filled in yet; the save takes
// those nulls back.
Deno.test({
  name: "round trip: /api/expert/application, a draft with empty steps",
  async fn() {
    const { app } = await withCategories();
    await using _app = app;
    const expert = await signUp(app, "expert");
    await expert.api("PUT", "/api/expert/application", PROFILE);
    await expectRoundTrip(
      expert,
      "/api/expert/application",
      (body) => body.application,
      "PUT",
    );
  },
});

Deno.test("round trip: /api/expert/profile", async () => {
  const { app, admin } = await withCategories();
  await using _app = app;
  const expert = await approvedExpert(app, admin);
  await expectRoundTrip(
    expert,
    "/api/expert/profile",
    (body) => body.profile,
    "PATCH",
  );
});

Deno.test("round trip: an offering", async () => {
  const { app } = await withCategories();
  await using _app = app;
  const expert = await signUp(app, "expert");
  for (const offering of [SESSION, PACKAGE]) {
    const created = await expert.api("POST", "/api/expert/offerings", offering);
    expect(created.status).toBe(201);
    const id = created.body.offering.id;
    await expectRoundTrip(
      expert,
      "/api/expert/offerings",
      (body) => body.offerings.find((o: { id: string }) => o.id === id),
      "PATCH",
      `/api/expert/offerings/${id}`,
    );
  }
});

Deno.test("round trip: a category and a subcategory", async () => {
  const { app, admin } = await withCategories();
  await using _app = app;
  const find = (id: string) => (body: Json) =>
    body.categories.flatMap((top: Json) => [top, ...top.subcategories])
      .find((category: Json) => category.id === id);
  for (const id of ["design", "machine-learning"]) {
    await expectRoundTrip(
      admin,
      "/api/admin/categories",
      find(id),
      "PATCH",
      `/api/admin/categories/${id}`,
    );
  }
});

// A goal without a target date is answered with `targetDate: null`, and
// taken back as such.
Deno.test({
  name: "round trip: /api/learner/onboarding",
  fn: onboardingRoundTrip,
});

async function onboardingRoundTrip() {
  const { app } = await withCategories();
  await using _app = app;
  const learner = await signUp(app, "learner");
  const saved = await learner.api("PUT", "/api/learner/onboarding", {
    goals: [
      { text: "Build my first recommendation system" },
      { text: "Ship a portfolio", targetDate: "2099-06-30" },
    ],
    interests: ["machine-learning"],
    levels: { "machine-learning": "beginner" },
  });
  expect(saved.status).toBe(200);
  await expectRoundTrip(
    learner,
    "/api/learner/onboarding",
    (body) => body.onboarding,
    "PUT",
  );
}

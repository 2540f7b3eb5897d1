/**
 * Apps for the API tests, with every /api answer checked against the
 * generated OpenAPI document (./contract.ts) as the tests run.
 */
import { expect } from "expect";
import {
  type AuthTestApp,
  type Client,
  createAuthTestApp,
  linkFromOutbox,
  signInAdmin,
  signUp,
  TEST_ORIGIN,
} from "@/tests/support/auth.ts";
import { createTestApp, type TestApp } from "@/tests/support/helpers.ts";
import { checkApiAnswers } from "./contract.ts";
import { PDF } from "@/tests/support/files.ts";

/** createAuthTestApp, checked: accounts through the real flows, no demo data. */
export async function createCheckedAuthApp(): Promise<AuthTestApp> {
  return checkApiAnswers(await createAuthTestApp());
}

/** createTestApp, checked: the demo data unless `seed: false`. */
export async function createCheckedTestApp(
  options: { seed?: boolean } = {},
): Promise<TestApp> {
  return checkApiAnswers(await createTestApp(options));
}

/**
 * A checked app with an admin (2FA on) and the categories
 * data › machine-learning, and design.
 */
export async function withCategories(): Promise<
  { app: AuthTestApp; admin: Client }
> {
  const app = await createCheckedAuthApp();
  const admin = await signInAdmin(app, { twoFactor: true });
  for (
    const body of [
      { id: "data", name: "Data", icon: "chart-column" },
      { name: "Machine Learning", icon: "bot", parentId: "data" },
      { id: "design", name: "Design", icon: "palette" },
    ]
  ) {
    const created = await admin.api("POST", "/api/admin/categories", body);
    if (created.status !== 201) {
      throw new Error(
        `category set-up failed: ${JSON.stringify(created.body)}`,
      );
    }
  }
  return { app, admin };
}

export const PROFILE = {
  headline: "Machine learning engineer for startups",
  bio:
    "I have built recommendation systems and data pipelines for ten years, and I love teaching beginners.",
  yearsExperience: 10,
  languages: ["en", "fr"],
  linkedinOrWebsite: "https://www.linkedin.com/in/someone",
};

export const SESSION = {
  kind: "session",
  title: "One-hour mentoring",
  durationMinutes: 60,
  priceMinor: 8000,
  currency: "USD",
};

/** A session type sold in a package of five. */
export const PACKAGE = {
  kind: "session",
  title: "Five-session bootcamp",
  durationMinutes: 60,
  priceMinor: 8000,
  currency: "USD",
  description: "Five weekly sessions.",
  packageOptions: [{ sessions: 5, priceMinor: 35000 }],
};

/** What clients sent for a package before the kind was retired. */
export const RETIRED_PACKAGE = {
  kind: "package",
  title: "Five-session bootcamp",
  durationMinutes: 60,
  priceMinor: 35000,
  currency: "USD",
  sessions: 5,
  description: "Five weekly sessions.",
};

/** Uploads `bytes` as `name` in the multipart field `file`. */
export async function upload(
  client: Client,
  bytes: Uint8Array<ArrayBuffer>,
  name: string,
  type: string,
  // Bodies are inspected field by field; their types are what the test asserts.
  // deno-lint-ignore no-explicit-any
): Promise<{ status: number; body: Record<string, any> }> {
  const form = new FormData();
  form.append("file", new File([bytes], name, { type }));
  const response = await client.request("/api/expert/application/documents", {
    method: "POST",
    body: form,
  });
  return { status: response.status, body: await response.json() };
}

/** Follows the verification link emailed to the client's user. */
export async function confirmEmail(client: Client): Promise<void> {
  const link = await linkFromOutbox(
    client.app.kv,
    client.user!.email,
    "/verify-email",
  );
  const verified = await client.api("POST", "/api/auth/email/verify", {
    token: new URL(link, TEST_ORIGIN).searchParams.get("token"),
  });
  expect(verified.status).toBe(200);
}

/** An expert whose application is complete and submitted (pending). */
export async function submittedExpert(app: AuthTestApp): Promise<Client> {
  const expert = await signUp(app, "expert", { name: "Ada Expert" });
  expect((await expert.api("PUT", "/api/expert/application", PROFILE)).status)
    .toBe(200);
  const expertise = await expert.api("PUT", "/api/expert/application", {
    categoryIds: ["machine-learning"],
    skills: ["Python", "Recommendation systems", "PyTorch"],
  });
  expect(expertise.status).toBe(200);
  expect((await expert.api("POST", "/api/expert/offerings", SESSION)).status)
    .toBe(201);
  expect((await upload(expert, PDF, "diploma.pdf", "application/pdf")).status)
    .toBe(201);
  await confirmEmail(expert);
  const submitted = await expert.api("POST", "/api/expert/application/submit");
  expect(submitted.status).toBe(200);
  expect(submitted.body.application.status).toBe("pending");
  return expert;
}

/** An approved, published expert. */
export async function approvedExpert(app: AuthTestApp, admin: Client) {
  const expert = await submittedExpert(app);
  const approved = await admin.api(
    "POST",
    `/api/admin/applications/${expert.user!.id}/approve`,
    { note: "Welcome!" },
  );
  expect(approved.status).toBe(200);
  return expert;
}

/** The `tt_session` Set-Cookie of a response, if it sets one. */
export function sessionCookieOf(
  response: { headers: Headers },
): string | undefined {
  return response.headers.getSetCookie().find((cookie) =>
    cookie.startsWith("tt_session=")
  );
}

/**
 * What the page tests share: posting forms (urlencoded and multipart) with
 * a cookie-keeping client, reading a page, an app with a small category
 * tree, a complete expert profile, and walking the application wizard up to
 * sending it for review.
 */
import { expect } from "expect";
import {
  type AuthTestApp,
  type Client,
  createAuthTestApp,
  linkFromOutbox,
  signUp,
  TEST_PASSWORD,
  uniqueEmail,
} from "@/tests/support/auth.ts";
import { addCategories, DESIGN, MUSIC } from "@/tests/support/categories.ts";
import { pdfFile } from "@/tests/support/files.ts";
import { tidyTags } from "@/tests/support/helpers.ts";

/** Posts an urlencoded form; repeated fields are given as arrays. */
export function postForm(
  client: Client,
  path: string,
  fields: Record<string, string | string[]>,
): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      body.append(name, item);
    }
  }
  return client.request(path, { method: "POST", body });
}

/** Posts a multipart form with one file, as a browser's file input would. */
export function postFile(
  client: Client,
  path: string,
  field: string,
  file: File,
  fields: Record<string, string> = {},
): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  body.set(field, file);
  return client.request(path, { method: "POST", body });
}

/** GETs a page: its status, its HTML (tags tidied: `tidyTags`) and the response. */
export async function page(client: Client, path: string) {
  const response = await client.request(path);
  return {
    status: response.status,
    text: tidyTags(await response.text()),
    response,
  };
}

/**
 * A page's words as a reader sees them: tags out, the entities pages use
 * decoded, runs of space as one.
 */
export function visibleText(html: string): string {
  return html.replace(/<[^>]+>/g, " ").replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, "&").replace(/\s+/g, " ");
}

/**
 * An app (accounts through the real flows, no demo data) with the
 * categories Design › UX research and Music › Piano.
 */
export async function createAppWithCategories(): Promise<AuthTestApp> {
  const app = await createAuthTestApp();
  await addCategories(app.kv, DESIGN, MUSIC);
  return app;
}

/** A complete expert profile, as the profile step posts it. */
export const PROFILE = {
  headline: "Product designer helping teams ship",
  bio:
    "I have designed products for fifteen years, at start-ups and large companies. Beginners welcome: I teach research, interaction design and prototyping.",
  yearsExperience: "15",
  languages: ["en", "fr"],
  linkedinOrWebsite: "https://www.linkedin.com/in/example",
  location: "Lyon, France",
};

/** Walks an expert through every step of the wizard, without submitting. */
export async function completeSteps(client: Client) {
  expect(
    (await postForm(client, "/expert/application/profile", PROFILE)).status,
  )
    .toBe(303);
  expect(
    (await postForm(client, "/expert/application/expertise", {
      categoryIds: ["design", "ux-research"],
      skills: "Figma, User research, Prototyping",
    })).status,
  ).toBe(303);
  expect(
    (await postForm(client, "/expert/application/offerings", {
      action: "add",
      kind: "session",
      title: "Portfolio review",
      durationMinutes: "60",
      price: "80",
      currency: "EUR",
      sessions: "",
      description: "We go through your portfolio together.",
    })).status,
  ).toBe(303);
  const upload = await postFile(
    client,
    "/expert/application/credentials",
    "file",
    pdfFile("diploma.pdf"),
    { action: "upload" },
  );
  expect(upload.status).toBe(303);
}

/** Signs up an expert who walks through every step of the wizard. */
export async function expertWithSteps(
  app: AuthTestApp,
  name?: string,
): Promise<Client> {
  const expert = await signUp(app, "expert", { name });
  await completeSteps(expert);
  return expert;
}

/** Follows the verification link emailed to the client's user. */
export async function confirmEmail(client: Client): Promise<void> {
  const link = await linkFromOutbox(
    client.app.kv,
    client.user!.email,
    "/verify-email",
  );
  expect((await client.request(link)).status).toBe(200);
}

/** Sends the expert's completed application for review (email confirmed first). */
export async function submitForReview(expert: Client): Promise<void> {
  await confirmEmail(expert);
  expect((await postForm(expert, "/expert/application/review", {})).status)
    .toBe(303);
}

/** A second password, for changes and resets. */
export const NEW_PASSWORD = "a different long passphrase";

/** Signs up through the /signup form; the client keeps the session. */
export async function signUpWithForm(
  app: AuthTestApp,
  role: "learner" | "expert",
  email = uniqueEmail(role),
): Promise<{ client: Client; response: Response; email: string }> {
  const client = app.client();
  const response = await postForm(client, "/signup", {
    role,
    name: `Pat ${role}`,
    email,
    password: TEST_PASSWORD,
    timeZone: "Europe/Berlin",
    acceptTerms: "yes",
  });
  return { client, response, email };
}

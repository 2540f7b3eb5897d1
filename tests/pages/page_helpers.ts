/**
 * What the page tests share: posting forms (urlencoded and multipart) with
 * a cookie-keeping client, reading a page, a small category tree, a
 * complete expert profile, tiny real files, and walking the application
 * wizard.
 */
import { expect } from "expect";
import type { AuthTestApp, Client } from "@/tests/support/auth.ts";
import { createCategory } from "@/services/categories/mod.ts";

/** A tiny but real PDF: its bytes start with the PDF signature. */
export const SMALL_PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
);

/** The PNG signature and an IHDR chunk: enough for the type check. */
export const SMALL_PNG = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  0,
  0,
  0,
  13,
  0x49,
  0x48,
  0x44,
  0x52,
  0,
  0,
  0,
  1,
  0,
  0,
  0,
  1,
  8,
  6,
  0,
  0,
  0,
  0x1f,
  0x15,
  0xc4,
  0x89,
]);

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

/** GETs a page: its status, its HTML and the response. */
export async function page(client: Client, path: string) {
  const response = await client.request(path);
  return { status: response.status, text: await response.text(), response };
}

/** Design (with UX research under it) and Music. */
export async function addCategories(app: AuthTestApp) {
  await createCategory(app.kv, {
    id: "design",
    name: "Design",
    icon: "palette",
    order: 0,
  });
  await createCategory(app.kv, {
    id: "ux-research",
    name: "UX research",
    icon: "search",
    parentId: "design",
  });
  await createCategory(app.kv, {
    id: "music",
    name: "Music",
    icon: "music",
    order: 1,
  });
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
    new File([SMALL_PDF], "diploma.pdf", { type: "application/pdf" }),
    { action: "upload" },
  );
  expect(upload.status).toBe(303);
}

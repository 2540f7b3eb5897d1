/**
 * Fixtures for the tests of this folder: users written straight to KV,
 * categories, and a complete application. Files to upload and rejections are
 * in tests/support (files.ts, rejections.ts), shared with other tests.
 */
import type { RequestMeta } from "@/services/auth/mod.ts";
import { createOffering } from "@/services/offerings/mod.ts";
import type { ApplicationPatch } from "./model.ts";
import { saveApplication } from "./draft.ts";
import { addApplicationDocument } from "./documents.ts";
import { submitApplication } from "./submit.ts";
import {
  addCategories,
  RETIRED,
  SOFTWARE,
} from "@/tests/support/categories.ts";
import { pdfFile } from "@/tests/support/files.ts";

export const meta: RequestMeta = {
  ip: "203.0.113.9",
  userAgent: "test",
  baseUrl: "https://taptime.test",
};

/** Writes a user record directly: the auth flows are tested in services/auth. */
export async function addUser(
  kv: Deno.Kv,
  id: string,
  role: "learner" | "expert" | "admin",
  name = "Grace Hopper",
) {
  const at = new Date().toISOString();
  await kv.set(["users", id], {
    id,
    email: `${id}@example.com`,
    name,
    role,
    timeZone: "America/New_York",
    emailVerified: true,
    status: "active",
    createdAt: at,
    updatedAt: at,
    passwordHash: "unused",
    totpSecret: null,
  });
}

/** Categories software › web and a retired "old"; expert1, admin1, admin2. */
export async function setUp(kv: Deno.Kv) {
  await addCategories(kv, SOFTWARE, RETIRED);
  await addUser(kv, "expert1", "expert");
  await addUser(kv, "admin1", "admin", "Ada Admin");
  await addUser(kv, "admin2", "admin", "Bob Admin");
}

export const complete = {
  headline: "Compiler engineer and COBOL pioneer",
  bio: "I designed early compilers and like teaching beginners from scratch. "
    .repeat(2),
  yearsExperience: 30,
  languages: ["en"],
  linkedinOrWebsite: "https://www.linkedin.com/in/grace",
  categoryIds: ["web"],
  skills: ["Compilers", "COBOL", "Teaching"],
} satisfies ApplicationPatch;

/** A pending application with one 60-minute session at $120. */
export async function submitted(kv: Deno.Kv, userId = "expert1") {
  await saveApplication(kv, userId, complete);
  await addApplicationDocument(kv, userId, pdfFile());
  await createOffering(kv, userId, {
    kind: "session",
    title: "Code review",
    durationMinutes: 30,
    priceMinor: 6000,
    currency: "USD",
  });
  return await submitApplication(kv, userId);
}

/** Every stored file and chunk key, without the upload ids. */
export async function storedKeys(kv: Deno.Kv) {
  const keys: Deno.KvKey[] = [];
  for (const prefix of ["files", "files_chunk"]) {
    for await (const entry of kv.list({ prefix: [prefix] })) {
      keys.push(entry.key.slice(0, 2));
    }
  }
  return keys;
}

/** Reading and saving the application's steps. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { NotFoundError, ValidationError } from "@/services/platform/errors.ts";
import {
  createCategory,
  setCategoryRetired,
} from "@/services/categories/mod.ts";
import { createOffering } from "@/services/offerings/mod.ts";
import {
  type ApplicationPatch,
  applicationPatchSchema,
  applicationSchema,
} from "./model.ts";
import { getApplication, saveApplication } from "./draft.ts";
import { addApplicationDocument } from "./documents.ts";
import { uploadExpertPhoto } from "./photos.ts";
import { listApplications } from "./queue.ts";
import { requestChanges } from "./review.ts";
import { submitApplication } from "./submit.ts";
import { complete, meta, setUp } from "./testing.ts";
import { caught } from "@/tests/support/rejections.ts";
import { pdfFile, pngFile } from "@/tests/support/files.ts";

Deno.test("a new expert sees a blank draft; other users have no application", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const application = await getApplication(kv, "expert1");
  expect(application.status).toBe("draft");
  expect(application.steps).toEqual({
    profile: false,
    expertise: false,
    offerings: false,
    credentials: false,
  });
  expect(await caught(getApplication(kv, "admin1"))).toBeInstanceOf(
    NotFoundError,
  );
});

Deno.test("saveApplication saves steps as they become valid", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  let application = await saveApplication(kv, "expert1", {
    headline: complete.headline,
  });
  expect(application.headline).toBe(complete.headline);
  expect(application.steps.profile).toBe(false);
  application = await saveApplication(kv, "expert1", {
    bio: complete.bio,
    yearsExperience: 30,
    languages: ["EN"],
  });
  expect(application.languages).toEqual(["en"]);
  expect(application.steps.profile).toBe(true);
  expect(application.steps.expertise).toBe(false);
  application = await saveApplication(kv, "expert1", {
    categoryIds: ["web"],
    skills: ["COBOL"],
  });
  expect(application.steps.expertise).toBe(true);
  expect((await getApplication(kv, "expert1")).headline).toBe(
    complete.headline,
  );
  const queue = await listApplications(kv, { status: "draft" });
  expect(queue.applications.map((a) => a.userId)).toEqual(["expert1"]);
});

Deno.test("invalid fields are all reported and nothing is stored", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await saveApplication(kv, "expert1", { headline: complete.headline });
  const error = await caught(saveApplication(kv, "expert1", {
    headline: "Short",
    bio: "Too short",
    yearsExperience: 61,
    languages: ["english"],
    linkedinOrWebsite: "http://insecure.example.com",
    skills: [],
  }));
  expect(error).toBeInstanceOf(ValidationError);
  expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual([
    "bio",
    "headline",
    "languages.0",
    "linkedinOrWebsite",
    "skills",
    "yearsExperience",
  ]);
  expect((await getApplication(kv, "expert1")).headline).toBe(
    complete.headline,
  );

  const unknownField = await caught(
    saveApplication(kv, "expert1", { status: "approved" } as ApplicationPatch),
  );
  expect(unknownField).toBeInstanceOf(ValidationError);
  const control = await caught(
    saveApplication(kv, "expert1", { headline: "Evil\u0000 headline here" }),
  );
  expect((control as ValidationError).fieldErrors.headline).toBeDefined();
});

Deno.test("HTML in a bio is stored as given text", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const bio = "<script>alert(1)</script> I teach compilers to people who " +
    "have never written one before.";
  const application = await saveApplication(kv, "expert1", {
    bio: `  ${bio} `,
  });
  expect(application.bio).toBe(bio);
});

Deno.test("unknown and retired categories are refused", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  for (const categoryIds of [["nope"], ["old"]]) {
    const error = await caught(
      saveApplication(kv, "expert1", { categoryIds }),
    );
    expect((error as ValidationError).fieldErrors.categoryIds?.[0]).toContain(
      categoryIds[0],
    );
  }
  expect((await getApplication(kv, "expert1")).categoryIds).toBeNull();
});

/** The application as GET /api/expert/application returns it, as JSON. */
function asRead(view: Awaited<ReturnType<typeof getApplication>>) {
  const { statusEntryId: _entry, ...rest } = JSON.parse(JSON.stringify(view));
  return {
    ...rest,
    documents: rest.documents.map((
      { fileKey: _key, ...doc }: Record<string, unknown>,
    ) => doc),
  };
}

/** The parts of an application a save may change by itself. */
function withoutBookkeeping(view: Record<string, unknown>) {
  const { statusEntryId: _entry, updatedAt: _updated, ...rest } = view;
  return rest;
}

Deno.test("an application as read is accepted back unchanged", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  // A blank draft, never saved: every step field is null.
  const blank = await getApplication(kv, "expert1");
  for (const read of [blank, asRead(blank)]) {
    const saved = await saveApplication(kv, "expert1", read);
    expect(withoutBookkeeping(saved)).toEqual(
      withoutBookkeeping({ ...blank, createdAt: saved.createdAt }),
    );
  }

  // Filled in, with a photo, a document and an offering; one of its
  // categories has been retired since it was chosen.
  await createCategory(kv, { id: "cobol", name: "COBOL", icon: "code" });
  await saveApplication(kv, "expert1", {
    ...complete,
    categoryIds: ["web", "cobol"],
  });
  const { photoFileKey } = await uploadExpertPhoto(
    kv,
    "expert1",
    pngFile(),
  );
  await addApplicationDocument(kv, "expert1", pdfFile());
  await createOffering(kv, "expert1", {
    kind: "session",
    title: "Code review",
    durationMinutes: 30,
    priceMinor: 6000,
    currency: "USD",
  });
  await setCategoryRetired(kv, "cobol", true);
  const filled = await getApplication(kv, "expert1");
  expect(filled.photoFileKey).toBe(photoFileKey);
  for (const read of [filled, asRead(filled)]) {
    const saved = await saveApplication(kv, "expert1", read);
    expect(withoutBookkeeping(saved)).toEqual(withoutBookkeeping(filled));
  }
  // ... and with a change made to it.
  const changed = await saveApplication(kv, "expert1", {
    ...asRead(filled),
    headline: "Compiler engineer, COBOL pioneer, teacher",
  });
  expect(changed.headline).toBe("Compiler engineer, COBOL pioneer, teacher");
  expect(changed.categoryIds).toEqual(["web", "cobol"]);
  // The retired category can't be chosen anew.
  await saveApplication(kv, "expert1", { categoryIds: ["web"] });
  expect(
    (await caught(
      saveApplication(kv, "expert1", { categoryIds: ["web", "cobol"] }),
    ) as ValidationError).fieldErrors.categoryIds,
  ).toBeDefined();

  // Sent back after changes were requested, it keeps that status.
  await submitApplication(kv, "expert1");
  await requestChanges(
    kv,
    "admin1",
    "expert1",
    { note: "More, please." },
    meta,
  );
  const returned = await getApplication(kv, "expert1");
  const saved = await saveApplication(kv, "expert1", asRead(returned));
  expect(saved.status).toBe("changes_requested");
});

Deno.test("the status and owner of an application can't be changed by saving", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const read = asRead(await getApplication(kv, "expert1"));
  for (
    const [field, value] of [["status", "pending"], ["userId", "expert2"]]
  ) {
    const error = await caught(
      saveApplication(kv, "expert1", { ...read, [field]: value }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual([
      field,
    ]);
  }
  expect((await getApplication(kv, "expert1")).statusEntryId).toBeNull();
});

Deno.test("every field of an application as read is one saving accepts", () => {
  const readFields = [
    ...Object.keys(applicationSchema.shape),
    "steps",
    "activeOfferings",
  ];
  expect(
    readFields.filter((field) => !(field in applicationPatchSchema.shape)),
  ).toEqual([]);
});

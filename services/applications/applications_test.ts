import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  createCategory,
  listCategories,
  setCategoryRetired,
} from "@/services/categories/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import {
  getExpert,
  getPublishedExpert,
  searchExperts,
} from "@/services/experts/mod.ts";
import { createOffering } from "@/services/offerings/mod.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import type { RequestMeta } from "@/services/auth/mod.ts";
import {
  addApplicationDocument,
  type ApplicationPatch,
  approveApplication,
  getApplication,
  getApplicationDocument,
  getExpertPhoto,
  listApplications,
  rejectApplication,
  removeApplicationDocument,
  republishExpert,
  requestChanges,
  saveApplication,
  submitApplication,
  unpublishExpert,
  updateExpertProfile,
  uploadExpertPhoto,
} from "./applications.ts";

const meta: RequestMeta = {
  ip: "203.0.113.9",
  userAgent: "test",
  baseUrl: "https://taptime.test",
};

const PDF = new TextEncoder().encode("%PDF-1.7\n% a certificate\n%%EOF\n");
const PNG = new Uint8Array([
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
  1,
  2,
  3,
]);

function pdfFile(name = "certificate.pdf") {
  return new File([PDF], name, { type: "application/pdf" });
}

/** Writes a user record directly: the auth flows are tested in services/auth. */
async function addUser(
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

async function setUp(kv: Deno.Kv) {
  await createCategory(kv, { id: "software", name: "Software", icon: "💻" });
  await createCategory(kv, {
    id: "web",
    name: "Web",
    icon: "🌐",
    parentId: "software",
  });
  await createCategory(kv, { id: "old", name: "Old", icon: "📼" });
  await setCategoryRetired(kv, "old", true);
  await addUser(kv, "expert1", "expert");
  await addUser(kv, "admin1", "admin", "Ada Admin");
  await addUser(kv, "admin2", "admin", "Bob Admin");
}

const complete: ApplicationPatch = {
  headline: "Compiler engineer and COBOL pioneer",
  bio: "I designed early compilers and like teaching beginners from scratch. "
    .repeat(2),
  yearsExperience: 30,
  languages: ["en"],
  linkedinOrWebsite: "https://www.linkedin.com/in/grace",
  categoryIds: ["web"],
  skills: ["Compilers", "COBOL", "Teaching"],
};

/** A pending application with one 60-minute session at $120. */
async function submitted(kv: Deno.Kv, userId = "expert1") {
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
async function storedKeys(kv: Deno.Kv) {
  const keys: Deno.KvKey[] = [];
  for (const prefix of ["files", "files_chunk"]) {
    for await (const entry of kv.list({ prefix: [prefix] })) {
      keys.push(entry.key.slice(0, 2));
    }
  }
  return keys;
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("Expected a rejection.");
}

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

Deno.test("submitting with steps missing names every one", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await saveApplication(kv, "expert1", { headline: complete.headline });
  const error = await caught(
    submitApplication(kv, "expert1"),
  ) as ValidationError;
  expect(error).toBeInstanceOf(ValidationError);
  expect(error.message).toContain("profile, expertise, offerings, credentials");
  expect(Object.keys(error.fieldErrors).sort()).toEqual([
    "bio",
    "categoryIds",
    "documents",
    "languages",
    "offerings",
    "skills",
    "yearsExperience",
  ]);
  expect((await getApplication(kv, "expert1")).status).toBe("draft");
});

Deno.test("a complete application submits; editing while pending is refused", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const application = await submitted(kv);
  expect(application.status).toBe("pending");
  expect(application.steps).toEqual({
    profile: true,
    expertise: true,
    offerings: true,
    credentials: true,
  });
  const error = await caught(
    saveApplication(kv, "expert1", { headline: "A brand new headline" }),
  );
  expect(error).toBeInstanceOf(ConflictError);
  expect(error.message).toContain("waiting for review");
  expect(await caught(addApplicationDocument(kv, "expert1", pdfFile())))
    .toBeInstanceOf(ConflictError);
  expect(await caught(submitApplication(kv, "expert1"))).toBeInstanceOf(
    ConflictError,
  );
  const queue = await listApplications(kv, {});
  expect(queue.applications.map((a) => [a.userId, a.applicant?.name])).toEqual([
    ["expert1", "Grace Hopper"],
  ]);
  expect((await listApplications(kv, { status: "draft" })).applications)
    .toEqual([]);
});

Deno.test("documents: stored, streamed back, removed; disguised and oversized refused", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const document = await addApplicationDocument(kv, "expert1", pdfFile());
  expect(document).toMatchObject({
    name: "certificate.pdf",
    contentType: "application/pdf",
    size: PDF.byteLength,
  });
  const found = await getApplicationDocument(kv, "expert1", document.id);
  expect(new Uint8Array(await new Response(found!.body).arrayBuffer()))
    .toEqual(PDF);
  expect(await getApplicationDocument(kv, "expert1", "nope")).toBeNull();

  const chunksOfFirst = (await storedKeys(kv)).length - 1;
  const disguised = new File(["MZ not a pdf"], "cv.pdf", {
    type: "application/pdf",
  });
  const oversized = new File(
    [PDF, new Uint8Array(10 * 1024 * 1024)],
    "big.pdf",
    { type: "application/pdf" },
  );
  for (const file of [disguised, oversized]) {
    const error = await caught(addApplicationDocument(kv, "expert1", file));
    expect((error as ValidationError).fieldErrors.file).toBeDefined();
  }
  expect((await getApplication(kv, "expert1")).documents).toHaveLength(1);
  expect(await storedKeys(kv)).toEqual([
    ["files", document.fileKey],
    ...Array.from(
      { length: chunksOfFirst },
      () => ["files_chunk", document.fileKey],
    ),
  ]);

  await removeApplicationDocument(kv, "expert1", document.id);
  expect((await getApplication(kv, "expert1")).documents).toEqual([]);
  expect(await getApplicationDocument(kv, "expert1", document.id)).toBeNull();
  expect(await storedKeys(kv)).toEqual([]);
  expect(await caught(removeApplicationDocument(kv, "expert1", document.id)))
    .toBeInstanceOf(NotFoundError);
});

Deno.test("at most 10 documents", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  for (let i = 0; i < 10; i++) {
    await addApplicationDocument(kv, "expert1", pdfFile(`c${i}.pdf`));
  }
  expect(await caught(addApplicationDocument(kv, "expert1", pdfFile())))
    .toBeInstanceOf(ConflictError);
});

Deno.test("approval publishes the profile under its category, emails and audits", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await submitted(kv);
  expect(await getExpert(kv, "expert1")).toBeNull();
  const application = await approveApplication(
    kv,
    "admin1",
    "expert1",
    { note: "Welcome!" },
    meta,
  );
  expect(application.status).toBe("approved");
  expect(application.reviewerNotes).toEqual([
    expect.objectContaining({
      by: "admin1",
      decision: "approved",
      note: "Welcome!",
    }),
  ]);
  const expert = await getPublishedExpert(kv, "expert1");
  expect(expert).toMatchObject({
    id: "expert1",
    name: "Grace Hopper",
    headline: complete.headline,
    hourlyRate: { amountMinor: 12000, currency: "USD" },
    rating: { average: 0, count: 0 },
    location: "New York",
    timeZone: "America/New_York",
    linkedinOrWebsite: "https://www.linkedin.com/in/grace",
    published: true,
  });
  for (const category of ["web", "software"]) {
    const found = await searchExperts(kv, { category });
    expect(found.experts.map((e) => e.id)).toEqual(["expert1"]);
  }
  expect((await searchExperts(kv, { q: "cobol" })).total).toBe(1);

  const [mail] = await listOutbox(kv, { to: "expert1@example.com" });
  expect(mail.subject).toContain("approved");
  expect(mail.text).toContain("https://taptime.test/experts/expert1");
  const { events } = await listSecurityEvents(kv, { userId: "expert1" });
  expect(events.map((e) => [e.type, e.actorId])).toEqual([
    ["expert_application_approved", "admin1"],
  ]);
  expect(
    await caught(
      saveApplication(kv, "expert1", { headline: "Another fine headline" }),
    ),
  )
    .toBeInstanceOf(ConflictError);
});

Deno.test("two admins deciding at once: exactly one wins", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await submitted(kv);
  const results = await Promise.allSettled([
    approveApplication(kv, "admin1", "expert1", {}, meta),
    rejectApplication(kv, "admin2", "expert1", { note: "No." }, meta),
    approveApplication(kv, "admin2", "expert1", {}, meta),
  ]);
  const won = results.filter((r) => r.status === "fulfilled");
  const lost = results.filter((r) => r.status === "rejected");
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(2);
  for (const result of lost) {
    expect((result as PromiseRejectedResult).reason).toBeInstanceOf(
      ConflictError,
    );
  }
  const application = await getApplication(kv, "expert1");
  expect(application.reviewerNotes).toHaveLength(1);
  expect(await listOutbox(kv, { to: "expert1@example.com" })).toHaveLength(1);
});

Deno.test("reject and request changes need a note and keep the profile private", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await submitted(kv);
  expect(
    await caught(requestChanges(kv, "admin1", "expert1", { note: " " }, meta)),
  ).toBeInstanceOf(ValidationError);
  let application = await requestChanges(kv, "admin1", "expert1", {
    note: "Please add a certificate.",
  }, meta);
  expect(application.status).toBe("changes_requested");
  expect(await getExpert(kv, "expert1")).toBeNull();
  expect((await listOutbox(kv, {}))[0].text).toContain(
    "Please add a certificate.",
  );

  // Edited, resubmitted, then rejected.
  await addApplicationDocument(kv, "expert1", pdfFile("second.pdf"));
  application = await submitApplication(kv, "expert1");
  expect(application.status).toBe("pending");
  expect(
    await caught(
      rejectApplication(kv, "admin1", "expert1", {} as { note: string }, meta),
    ),
  )
    .toBeInstanceOf(ValidationError);
  application = await rejectApplication(kv, "admin1", "expert1", {
    note: "Not a fit.",
  }, meta);
  expect(application.status).toBe("rejected");
  expect(application.reviewerNotes.map((n) => n.decision)).toEqual([
    "changes_requested",
    "rejected",
  ]);
  expect(await getExpert(kv, "expert1")).toBeNull();
  expect(await caught(approveApplication(kv, "admin1", "expert1", {}, meta)))
    .toBeInstanceOf(ConflictError);
  expect(
    await caught(
      saveApplication(kv, "expert1", { headline: "Try again later please" }),
    ),
  )
    .toBeInstanceOf(ConflictError);
  const types = (await listSecurityEvents(kv, { userId: "expert1" })).events
    .map((e) => e.type);
  expect(types).toEqual([
    "expert_application_rejected",
    "expert_application_changes_requested",
  ]);
});

Deno.test("decisions only from pending", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await saveApplication(kv, "expert1", complete);
  expect(await caught(approveApplication(kv, "admin1", "expert1", {}, meta)))
    .toBeInstanceOf(ConflictError);
  expect(await caught(approveApplication(kv, "admin1", "nobody", {}, meta)))
    .toBeInstanceOf(NotFoundError);
});

Deno.test("unpublish hides the expert at once; republish shows it again", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await submitted(kv);
  await approveApplication(kv, "admin1", "expert1", {}, meta);
  expect((await searchExperts(kv, { category: "web" })).total).toBe(1);
  expect(
    await caught(unpublishExpert(kv, "admin1", "expert1", { note: "" }, meta)),
  )
    .toBeInstanceOf(ValidationError);
  const application = await unpublishExpert(kv, "admin1", "expert1", {
    note: "Complaints from learners.",
  }, meta);
  expect(application.status).toBe("approved");
  expect(await getPublishedExpert(kv, "expert1")).toBeNull();
  expect((await searchExperts(kv, { category: "web" })).total).toBe(0);
  expect((await searchExperts(kv, { q: "cobol" })).total).toBe(0);
  expect(
    await caught(
      unpublishExpert(kv, "admin1", "expert1", { note: "again" }, meta),
    ),
  )
    .toBeInstanceOf(ConflictError);
  await republishExpert(kv, "admin2", "expert1", {}, meta);
  expect((await searchExperts(kv, { category: "web" })).total).toBe(1);
});

Deno.test("an approved expert edits the live profile; a retired category stays", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await submitted(kv);
  await approveApplication(kv, "admin1", "expert1", {}, meta);
  const updated = await updateExpertProfile(kv, "expert1", {
    headline: "Rear admiral of compilers",
    skills: ["Compilers", "Navy"],
  });
  expect(updated.headline).toBe("Rear admiral of compilers");
  expect((await searchExperts(kv, { q: "admiral" })).experts[0].id).toBe(
    "expert1",
  );
  expect((await searchExperts(kv, { q: "teaching" })).total).toBe(0);

  // Retiring "web" hides it from the public filters but not from the profile.
  await setCategoryRetired(kv, "web", true);
  const software = (await listCategories(kv)).find((c) => c.id === "software")!;
  expect(software.subcategories.map((c) => c.id)).not.toContain("web");
  const edited = await updateExpertProfile(kv, "expert1", {
    categoryIds: ["web", "software"],
    bio: complete.bio,
  });
  expect(edited.categoryIds).toEqual(["web", "software"]);
  expect(
    await caught(updateExpertProfile(kv, "expert1", { categoryIds: ["old"] })),
  )
    .toBeInstanceOf(ValidationError);
  expect(await caught(updateExpertProfile(kv, "expert1", { bio: "short" })))
    .toBeInstanceOf(ValidationError);
  expect(
    await caught(updateExpertProfile(kv, "expert1", { name: "X" } as never)),
  )
    .toBeInstanceOf(ValidationError);
});

Deno.test("updateExpertProfile before approval is refused", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  expect(
    await caught(
      updateExpertProfile(kv, "expert1", { headline: "A fine headline" }),
    ),
  )
    .toBeInstanceOf(ConflictError);
});

Deno.test("photos: images only, private until published", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  expect(await caught(uploadExpertPhoto(kv, "expert1", pdfFile())))
    .toBeInstanceOf(ValidationError);
  const { photoFileKey, photoUrl } = await uploadExpertPhoto(
    kv,
    "expert1",
    new File([PNG], "me.png", { type: "image/png" }),
  );
  expect(photoUrl).toMatch(/^\/experts\/expert1\/photo\/[0-9A-Z]{26}$/);
  expect((await getApplication(kv, "expert1")).photoFileKey).toBe(photoFileKey);
  const photoId = photoFileKey.split("/").pop()!;
  expect(await getExpertPhoto(kv, "expert1", photoId)).toBeNull();
  const own = await getExpertPhoto(kv, "expert1", photoId, {
    includePrivate: true,
  });
  await own!.body.cancel();
  expect(own!.file.contentType).toBe("image/png");
  // Someone else's key cannot be claimed.
  await addUser(kv, "expert2", "expert");
  expect(await caught(saveApplication(kv, "expert2", { photoFileKey })))
    .toBeInstanceOf(ValidationError);

  await submitted(kv);
  await approveApplication(kv, "admin1", "expert1", {}, meta);
  expect((await getExpert(kv, "expert1"))!.photoUrl).toBe(photoUrl);
  const publicPhoto = await getExpertPhoto(kv, "expert1", photoId);
  await publicPhoto!.body.cancel();
  expect(publicPhoto!.file.size).toBe(PNG.byteLength);
});

Deno.test("the review queue pages oldest first", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  for (const id of ["e1", "e2", "e3"]) {
    await addUser(kv, id, "expert");
    await submitted(kv, id);
  }
  const first = await listApplications(kv, { status: "pending", limit: 2 });
  expect(first.applications.map((a) => a.userId)).toEqual(["e1", "e2"]);
  const second = await listApplications(kv, {
    status: "pending",
    limit: 2,
    cursor: first.nextCursor!,
  });
  expect(second.applications.map((a) => a.userId)).toEqual(["e3"]);
  expect(second.nextCursor).toBeNull();
  expect(await caught(listApplications(kv, { status: "bogus" as never })))
    .toBeInstanceOf(ValidationError);
});

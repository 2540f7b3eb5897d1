/** An approved expert editing the live profile. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import {
  createCategory,
  listCategories,
  setCategoryRetired,
} from "@/services/categories/mod.ts";
import { ConflictError, ValidationError } from "@/services/platform/errors.ts";
import {
  expertProfileSchema,
  getExpert,
  searchExperts,
  updateExpert,
} from "@/services/experts/mod.ts";
import { profilePatchSchema } from "./model.ts";
import { saveApplication } from "./draft.ts";
import { approveApplication } from "./review.ts";
import { updateExpertProfile } from "./live_profile.ts";
import { uploadExpertPhoto } from "./photos.ts";
import { complete, meta, setUp, submitted } from "./testing.ts";
import { caught } from "@/tests/support/rejections.ts";
import { pngFile } from "@/tests/support/files.ts";

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

Deno.test("a live profile as read is accepted back unchanged", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await createCategory(kv, { id: "cobol", name: "COBOL", icon: "code" });
  await saveApplication(kv, "expert1", {
    ...complete,
    categoryIds: ["web", "cobol"],
  });
  await submitted(kv);
  await approveApplication(kv, "admin1", "expert1", {}, meta);
  const { photoFileKey } = await uploadExpertPhoto(
    kv,
    "expert1",
    pngFile(),
  );
  // A category the profile holds is retired after it was chosen.
  await setCategoryRetired(kv, "cobol", true);
  const read = (await getExpert(kv, "expert1"))!;
  expect(read.photoFileKey).toBe(photoFileKey);
  for (const sent of [read, JSON.parse(JSON.stringify(read))]) {
    expect(await updateExpertProfile(kv, "expert1", sent)).toEqual(read);
  }
  expect(await getExpert(kv, "expert1")).toEqual(read);
  // ... and with a change made to it.
  const changed = await updateExpertProfile(kv, "expert1", {
    ...read,
    headline: "Rear admiral of compilers",
  });
  expect(changed).toEqual({ ...read, headline: "Rear admiral of compilers" });

  // A photo that is only a URL (no uploaded file) stays when sent back.
  const linked = await updateExpert(kv, "expert1", {
    photoUrl: "https://images.example/grace.jpg",
    photoFileKey: null,
  });
  expect(await updateExpertProfile(kv, "expert1", linked)).toEqual(linked);
});

Deno.test("the fields of a live profile its expert does not own can't be changed", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await submitted(kv);
  await approveApplication(kv, "admin1", "expert1", {}, meta);
  const read = (await getExpert(kv, "expert1"))!;
  const changes: Record<string, unknown>[] = [
    { id: "expert2" },
    { name: "Amazing Grace" },
    { timeZone: "Europe/Paris" },
    { published: false },
  ];
  for (const change of changes) {
    const error = await caught(
      updateExpertProfile(kv, "expert1", { ...read, ...change }),
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors)).toEqual(
      Object.keys(change),
    );
  }
  expect(await getExpert(kv, "expert1")).toEqual(read);
});

Deno.test("every field of a live profile as read is one editing accepts", () => {
  expect(
    Object.keys(expertProfileSchema.shape).filter((field) =>
      !(field in profilePatchSchema.shape)
    ),
  ).toEqual([]);
});

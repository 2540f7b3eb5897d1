/** Submitting an application for review. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { ConflictError, ValidationError } from "@/services/platform/errors.ts";
import { getApplication, saveApplication } from "./draft.ts";
import { addApplicationDocument } from "./documents.ts";
import { listApplications } from "./queue.ts";
import { submitApplication } from "./submit.ts";
import { approveApplication, requestChanges } from "./review.ts";
import { createOffering, listOfferings } from "@/services/offerings/mod.ts";
import { complete, meta, setUp, submitted } from "./testing.ts";
import { caught } from "@/tests/support/rejections.ts";
import { pdfFile } from "@/tests/support/files.ts";

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

Deno.test("offerings hold still while the application is in review", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  await submitted(kv);
  const [offering] = await listOfferings(kv, "expert1");
  const refusal = await caught(createOffering(kv, "expert1", {
    kind: "session",
    title: "Added after submitting",
    durationMinutes: 60,
    priceMinor: 9000,
    currency: "USD",
  }));
  expect(refusal).toBeInstanceOf(ConflictError);
  expect(refusal.message).toContain("waiting for review");
  expect(await listOfferings(kv, "expert1")).toEqual([offering]);

  // Asked for changes, the expert may change them again.
  await requestChanges(
    kv,
    "admin1",
    "expert1",
    { note: "Lower the price." },
    meta,
  );
  await createOffering(kv, "expert1", {
    kind: "session",
    title: "A cheaper session",
    durationMinutes: 30,
    priceMinor: 3000,
    currency: "USD",
  });
  expect((await listOfferings(kv, "expert1")).length).toBe(2);
});

Deno.test("an unconfirmed email address can't be sent for review, nor approved", async () => {
  using kv = await openTestKv();
  await setUp(kv);
  const user = (await kv.get<Record<string, unknown>>(["users", "expert1"]))
    .value!;
  await kv.set(["users", "expert1"], { ...user, emailVerified: false });
  const refusal = await caught(submitted(kv)) as ValidationError;
  expect(refusal).toBeInstanceOf(ValidationError);
  expect(Object.keys(refusal.fieldErrors)).toEqual(["email"]);
  expect(refusal.message).toContain("Confirm your email address");
  expect((await getApplication(kv, "expert1")).status).toBe("draft");

  // Sent before the rule existed (or the address changed since): the
  // approval is refused too.
  await kv.set(["users", "expert1"], { ...user, emailVerified: true });
  await submitApplication(kv, "expert1");
  await kv.set(["users", "expert1"], { ...user, emailVerified: false });
  const approval = await caught(
    approveApplication(kv, "admin1", "expert1", {}, meta),
  );
  expect(approval).toBeInstanceOf(ConflictError);
  expect((await getApplication(kv, "expert1")).status).toBe("pending");
});

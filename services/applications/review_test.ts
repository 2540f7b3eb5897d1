/** Admin review decisions. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
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
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { listOutbox } from "@/services/platform/email/mod.ts";
import { getApplication, saveApplication } from "./draft.ts";
import { addApplicationDocument } from "./documents.ts";
import { submitApplication } from "./submit.ts";
import {
  approveApplication,
  rejectApplication,
  republishExpert,
  requestChanges,
  unpublishExpert,
} from "./review.ts";
import { complete, meta, setUp, submitted } from "./testing.ts";
import { caught } from "@/tests/support/rejections.ts";
import { pdfFile } from "@/tests/support/files.ts";

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

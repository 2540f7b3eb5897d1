import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { listSecurityEvents } from "@/services/platform/audit.ts";
import { ValidationError } from "@/services/platform/errors.ts";
import {
  createFaqEntry,
  deleteFaqEntry,
  faqBySection,
  fillFaqTokens,
  listFaqEntries,
  moveFaqEntry,
  updateFaqEntry,
} from "./mod.ts";
import { FAQ_SEED, FAQ_SEED_CORRECTIONS } from "./faq_seed.ts";

const META = { ip: "192.0.2.1", userAgent: "test" };

Deno.test("the FAQ starts with the original questions, once, in order and by section", async () => {
  using kv = await openTestKv();
  const entries = await listFaqEntries(kv);
  expect(entries.map((e) => e.question)).toEqual(
    FAQ_SEED.map((e) => e.question),
  );
  expect(await listFaqEntries(kv)).toEqual(entries);
  const sections = await faqBySection(kv);
  expect(sections.map((s) => [s.id, s.entries.length])).toEqual([
    ["learners", 7],
    ["experts", 4],
    ["trust", 3],
  ]);
  // Deleting everything does not bring the originals back.
  for (const entry of entries) await deleteFaqEntry(kv, "a", entry.id, META);
  expect(await listFaqEntries(kv)).toEqual([]);
});

Deno.test("questions are added, edited, moved and deleted, each audited", async () => {
  using kv = await openTestKv();
  const added = await createFaqEntry(kv, "a", {
    section: "trust",
    question: "Who sees my messages?",
    answerMarkdown: "Only you and your expert.",
  }, META);
  const trust = async () =>
    (await faqBySection(kv)).find((s) => s.id === "trust")!.entries
      .map((e) => e.question);
  expect((await trust()).at(-1)).toBe("Who sees my messages?");
  await moveFaqEntry(kv, "a", added.id, "up", META);
  expect((await trust()).at(-2)).toBe("Who sees my messages?");
  await moveFaqEntry(kv, "a", added.id, "down", META);
  expect((await trust()).at(-1)).toBe("Who sees my messages?");

  await updateFaqEntry(kv, "a", added.id, {
    section: "learners",
    question: "Who reads my messages?",
    answerMarkdown: "Only you and your expert, and moderators if reported.",
  }, META);
  const learners = (await faqBySection(kv))[0].entries;
  expect(learners.at(-1)?.question).toBe("Who reads my messages?");
  await expect(
    updateFaqEntry(kv, "a", added.id, {
      section: "nowhere" as never,
      question: "?",
      answerMarkdown: "",
    }, META),
  ).rejects.toBeInstanceOf(ValidationError);
  await deleteFaqEntry(kv, "a", added.id, META);
  const { events } = await listSecurityEvents(kv, { actorId: "a" });
  expect(events.map((e) => e.type).reverse()).toEqual([
    "faq_entry_created",
    "faq_reordered",
    "faq_reordered",
    "faq_entry_changed",
    "faq_entry_deleted",
  ]);
});

Deno.test("known tokens are filled in; anything else in braces stays", () => {
  expect(
    fillFaqTokens("A {commissionPercent}% fee, {unknown} {minimumWithdrawal}", {
      commissionPercent: "15",
      refundWindowDays: "180",
      minimumWithdrawal: "$20.00",
      payoutSetup: "x",
      paymentSecurity: "y",
      recordingRetentionDays: "90",
    }),
  ).toBe("A 15% fee, {unknown} $20.00");
});

Deno.test("a wrongly seeded answer is put right once, unless an admin rewrote it", async () => {
  for (const rewritten of [false, true]) {
    using kv = await openTestKv();
    // A database seeded before the answer was corrected.
    const [correction] = FAQ_SEED_CORRECTIONS;
    const id = "01JGFJJZ0W000000000000000W";
    await kv.set(["faq_meta", "seeded"], "2026-01-01T00:00:00.000Z");
    await kv.set(["faq_entries", id], {
      id,
      section: "trust",
      question: correction.question,
      answerMarkdown: rewritten ? "Our own words." : correction.was,
      order: 0,
      updatedAt: "2026-01-01T00:00:00.000Z",
    });
    const [entry] = await listFaqEntries(kv);
    expect(entry.answerMarkdown).toBe(
      rewritten ? "Our own words." : correction.now,
    );
    // Once: an admin may put the old words back.
    await updateFaqEntry(kv, "a", id, {
      ...entry,
      answerMarkdown: correction.was,
    }, META);
    expect((await listFaqEntries(kv))[0].answerMarkdown).toBe(correction.was);
  }
});

/**
 * The questions and answers of the public /faq page, managed by admins.
 *
 * KV keys
 *   ["faq_entries", id]        → FaqEntry   id is a ULID
 *   ["faq_meta", "seeded"]     → ISO time   the first read wrote the
 *                                           original questions (faq_seed.ts)
 *   ["faq_meta", "corrected", id] → ISO time   a seeded answer put right
 *                                           (FAQ_SEED_CORRECTIONS), once
 *
 * Entries are shown by section (FAQ_SECTIONS, in that order), then by
 * `order`. Answers are Markdown, rendered by the blog's sanitising
 * renderer, and may quote live settings with {tokens} (faqTokens).
 * Every change is one atomic that checks what it read, records an audit
 * event and stages a public change so the cached page refreshes.
 */
import { z } from "zod";
import {
  addSecurityEvent,
  type RequestMeta,
  type SecurityEventType,
} from "@/services/platform/audit.ts";
import {
  ConflictError,
  NotFoundError,
  parseInput,
} from "@/services/platform/errors.ts";
import { newId, withLockRetry } from "@/services/platform/kv.ts";
import { now } from "@/services/platform/clock.ts";
import { idSchema } from "@/services/platform/model.ts";
import { stagePublicChange } from "@/services/platform/public_version.ts";
import { FAQ_SEED, FAQ_SEED_CORRECTIONS } from "./faq_seed.ts";

type Meta = Pick<RequestMeta, "ip" | "userAgent">;

/** The page's sections, in the order they are shown. */
export const FAQ_SECTIONS = [
  { id: "learners", title: "For learners" },
  { id: "experts", title: "For experts" },
  { id: "trust", title: "Payments, privacy and safety" },
] as const;
export type FaqSectionId = typeof FAQ_SECTIONS[number]["id"];
const SECTION_IDS = FAQ_SECTIONS.map((section) => section.id) as [
  FaqSectionId,
  ...FaqSectionId[],
];

export const faqInputSchema = z.object({
  section: z.enum(SECTION_IDS, "Choose a section."),
  question: z.string().trim().min(
    5,
    "Write the question (5 characters or more).",
  )
    .max(200, "Keep the question under 200 characters."),
  answerMarkdown: z.string().trim().min(
    10,
    "Write the answer (10 characters or more).",
  ).max(5000, "Keep the answer under 5,000 characters."),
});
export type FaqInput = z.input<typeof faqInputSchema>;

export const faqEntrySchema = faqInputSchema.extend({
  id: idSchema,
  order: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type FaqEntry = z.infer<typeof faqEntrySchema>;

const PREFIX = ["faq_entries"] as const;
const SEEDED_KEY = ["faq_meta", "seeded"] as const;
const entryKey = (id: string): Deno.KvKey => [...PREFIX, id];

/** Section order, then each entry's own order. */
function byPlace(a: FaqEntry, b: FaqEntry): number {
  return SECTION_IDS.indexOf(a.section) - SECTION_IDS.indexOf(b.section) ||
    a.order - b.order || a.id.localeCompare(b.id);
}

/** Writes the original questions, once per database ever. */
async function seedOnce(kv: Deno.Kv): Promise<void> {
  if ((await kv.get(SEEDED_KEY)).versionstamp !== null) return;
  const at = now().toISOString();
  const op = kv.atomic().check({ key: SEEDED_KEY, versionstamp: null })
    .set(SEEDED_KEY, at);
  FAQ_SEED.forEach((entry, index) => {
    const id = newId();
    op.set(entryKey(id), { ...entry, id, order: index, updatedAt: at });
  });
  stagePublicChange(op);
  // Another process seeding at the same moment wins; nothing to do then.
  await withLockRetry(() => op.commit());
}

/**
 * Puts right each seeded answer that was wrong, once per database, where
 * the entry still says exactly what was seeded (an admin's own words are
 * left alone).
 */
async function correctSeededOnce(kv: Deno.Kv): Promise<void> {
  const keys = FAQ_SEED_CORRECTIONS.map((c) => ["faq_meta", "corrected", c.id]);
  const done = await kv.getMany(keys);
  if (done.every((entry) => entry.versionstamp !== null)) return;
  const entries: Deno.KvEntry<FaqEntry>[] = [];
  for await (const entry of kv.list<FaqEntry>({ prefix: [...PREFIX] })) {
    entries.push(entry);
  }
  const at = now().toISOString();
  for (const [i, correction] of FAQ_SEED_CORRECTIONS.entries()) {
    if (done[i].versionstamp !== null) continue;
    const op = kv.atomic().check(done[i]).set(keys[i], at);
    const stale = entries.find((entry) =>
      entry.value.question === correction.question &&
      entry.value.answerMarkdown === correction.was
    );
    if (stale) {
      op.check(stale).set(stale.key, {
        ...stale.value,
        answerMarkdown: correction.now,
        updatedAt: at,
      });
      stagePublicChange(op);
    }
    // Another process correcting at the same moment wins; nothing to do.
    await withLockRetry(() => op.commit());
  }
}

/** Every entry, in page order (the original questions on first use). */
export async function listFaqEntries(kv: Deno.Kv): Promise<FaqEntry[]> {
  await seedOnce(kv);
  await correctSeededOnce(kv);
  const entries: FaqEntry[] = [];
  for await (const entry of kv.list<FaqEntry>({ prefix: [...PREFIX] })) {
    entries.push(entry.value);
  }
  return entries.sort(byPlace);
}

/** The entries grouped by section, empty sections left out. */
export async function faqBySection(
  kv: Deno.Kv,
): Promise<{ id: FaqSectionId; title: string; entries: FaqEntry[] }[]> {
  const entries = await listFaqEntries(kv);
  return FAQ_SECTIONS.map((section) => ({
    ...section,
    entries: entries.filter((entry) => entry.section === section.id),
  })).filter((section) => section.entries.length > 0);
}

function audit(
  op: Deno.AtomicOperation,
  type: SecurityEventType,
  adminId: string,
  details: Record<string, string>,
  meta: Meta,
) {
  addSecurityEvent(op, { type, actorId: adminId, userId: null, details }, meta);
}

async function commitOrConflict(op: Deno.AtomicOperation): Promise<void> {
  if (!(await withLockRetry(() => op.commit())).ok) {
    throw new ConflictError(
      "The questions changed while you were saving. Reload the page and try again.",
    );
  }
}

/** Adds a question at the end of its section. */
export async function createFaqEntry(
  kv: Deno.Kv,
  adminId: string,
  input: FaqInput,
  meta: Meta,
): Promise<FaqEntry> {
  const fields = parseInput(faqInputSchema, input, "The question is invalid.");
  const existing = await listFaqEntries(kv);
  const last = Math.max(
    -1,
    ...existing.filter((e) => e.section === fields.section).map((e) => e.order),
  );
  const entry: FaqEntry = {
    ...fields,
    id: newId(),
    order: last + 1,
    updatedAt: now().toISOString(),
  };
  const op = kv.atomic().check({ key: entryKey(entry.id), versionstamp: null })
    .set(entryKey(entry.id), entry);
  stagePublicChange(op);
  audit(op, "faq_entry_created", adminId, {
    id: entry.id,
    question: entry.question,
  }, meta);
  await commitOrConflict(op);
  return entry;
}

async function readEntry(kv: Deno.Kv, id: string) {
  const entry = await kv.get<FaqEntry>(entryKey(id));
  if (!entry.value) throw new NotFoundError("That question no longer exists.");
  return entry as Deno.KvEntry<FaqEntry>;
}

/** Changes a question, its answer or its section (then it goes last there). */
export async function updateFaqEntry(
  kv: Deno.Kv,
  adminId: string,
  id: string,
  input: FaqInput,
  meta: Meta,
): Promise<FaqEntry> {
  const fields = parseInput(faqInputSchema, input, "The question is invalid.");
  const entry = await readEntry(kv, id);
  const before = entry.value;
  let order = before.order;
  if (fields.section !== before.section) {
    const others = (await listFaqEntries(kv))
      .filter((e) => e.section === fields.section).map((e) => e.order);
    order = Math.max(-1, ...others) + 1;
  }
  const next: FaqEntry = {
    ...before,
    ...fields,
    order,
    updatedAt: now().toISOString(),
  };
  const op = kv.atomic().check(entry).set(entry.key, next);
  stagePublicChange(op);
  const details: Record<string, string> = { id, question: next.question };
  if (before.section !== next.section) {
    details.section = `${before.section} → ${next.section}`;
  }
  audit(op, "faq_entry_changed", adminId, details, meta);
  await commitOrConflict(op);
  return next;
}

/** Deletes a question. */
export async function deleteFaqEntry(
  kv: Deno.Kv,
  adminId: string,
  id: string,
  meta: Meta,
): Promise<void> {
  const entry = await readEntry(kv, id);
  const op = kv.atomic().check(entry).delete(entry.key);
  stagePublicChange(op);
  audit(op, "faq_entry_deleted", adminId, {
    id,
    question: entry.value.question,
  }, meta);
  await commitOrConflict(op);
}

/**
 * Moves a question one place up or down within its section (swapping with
 * its neighbour); at either end it stays where it is.
 */
export async function moveFaqEntry(
  kv: Deno.Kv,
  adminId: string,
  id: string,
  direction: "up" | "down",
  meta: Meta,
): Promise<void> {
  const entries = await listFaqEntries(kv);
  const me = entries.find((e) => e.id === id);
  if (!me) throw new NotFoundError("That question no longer exists.");
  const siblings = entries.filter((e) => e.section === me.section);
  const at = siblings.findIndex((e) => e.id === id);
  const other = siblings[direction === "up" ? at - 1 : at + 1];
  if (!other) return;
  const [mine, theirs] = await Promise.all([
    readEntry(kv, me.id),
    readEntry(kv, other.id),
  ]);
  // Swap places; entries sharing an order are set one apart instead.
  const tied = mine.value.order === theirs.value.order;
  const myOrder = tied
    ? theirs.value.order + (direction === "up" ? -1 : 1)
    : theirs.value.order;
  const op = kv.atomic().check(mine).check(theirs)
    .set(mine.key, { ...mine.value, order: myOrder })
    .set(theirs.key, { ...theirs.value, order: mine.value.order });
  stagePublicChange(op);
  audit(op, "faq_reordered", adminId, {
    id,
    question: me.question,
    direction,
  }, meta);
  await commitOrConflict(op);
}

/**
 * The {tokens} an answer may use, so numbers quoted on the page follow the
 * settings. Values are given by the page (it knows the formatting).
 */
export const FAQ_TOKENS = {
  commissionPercent: "The commission, e.g. 15",
  refundWindowDays: "Days a top-up's unused credits can be refunded",
  minimumWithdrawal: "The smallest withdrawal, as money, e.g. $20.00",
  payoutSetup: "How experts set up payouts (Stripe, or a bank account)",
  paymentSecurity: "A sentence on how card payments are handled",
  recordingRetentionDays: "Days a session recording is kept",
} as const;
export type FaqToken = keyof typeof FAQ_TOKENS;

/** `markdown` with each known {token} replaced by its value. */
export function fillFaqTokens(
  markdown: string,
  values: Record<FaqToken, string>,
): string {
  return markdown.replace(
    /\{(\w+)\}/g,
    (whole, name: string) =>
      Object.hasOwn(values, name) ? values[name as FaqToken] : whole,
  );
}

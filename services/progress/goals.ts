/**
 * Which goal a milestone belongs to. Onboarding keeps goals as a plain
 * list of texts that the learner may reorder, edit or replace, so a goal
 * is known by its words: the id is a hash of the text with case and
 * spacing folded. Reordering keeps the milestones; rewording a goal makes
 * it a new goal (its old milestones are kept, unseen, should the words
 * come back).
 */

/** The id of the goal with these words: 16 hex digits of SHA-256. */
export async function goalIdOf(text: string): Promise<string> {
  const folded = text.normalize("NFC").trim().replace(/\s+/g, " ")
    .toLowerCase();
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(folded),
  );
  return Array.from(new Uint8Array(digest).slice(0, 8))
    .map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Whole percent of `done` out of `total` (0 when there is nothing to do). */
export function percentDone(done: number, total: number): number {
  return total === 0 ? 0 : Math.round((done / total) * 100);
}

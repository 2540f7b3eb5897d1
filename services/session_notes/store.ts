/**
 * Shared session notes in Deno KV.
 *
 * KV keys
 *   ["session_notes", bookingId]                                → SessionNote
 *                                      one note per booking, so the booking's
 *                                      id is the note's id
 *   ["session_notes_by_learner", learnerId, startMs, bookingId] → bookingId
 *                                      the learner's notes in session order
 *
 * The index holds the booking id, not a copy, and is written in the same
 * atomic operation as the note. A session that has started cannot move, so
 * the start in the index key never goes stale.
 */
import { getManyInBatches } from "@/services/platform/kv.ts";
import { type SessionNote, sessionNoteSchema } from "./model.ts";

export const noteKey = (bookingId: string): Deno.KvKey => [
  "session_notes",
  bookingId,
];
export const LEARNER_INDEX = "session_notes_by_learner";
export const learnerIndexKey = (note: SessionNote): Deno.KvKey => [
  LEARNER_INDEX,
  note.learnerId,
  Date.parse(note.sessionStart),
  note.bookingId,
];

/** A stored value read back through the schema (null when absent or damaged). */
export function readNote(value: unknown): SessionNote | null {
  const parsed = sessionNoteSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The notes of `bookingIds` that exist, by booking id. */
export async function getNotes(
  kv: Deno.Kv,
  bookingIds: readonly string[],
): Promise<Map<string, SessionNote>> {
  const found = new Map<string, SessionNote>();
  for (const entry of await getManyInBatches(kv, bookingIds.map(noteKey))) {
    const note = readNote(entry.value);
    if (note) found.set(note.bookingId, note);
  }
  return found;
}

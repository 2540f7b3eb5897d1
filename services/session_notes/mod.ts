/**
 * Shared session notes' public entry: everything outside
 * services/session_notes/ imports from here. The expert writes one note
 * per booking, during or after the session, and both parties read it
 * (notes.ts); the learner's notes are listed across all their experts.
 * KV keys: store.ts.
 */
export {
  MAX_SESSION_NOTE,
  noteTextSchema,
  type SessionNote,
  sessionNoteSchema,
  type SessionNoteState,
  type WriteSessionNote,
  writeSessionNoteSchema,
} from "./model.ts";
export {
  getSessionNoteFor,
  listNotesForLearner,
  MAX_LEARNER_NOTES,
  notesForBookings,
  NoteWriterError,
  writeSessionNote,
} from "./notes.ts";

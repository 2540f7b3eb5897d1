/**
 * Reading and writing a booking's shared note. Only the booking's two
 * parties read it (admins too are told there is no such booking: the note
 * is between the two of them); only its expert writes it, from the
 * session's start on, unless the session was cancelled.
 */
import { type Booking, getBookingFor } from "@/services/bookings/mod.ts";
import { clockFor } from "@/services/platform/clock.ts";
import {
  ConflictError,
  parseInput,
  ValidationError,
} from "@/services/platform/errors.ts";
import { RETRY, untilCommitted } from "@/services/platform/retry.ts";
import {
  type SessionNote,
  type SessionNoteState,
  type WriteSessionNote,
  writeSessionNoteSchema,
} from "./model.ts";
import {
  getNotes,
  LEARNER_INDEX,
  learnerIndexKey,
  noteKey,
  readNote,
} from "./store.ts";

/** Thrown when the learner of the booking tries to write its note. */
export class NoteWriterError extends Error {
  constructor() {
    super("Only the expert writes the session's notes.");
    this.name = "NoteWriterError";
  }
}

/** The booking when `userId` is one of its parties; NotFoundError otherwise. */
async function partyBooking(
  kv: Deno.Kv,
  userId: string,
  bookingId: string,
): Promise<{ booking: Booking; side: "learner" | "expert" }> {
  // Asked as a learner, so an admin's id gets no admin view of the booking.
  const { booking } = await getBookingFor(
    kv,
    { id: userId, role: "learner" },
    bookingId,
  );
  return {
    booking,
    side: booking.expertId === userId ? "expert" : "learner",
  };
}

/** Whether the note may be written now: the session has begun and stands. */
function writable(kv: Deno.Kv, booking: Booking): boolean {
  return booking.status !== "cancelled" &&
    clockFor(kv).now().getTime() >= Date.parse(booking.start);
}

/** The note of a booking `userId` is a party of, and what they may do. */
export async function getSessionNoteFor(
  kv: Deno.Kv,
  userId: string,
  bookingId: string,
): Promise<SessionNoteState> {
  const { booking, side } = await partyBooking(kv, userId, bookingId);
  const note = readNote((await kv.get(noteKey(booking.id))).value);
  return {
    note,
    side,
    canWrite: side === "expert" && writable(kv, booking),
  };
}

/**
 * Writes (or, with empty text, removes) the note of the booking
 * `expertId` teaches. Returns the note, or null once removed.
 */
export async function writeSessionNote(
  kv: Deno.Kv,
  expertId: string,
  bookingId: string,
  input: WriteSessionNote,
): Promise<SessionNote | null> {
  const { booking, side } = await partyBooking(kv, expertId, bookingId);
  if (side !== "expert") throw new NoteWriterError();
  const { text } = parseInput(writeSessionNoteSchema, input);
  if (text === undefined) {
    throw new ValidationError("Write the note.", {
      text: ["Write the note (send empty text to remove it)."],
    });
  }
  if (!writable(kv, booking)) {
    throw new ConflictError(
      booking.status === "cancelled"
        ? "The session was cancelled, so it has no notes."
        : "You can write notes once the session has started.",
    );
  }
  return await untilCommitted(async () => {
    const current = await kv.get(noteKey(booking.id));
    const previous = readNote(current.value);
    const op = kv.atomic().check(current);
    if (text === "") {
      if (!previous) return null;
      const committed = await op.delete(noteKey(booking.id))
        .delete(learnerIndexKey(previous)).commit();
      return committed.ok ? null : RETRY;
    }
    const at = clockFor(kv).now().toISOString();
    const note: SessionNote = {
      bookingId: booking.id,
      expertId: booking.expertId,
      learnerId: booking.learnerId,
      sessionTitle: booking.offeringTitle,
      sessionStart: booking.start,
      text,
      createdAt: previous?.createdAt ?? at,
      updatedAt: at,
    };
    const committed = await op.set(noteKey(booking.id), note)
      .set(learnerIndexKey(note), note.bookingId).commit();
    return committed.ok ? note : RETRY;
  });
}

/** The notes of these bookings that exist (for a party who can see them all). */
export function notesForBookings(
  kv: Deno.Kv,
  bookingIds: readonly string[],
): Promise<Map<string, SessionNote>> {
  return getNotes(kv, bookingIds);
}

/** The most notes `listNotesForLearner` returns. */
export const MAX_LEARNER_NOTES = 200;

/** Every note the learner's experts wrote for them, latest session first. */
export async function listNotesForLearner(
  kv: Deno.Kv,
  learnerId: string,
  { limit = MAX_LEARNER_NOTES }: { limit?: number } = {},
): Promise<SessionNote[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LEARNER_NOTES) {
    throw new ValidationError("Ask for fewer notes.", {
      limit: [`Use a whole number from 1 to ${MAX_LEARNER_NOTES}.`],
    });
  }
  const ids: string[] = [];
  for await (
    const entry of kv.list<string>(
      { prefix: [LEARNER_INDEX, learnerId] },
      { reverse: true, limit },
    )
  ) ids.push(entry.value);
  const notes = await getNotes(kv, ids);
  return ids.flatMap((id) => notes.get(id) ?? []);
}

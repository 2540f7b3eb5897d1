/**
 * What a shared session note is: the expert's notes on one booking, written
 * during or after the session, that the learner reads too. Plain text (at
 * most MAX_SESSION_NOTE characters); pages show its web addresses as links.
 */
import { z } from "zod";
import { idSchema } from "@/services/platform/model.ts";
import { multiLine } from "@/services/platform/plain_text.ts";

/** The longest note, in characters. */
export const MAX_SESSION_NOTE = 5_000;

const at = z.iso.datetime();

export const sessionNoteSchema = z.object({
  bookingId: idSchema,
  expertId: idSchema,
  learnerId: idSchema,
  sessionTitle: z.string().describe("The booked offering's title."),
  sessionStart: at.describe("When the session started (UTC)."),
  text: z.string().max(MAX_SESSION_NOTE).describe(
    "Plain text; web addresses in it are shown as links.",
  ),
  createdAt: at,
  updatedAt: at,
}).meta({ id: "SessionNote" });
export type SessionNote = z.infer<typeof sessionNoteSchema>;

/** The note's text as written: trimmed, Windows line ends made \n. */
export const noteTextSchema = multiLine(0, MAX_SESSION_NOTE);

export const writeSessionNoteSchema = z.strictObject({
  text: noteTextSchema.optional().describe(
    "Required: the whole note (empty removes it). Checked after the booking is found, so another user's booking id is a 404 whatever the body.",
  ),
});
export type WriteSessionNote = z.input<typeof writeSessionNoteSchema>;

/** What a party of the booking sees: the note, and whether they may write it. */
export interface SessionNoteState {
  note: SessionNote | null;
  side: "learner" | "expert";
  /** The expert, once the session has started and unless it was cancelled. */
  canWrite: boolean;
}

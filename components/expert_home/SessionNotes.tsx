/**
 * A booking's shared notes: the expert writes them during or after the
 * session and the learner reads them. Plain text; web addresses become
 * links. The form posts to /bookings/{id}/notes.
 */
import { Card } from "@/components/account/HomeShell.tsx";
import { Button } from "@/components/Button.tsx";
import { Linkified } from "@/components/Linkified.tsx";
import { TextAreaField } from "@/components/form/inputs.tsx";
import { whenIn } from "@/components/bookings/time.ts";
import type { SessionNote } from "@/services/session_notes/mod.ts";
import { MAX_SESSION_NOTE } from "@/services/session_notes/mod.ts";

/** The note as both parties read it. */
export function NoteText({ note, zone }: { note: SessionNote; zone: string }) {
  return (
    <div class="space-y-2">
      <p
        class="whitespace-pre-line rounded-lg bg-slate-50 p-4 text-slate-900"
        data-testid="session-note"
      >
        <Linkified text={note.text} userContent />
      </p>
      <p class="text-sm text-slate-600">
        Last changed {whenIn(note.updatedAt, zone)}
      </p>
    </div>
  );
}

export interface NotesCardProps {
  bookingId: string;
  side: "learner" | "expert";
  note: SessionNote | null;
  canWrite: boolean;
  /** The session was cancelled: nothing to write about. */
  cancelled: boolean;
  zone: string;
  otherName: string;
  /** What was typed when saving failed, and why. */
  draft?: string;
  error?: string;
}

export function SessionNotesCard(props: NotesCardProps) {
  const { bookingId, side, note, canWrite, zone } = props;
  if (side === "learner") {
    if (!note) return null;
    return (
      <Card id="notes" title="Session notes">
        <p class="text-sm text-slate-700">
          {props.otherName} wrote these notes for you.
        </p>
        <NoteText note={note} zone={zone} />
      </Card>
    );
  }
  if (props.cancelled && !note) return null;
  return (
    <Card id="notes" title="Shared notes">
      <p class="text-sm text-slate-700">
        Notes for{" "}
        {props.otherName}: what you covered, links, what to practise next.{" "}
        {props.otherName}{" "}
        sees them on this session's page. Only the two of you can read them.
      </p>
      {!canWrite && note && <NoteText note={note} zone={zone} />}
      {canWrite
        ? (
          <form
            method="post"
            action={`/bookings/${bookingId}/notes`}
            class="space-y-4"
          >
            <TextAreaField
              name="text"
              // The booking page holds other forms with a "text" field.
              id="session-notes"
              label="Your notes"
              hint={`Plain text, up to ${
                MAX_SESSION_NOTE.toLocaleString("en-US")
              } characters; web addresses become links. Empty it to remove the notes.`}
              rows={8}
              maxLength={MAX_SESSION_NOTE}
              optional={false}
              value={props.draft ?? note?.text ?? ""}
              error={props.error}
            />
            {note && (
              <p class="text-sm text-slate-600">
                Last changed {whenIn(note.updatedAt, zone)}
              </p>
            )}
            <Button>{note ? "Save the notes" : "Share the notes"}</Button>
          </form>
        )
        : !note && <p>You can write notes once the session has started.</p>}
    </Card>
  );
}

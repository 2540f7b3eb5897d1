/** Shared session notes: who writes, who reads, when, and the learner's list. */
import { expect } from "expect";
import { openTestKv } from "@/tests/support/kv.ts";
import { completedBookingOf } from "@/tests/support/reviews.ts";
import { bookingOf } from "@/tests/support/bookings.ts";
import { newId } from "@/services/platform/kv.ts";
import { getBookingFor } from "@/services/bookings/mod.ts";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "@/services/platform/errors.ts";
import {
  getSessionNoteFor,
  listNotesForLearner,
  MAX_SESSION_NOTE,
  NoteWriterError,
  writeSessionNote,
} from "./mod.ts";

const learner = () => ({
  id: newId(),
  role: "learner" as const,
  timeZone: "Europe/Berlin",
});

Deno.test("the expert writes the note and both parties read it", async () => {
  await using kv = await openTestKv();
  const booking = await completedBookingOf(kv, learner());
  const note = await writeSessionNote(kv, booking.expertId, booking.id, {
    text: "  We covered closures.\r\nRead https://example.com/closures  ",
  });
  expect(note?.text).toBe(
    "We covered closures.\nRead https://example.com/closures",
  );
  const forLearner = await getSessionNoteFor(kv, booking.learnerId, booking.id);
  expect(forLearner).toMatchObject({ side: "learner", canWrite: false });
  expect(forLearner.note?.text).toBe(note?.text);
  const forExpert = await getSessionNoteFor(kv, booking.expertId, booking.id);
  expect(forExpert).toMatchObject({ side: "expert", canWrite: true });

  const edited = await writeSessionNote(kv, booking.expertId, booking.id, {
    text: "Edited.",
  });
  expect(edited?.createdAt).toBe(note?.createdAt);
  expect(edited?.text).toBe("Edited.");
});

Deno.test("no one else reads or writes it, the learner only reads", async () => {
  await using kv = await openTestKv();
  const booking = await completedBookingOf(kv, learner());
  await expect(getSessionNoteFor(kv, newId(), booking.id)).rejects
    .toBeInstanceOf(NotFoundError);
  await expect(writeSessionNote(kv, newId(), booking.id, { text: "x" }))
    .rejects.toBeInstanceOf(NotFoundError);
  await expect(
    writeSessionNote(kv, booking.learnerId, booking.id, { text: "x" }),
  ).rejects.toBeInstanceOf(NoteWriterError);
});

Deno.test("notes have a length limit and need text", async () => {
  await using kv = await openTestKv();
  const booking = await completedBookingOf(kv, learner());
  await expect(
    writeSessionNote(kv, booking.expertId, booking.id, {
      text: "x".repeat(MAX_SESSION_NOTE + 1),
    }),
  ).rejects.toBeInstanceOf(ValidationError);
  await expect(writeSessionNote(kv, booking.expertId, booking.id, {}))
    .rejects.toBeInstanceOf(ValidationError);
  expect(
    (await writeSessionNote(kv, booking.expertId, booking.id, {
      text: "x".repeat(MAX_SESSION_NOTE),
    }))?.text.length,
  ).toBe(MAX_SESSION_NOTE);
});

Deno.test("the learner's notes list newest session first; empty text removes", async () => {
  await using kv = await openTestKv();
  const owner = learner();
  const first = await completedBookingOf(kv, owner);
  const second = await completedBookingOf(kv, owner);
  await writeSessionNote(kv, first.expertId, first.id, { text: "First" });
  await writeSessionNote(kv, second.expertId, second.id, { text: "Second" });
  const later = Date.parse(second.start) > Date.parse(first.start)
    ? ["Second", "First"]
    : ["First", "Second"];
  expect((await listNotesForLearner(kv, owner.id)).map((n) => n.text))
    .toEqual(later);
  expect(
    await writeSessionNote(kv, first.expertId, first.id, { text: "" }),
  ).toBeNull();
  expect((await listNotesForLearner(kv, owner.id)).map((n) => n.text))
    .toEqual(["Second"]);
  expect((await getSessionNoteFor(kv, owner.id, first.id)).note).toBeNull();
  await expect(listNotesForLearner(kv, owner.id, { limit: 0 })).rejects
    .toBeInstanceOf(ValidationError);
});

Deno.test("a session not yet started takes no notes", async () => {
  await using kv = await openTestKv();
  const owner = learner();
  const id = await bookingOf(kv, owner);
  const { booking } = await getBookingFor(kv, owner, id);
  expect((await getSessionNoteFor(kv, booking.expertId, id)).canWrite)
    .toBe(false);
  await expect(writeSessionNote(kv, booking.expertId, id, { text: "Soon" }))
    .rejects.toBeInstanceOf(ConflictError);
});

/**
 * A booking's shared session notes: both parties read them, the expert
 * writes them (the whole text each time; empty removes them) once the
 * session has started. Another user's booking id answers 404 whatever the
 * body, so the text is checked after the booking is found.
 */
import { z } from "zod";
import { owned, signedIn } from "@/auth/policy.ts";
import {
  getSessionNoteFor,
  NoteWriterError,
  sessionNoteSchema,
  writeSessionNote,
  writeSessionNoteSchema,
} from "@/services/session_notes/mod.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { ApiError } from "@/api/errors.ts";
import { defineRoute, errorDoc, idParam, json, jsonBody } from "@/api/route.ts";

const params = z.object({ id: idParam("booking", "The booking's id.") });
const party = owned(
  signedIn,
  "the caller is the booking's learner (reads) or expert (reads and writes)",
);

const readRoute = defineRoute({
  method: "get",
  path: "/bookings/{id}/notes",
  operationId: "getSessionNotes",
  summary: "A session's shared notes, and whether the caller may write them",
  "x-access": party,
  request: { params },
  responses: {
    200: json(
      "The notes (null until written).",
      z.object({
        note: sessionNoteSchema.nullable(),
        canWrite: z.boolean().describe(
          "True for the expert once the session has started, unless it was cancelled.",
        ),
      }),
    ),
    404: errorDoc("The caller has no booking with this id."),
  },
});

const writeRoute = defineRoute({
  method: "put",
  path: "/bookings/{id}/notes",
  operationId: "writeSessionNotes",
  summary: "Write the session's shared notes (the expert)",
  description:
    "Replaces the whole text; empty text removes the notes. Plain text, at most 5,000 characters.",
  "x-access": party,
  request: { params, body: jsonBody(writeSessionNoteSchema) },
  responses: {
    200: json(
      "The notes as saved; null once removed.",
      z.object({ note: sessionNoteSchema.nullable() }),
    ),
    403: errorDoc(
      "The caller is the booking's learner, who reads but does not write the notes (error: forbidden); or a request sent from another site (error: csrf_rejected).",
    ),
    404: errorDoc("The caller has no booking with this id."),
    409: errorDoc(
      "The session has not started yet, or was cancelled (error: conflict).",
    ),
  },
});

/** Defines the session notes operations on `api`. */
export function sessionNoteRoutes(api: ApiApp): void {
  api.openapi(readRoute, async (c) => {
    const state = await getSessionNoteFor(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("param").id,
    );
    return c.json({ note: state.note, canWrite: state.canWrite }, 200);
  });

  api.openapi(writeRoute, async (c) => {
    try {
      const note = await writeSessionNote(
        c.env.kv,
        currentUser(c).id,
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      return c.json({ note }, 200);
    } catch (error) {
      if (error instanceof NoteWriterError) {
        throw new ApiError(403, "forbidden", error.message);
      }
      throw error;
    }
  });
}

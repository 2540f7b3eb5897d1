/**
 * An expert's application: the step fields, credential documents, and
 * sending it for review. Every operation acts on the caller's own
 * application: ids in paths are looked up under the caller's user id, so
 * another expert's document simply is not found (404).
 */
import { z } from "zod";
import { owned, role } from "@/auth/policy.ts";
import {
  addApplicationDocument,
  type ApplicationDocument,
  type ApplicationView,
  getApplication,
  getApplicationDocument,
  removeApplicationDocument,
  reopenApplication,
  saveApplication,
  submitApplication,
} from "@/services/applications/mod.ts";
import { fileResponse } from "@/services/storage/mod.ts";
import { ApiError } from "@/api/errors.ts";
import {
  applicationBodySchema,
  applicationDocumentSchema,
  applicationResponseSchema,
} from "@/api/expert_schemas.ts";
import { type ApiApp, currentUser } from "@/api/http.ts";
import { readUploadForm } from "@/api/uploads.ts";
import {
  defineRoute,
  errorDoc,
  idParam,
  json,
  jsonBody,
  noContent,
} from "@/api/route.ts";

const expert = role("expert");

/** A document as clients see it: its storage key stays on the server. */
export function publicDocument(document: ApplicationDocument) {
  const { fileKey: _fileKey, ...rest } = document;
  return rest;
}

/** An application as clients see it. */
export function publicApplication(application: ApplicationView) {
  const { statusEntryId: _statusEntryId, ...rest } = application;
  return { ...rest, documents: application.documents.map(publicDocument) };
}

/** A stored file, streamed with its type, name and `private, no-store`. */
export const fileDownload = {
  description:
    "The file, streamed with its content type (PDF, PNG or JPEG, read from its bytes), Content-Disposition with its name, and Cache-Control: private, no-store.",
  content: Object.fromEntries(
    ["application/pdf", "image/png", "image/jpeg"].map((type) => [
      type,
      { schema: { type: "string" as const, format: "binary" } },
    ]),
  ),
};

/**
 * Streams a document of `userId`'s application with its name (see
 * {@linkcode fileDownload}), or a 404 when the application has no such
 * document.
 */
export async function documentDownload(
  kv: Deno.Kv,
  userId: string,
  documentId: string,
): Promise<Response> {
  const found = await getApplicationDocument(kv, userId, documentId);
  if (found === null) {
    throw new ApiError(404, "not_found", "No such document.");
  }
  return fileResponse(found, { filename: found.document.name });
}

const notEditable = errorDoc(
  "The application is not editable now: pending, approved or rejected (error: conflict).",
);
const documentParams = z.object({
  id: idParam("document", "A document id from the application."),
});
const noSuchDocument = errorDoc(
  "The caller's application has no such document.",
);

const getRoute = defineRoute({
  method: "get",
  path: "/expert/application",
  operationId: "getMyApplication",
  summary: "The caller's expert application",
  description:
    "Status (draft, pending, changes_requested, approved, rejected), step fields, which steps are complete, documents and reviewer notes. A blank draft before anything is saved.",
  "x-access": expert,
  responses: { 200: json("The application.", applicationResponseSchema) },
});

const saveRoute = defineRoute({
  method: "put",
  path: "/expert/application",
  operationId: "saveMyApplication",
  summary: "Save any subset of the application's step fields",
  description:
    "Every field given is validated; on any error nothing is stored. null clears an optional field. Text is stored as plain text (HTML is shown literally, never rendered).",
  "x-access": expert,
  request: { body: jsonBody(applicationBodySchema) },
  responses: {
    200: json("Saved.", applicationResponseSchema),
    409: notEditable,
  },
});

const uploadRoute = defineRoute({
  method: "post",
  path: "/expert/application/documents",
  operationId: "uploadApplicationDocument",
  summary: "Upload a credential document",
  description:
    "multipart/form-data with the file in the field `file`: PDF, PNG or JPEG up to 10 MB, its type read from its bytes (a name or declared type that disagrees is refused). At most 10 documents.",
  "x-access": expert,
  request: {
    // Read by the handler, not a validator, to answer with what is wrong
    // with the file itself (details.file).
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["file"],
            properties: { file: { type: "string", format: "binary" } },
          },
        },
      },
    },
  },
  responses: {
    201: json(
      "Stored.",
      z.object({ document: applicationDocumentSchema }),
    ),
    400: errorDoc(
      "Not multipart, no file, or the file is empty, over 10 MB, of another type or disguised (details.file says which).",
    ),
    409: notEditable,
  },
});

const downloadRoute = defineRoute({
  method: "get",
  path: "/expert/application/documents/{id}",
  operationId: "downloadMyApplicationDocument",
  summary: "Download one of the caller's documents",
  "x-access": owned(expert, "the document is in the caller's application"),
  request: { params: documentParams },
  responses: { 200: fileDownload, 404: noSuchDocument },
});

const deleteRoute = defineRoute({
  method: "delete",
  path: "/expert/application/documents/{id}",
  operationId: "deleteMyApplicationDocument",
  summary: "Remove a document from the caller's application",
  "x-access": owned(expert, "the document is in the caller's application"),
  request: { params: documentParams },
  responses: {
    204: noContent("Removed."),
    404: noSuchDocument,
    409: notEditable,
  },
});

const submitRoute = defineRoute({
  method: "post",
  path: "/expert/application/submit",
  operationId: "submitMyApplication",
  summary: "Send the application for review",
  description:
    "Needs every step complete: profile, expertise, at least one active offering, at least one document, and a confirmed email address. The status becomes pending, and the offerings are locked until an admin decides.",
  "x-access": expert,
  responses: {
    200: json("Submitted: pending review.", applicationResponseSchema),
    400: errorDoc(
      "Steps are missing, or the email address is not confirmed yet: the message says which, and details lists each missing field (`email` for the address).",
    ),
    409: notEditable,
  },
});

const reopenRoute = defineRoute({
  method: "post",
  path: "/expert/application/reopen",
  operationId: "reopenMyApplication",
  summary: "Apply again after a rejection",
  description:
    'A rejected application becomes a draft again, with its answers, documents and reviewer notes kept, 30 days after the decision; the rejection email and the application page say from when. After "changes requested" no reopening is needed: the application is editable at once.',
  "x-access": expert,
  responses: {
    200: json("A draft again: edit and submit it.", applicationResponseSchema),
    409: errorDoc(
      "The application is not rejected, or it is too early: the message says from which date (error: conflict).",
    ),
  },
});

/** Defines /api/expert/application* on `api`. */
export function expertApplicationRoutes(api: ApiApp): void {
  api.openapi(getRoute, async (c) => {
    const application = await getApplication(c.env.kv, currentUser(c).id);
    return c.json({ application: publicApplication(application) }, 200);
  });

  api.openapi(saveRoute, async (c) => {
    const application = await saveApplication(
      c.env.kv,
      currentUser(c).id,
      c.req.valid("json"),
    );
    return c.json({ application: publicApplication(application) }, 200);
  });

  api.openapi(uploadRoute, async (c) => {
    const { file } = await readUploadForm(c, { noun: "file", verb: "upload" });
    const document = await addApplicationDocument(
      c.env.kv,
      currentUser(c).id,
      file,
    );
    return c.json({ document: publicDocument(document) }, 201);
  });

  api.openapi(downloadRoute, async (c) => {
    const { id } = c.req.valid("param");
    return await documentDownload(c.env.kv, currentUser(c).id, id);
  });

  api.openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid("param");
    await removeApplicationDocument(c.env.kv, currentUser(c).id, id);
    return c.body(null, 204);
  });

  api.openapi(submitRoute, async (c) => {
    const application = await submitApplication(c.env.kv, currentUser(c).id);
    return c.json({ application: publicApplication(application) }, 200);
  });

  api.openapi(reopenRoute, async (c) => {
    const application = await reopenApplication(c.env.kv, currentUser(c).id);
    return c.json({ application: publicApplication(application) }, 200);
  });
}
